#include "LlmSession.h"

#include "JsonText.h"
#include "LlmClient.h"
#include "LlmSpend.h"
#include "PromptLibrary.h"

#include <QJsonDocument>

namespace docket {

LlmSession::LlmSession(LlmClient &client, const LlmSpend *spend, AgentContext &ctx)
    : m_client(client), m_spend(spend), m_ctx(ctx)
{}

Result<LlmResponse> LlmSession::send(const LlmRequest &request, const QString &step,
                                     const QList<QSize> &images)
{
    const ProviderConfig &config = m_client.config();
    const int maxOut = config.effectiveMaxOutputTokens(request.maxOutputTokens);
    BudgetReservation reservation;
    if (m_spend) {
        auto reserved = m_spend->reserve(config.name, config.model, request, maxOut, images);
        if (!reserved)
            return reserved.error();
        reservation = reserved.takeValue();
        if (reservation.check().verdict == BudgetVerdict::Warn)
            addNotice(m_ctx, QStringLiteral("budget_warning"), reservation.check().message,
                      QStringLiteral("cost"));
    }
    LlmRequest r = request;
    if (r.purpose.isEmpty())
        r.purpose = step;
    Usage billed;
    auto result = m_client.sendAndWait(r, m_ctx.cancel, &billed);
    if (billed.requests > 0) {
        if (m_spend)
            billed = m_spend->settle(reservation, config.name, config.model, step, billed,
                                     m_ctx.documentId);
        m_ctx.usage += billed;
        if (result)
            result.value().usage = billed;
    } else {
        reservation.release(); // nothing billed: no answer came
    }
    return result;
}

void LlmSession::addNotice(AgentContext &ctx, const QString &code, const QString &message,
                           const QString &source)
{
    for (const Issue &i : ctx.notices)
        if (i.code == code)
            return; // once per document
    Issue notice;
    notice.severity = Issue::Severity::Warning;
    notice.code = code;
    notice.message = message;
    notice.source = source;
    ctx.notices.append(notice);
}

Result<LlmResponse> LlmSession::sendStructured(LlmRequest request, const QString &step,
                                               const QList<QSize> &images)
{
    if (request.jsonSchema.isEmpty() || m_client.config().jsonSchemaSupported)
        return send(request, step, images);

    // JSON mode: the schema travels in the prompt; one repair pass if the answer is not JSON.
    const QString schemaText =
        QString::fromUtf8(QJsonDocument(request.jsonSchema).toJson(QJsonDocument::Compact));
    request.jsonMode = true;
    request.tolerateBadJson = true;
    for (auto it = request.messages.rbegin(); it != request.messages.rend(); ++it) {
        if (it->role == LlmMessage::Role::User) {
            it->parts.append(LlmContentPart::fromText(PromptLibrary::render(
                QStringLiteral("json_mode_user"), {{QStringLiteral("schema"), schemaText}})));
            break;
        }
    }
    auto first = send(request, step, images);
    if (!first || first.value().jsonError.isEmpty())
        return first;

    LlmMessage answer;
    answer.role = LlmMessage::Role::Assistant;
    answer.parts = {LlmContentPart::fromText(first.value().text.left(20000))};
    request.messages.append(answer);
    request.messages.append(LlmMessage::user({LlmContentPart::fromText(PromptLibrary::render(
        QStringLiteral("repair_user"), {{QStringLiteral("error"), first.value().jsonError},
                                        {QStringLiteral("schema"), schemaText}}))}));
    request.tolerateBadJson = false;
    return send(request, step + QStringLiteral("_repair"), images);
}

} // namespace docket
