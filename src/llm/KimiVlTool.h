#pragma once

#include "LlmInputBuilder.h"
#include "LlmRequest.h"
#include "agents/AgentContext.h"
#include "core/DocumentSchema.h"

#include <memory>

namespace docket {

class LlmClient;
class LlmSpend;

// The function extract_with_kimi_vl(page, region, fields) offered to the OpenAI extractor:
// crops a region of a page image and asks Kimi-VL (an OCR-strong vision model behind a Chat
// Completions endpoint) for the named fields. Answers JSON text for the function output:
// {"page": n, "values": {field: value|null}} or {"error": "..."} (the model carries on).
class KimiVlTool
{
public:
    KimiVlTool(std::shared_ptr<LlmClient> kimi, std::shared_ptr<const LlmSpend> spend = {});
    ~KimiVlTool();

    static QString name() { return QStringLiteral("extract_with_kimi_vl"); }
    static LlmToolSpec spec();

    QString run(const QString &arguments, const DocumentSchema &schema,
                const PageImageSource &images, int pageCount, AgentContext &ctx) const;

    int calls() const { return m_calls; }

private:
    std::shared_ptr<LlmClient> m_kimi;
    std::shared_ptr<const LlmSpend> m_spend;
    mutable int m_calls = 0;
};

} // namespace docket
