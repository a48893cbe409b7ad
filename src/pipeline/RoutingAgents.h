#pragma once

#include "agents/Classifier.h"
#include "agents/Extractor.h"
#include "agents/ReviewCoordinator.h"

#include <memory>

namespace docket {

// The "auto" engine: the offline agents first; an LLM only for what they are unsure of.
// Kimi-VL (vision) is preferred for scanned pages, OpenAI for text. When a provider fails or
// the budget blocks it, the offline result stands and the failure becomes a warning.
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

} // namespace docket
