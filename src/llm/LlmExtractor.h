#pragma once

#include "LlmAgentOptions.h"
#include "agents/Extractor.h"

#include <memory>

namespace docket {

class KimiVlTool;
class LlmClient;
class LlmSpend;

// Extracts the fields of a schema with a model: strict structured output from the schema's
// JSON Schema, the document as text and/or page images, and, for providers with function
// calling when a Kimi-VL tool is given, the extract_with_kimi_vl tool in a bounded tool-call
// loop. For providers without json_schema support (Kimi-VL on some servers): JSON mode and one
// repair pass. Values get a fixed prior confidence; validation and review decide.
// Used by one worker thread (the client's).
class LlmExtractor : public Extractor
{
public:
    LlmExtractor(std::shared_ptr<LlmClient> client, std::shared_ptr<const LlmSpend> spend = {},
                 LlmAgentOptions options = LlmAgentOptions(),
                 std::shared_ptr<KimiVlTool> kimiTool = {});
    ~LlmExtractor() override;

    Result<Extraction> extract(const DocumentContent &content, const DocumentSchema &schema,
                               AgentContext &ctx) override;

    int lastToolRounds() const { return m_lastToolRounds; }

private:
    std::shared_ptr<LlmClient> m_client;
    std::shared_ptr<const LlmSpend> m_spend;
    LlmAgentOptions m_options;
    std::shared_ptr<KimiVlTool> m_kimiTool;
    int m_lastToolRounds = 0;
};

} // namespace docket
