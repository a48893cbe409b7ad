#pragma once

#include "LlmRequest.h"
#include "LlmResponse.h"
#include "agents/AgentContext.h"
#include "core/Result.h"

#include <QList>
#include <QSize>
#include <QString>

namespace docket {

class LlmClient;
class LlmSpend;

// The requests one agent makes for one document: each is checked against the budget before
// it is sent (blocked: "budget_blocked", nothing sent), its billed usage priced, recorded and
// added to AgentContext::usage (and recorded as one usage row of AgentContext::documentId),
// a budget at 80% or more becomes a notice of the context, and it is cancelled with the
// context's token.
class LlmSession
{
public:
    LlmSession(LlmClient &client, const LlmSpend *spend, AgentContext &ctx);

    Result<LlmResponse> send(const LlmRequest &request, const QString &step,
                             const QList<QSize> &images = {});
    // Structured output: json_schema when the provider supports it; else JSON mode with the
    // schema in the prompt and one repair pass when the answer does not parse.
    Result<LlmResponse> sendStructured(LlmRequest request, const QString &step,
                                       const QList<QSize> &images = {});

    LlmClient &client() { return m_client; }
    // A warning for the document's result (once per code), e.g. "budget_warning" when a
    // request brings a budget to 80% or more.
    static void addNotice(AgentContext &ctx, const QString &code, const QString &message,
                          const QString &source = QStringLiteral("llm"));
    AgentContext &context() { return m_ctx; }

private:
    LlmClient &m_client;
    const LlmSpend *m_spend;
    AgentContext &m_ctx;
};

} // namespace docket
