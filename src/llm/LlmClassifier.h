#pragma once

#include "LlmAgentOptions.h"
#include "agents/Classifier.h"

#include <memory>

namespace docket {

class LlmClient;
class LlmSpend;

// Classifies a document with a model: the first pages (text, or images when the text is
// poor) and the list of known types; structured output restricted to the type names. The
// confidence is a fixed prior (LlmAgentOptions::classifyConfidence), never the model's own.
// Used by one worker thread (the client's).
class LlmClassifier : public Classifier
{
public:
    LlmClassifier(std::shared_ptr<LlmClient> client, std::shared_ptr<const LlmSpend> spend = {},
                  LlmAgentOptions options = LlmAgentOptions());
    ~LlmClassifier() override;

    Result<Classification> classify(const DocumentContent &content, AgentContext &ctx) override;

private:
    std::shared_ptr<LlmClient> m_client;
    std::shared_ptr<const LlmSpend> m_spend;
    LlmAgentOptions m_options;
};

} // namespace docket
