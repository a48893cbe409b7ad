#pragma once

#include "LlmInputBuilder.h"

namespace docket {

// How the LLM agents work, the same for every provider.
struct LlmAgentOptions
{
    LlmInputOptions input;
    // A model's own certainty is not calibrated: every value it gives gets this prior and
    // validation and review decide the rest (the review threshold is 0.95 by default, so an
    // LLM value alone never auto-approves).
    double presentConfidence = 0.9;
    double classifyConfidence = 0.9;
    int classifyMaxPages = 2;
    int maxToolRounds = 3; // tool-call rounds before the model must answer
    int maxToolCallsPerRound = 4;
    // Where page images come from; unset: rendered from AgentContext::storedPath.
    PageImageSource images;
};

} // namespace docket
