#pragma once

#include "agents/Classifier.h"
#include "agents/Extractor.h"
#include "agents/ReviewCoordinator.h"

#include <memory>

namespace docket {

// The "auto" engine: the offline agents first; an LLM only for what they are unsure of.
// Kimi-VL (vision) is preferred for scanned pages, OpenAI for text. When a provider fails or
// the budget blocks it, the offline result stands and the failure becomes a notice (a warning
// of the result, "llm_unavailable").
// Where both engines read a field differently, the field is a review reason.
class RoutingClassifier : public Classifier
{
public:
    RoutingClassifier(std::unique_ptr<Classifier> local, std::unique_ptr<Classifier> llm,
                      ReviewPolicy policy);
    Result<Classification> classify(const DocumentContent &content, AgentContext &ctx) override;

private:
    std::unique_ptr<Classifier> m_local;
    std::unique_ptr<Classifier> m_llm;
    ReviewPolicy m_policy;
};

class RoutingExtractor : public Extractor
{
public:
    // textLlm: for documents with a text layer; visionLlm: for scans (either may be null).
    RoutingExtractor(std::unique_ptr<Extractor> local, std::unique_ptr<Extractor> textLlm,
                     std::unique_ptr<Extractor> visionLlm, ReviewPolicy policy);
    Result<Extraction> extract(const DocumentContent &content, const DocumentSchema &schema,
                               AgentContext &ctx) override;

    // Whether the offline result is unsure enough to ask a model.
    static bool needsEscalation(const Extraction &local, const DocumentSchema &schema,
                                const ReviewPolicy &policy);
    // The offline fields that are sure stay; the others come from the model when it has them.
    static Extraction merge(const Extraction &local, const Extraction &llm,
                            const DocumentSchema &schema, const ReviewPolicy &policy);

private:
    std::unique_ptr<Extractor> m_local;
    std::unique_ptr<Extractor> m_textLlm;
    std::unique_ptr<Extractor> m_visionLlm;
    ReviewPolicy m_policy;
};

// What replaces a step's model when it fails: the offline engine (the openai or kimi engine
// when the user allows it: any failure but a cancellation, the budget's block included) or a
// fallback model (failures another model may not repeat: an unknown or retired model, a
// server error, a timeout, a refusal, cut-off or malformed output; not the budget, the key or
// the account's credit). The reason becomes a notice of the result ("llm_fallback_offline",
// "llm_fallback_model"); once a step fell back, the document's later steps go straight to the
// replacement.
struct Fallback
{
    enum class Kind
    {
        OfflineEngine,
        Model
    };
    Kind kind = Kind::OfflineEngine;
    QString model; // the fallback model (Kind::Model), for the notice

    bool covers(const Error &error) const;
    QString noticeCode() const;
    // Records the notice (once per document) and logs the switch.
    void note(AgentContext &ctx, const Error &error) const;
    bool alreadyUsed(const AgentContext &ctx) const;

    // The primary's result, or the secondary's where the primary failed in a way this
    // fallback covers (at once when an earlier step of the document already fell back).
    template <typename Primary, typename Secondary>
    auto run(AgentContext &ctx, Primary primary, Secondary secondary) const -> decltype(primary())
    {
        if (alreadyUsed(ctx))
            return secondary();
        auto first = primary();
        if (first || !covers(first.error()))
            return first;
        note(ctx, first.error());
        return secondary();
    }
};

class FallbackClassifier : public Classifier
{
public:
    FallbackClassifier(std::unique_ptr<Classifier> primary, std::unique_ptr<Classifier> secondary,
                       Fallback fallback);
    Result<Classification> classify(const DocumentContent &content, AgentContext &ctx) override;

private:
    std::unique_ptr<Classifier> m_primary;
    std::unique_ptr<Classifier> m_secondary;
    Fallback m_fallback;
};

class FallbackExtractor : public Extractor
{
public:
    FallbackExtractor(std::unique_ptr<Extractor> primary, std::unique_ptr<Extractor> secondary,
                      Fallback fallback);
    Result<Extraction> extract(const DocumentContent &content, const DocumentSchema &schema,
                               AgentContext &ctx) override;

private:
    std::unique_ptr<Extractor> m_primary;
    std::unique_ptr<Extractor> m_secondary;
    Fallback m_fallback;
};

} // namespace docket
