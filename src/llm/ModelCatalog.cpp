#include "ModelCatalog.h"

#include "LlmLog.h"
#include "Redactor.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimeZone>

#include <algorithm>

namespace docket {

Result<QList<LlmModelInfo>> ModelCatalog::parse(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject() || !doc.object().value(QStringLiteral("data")).isArray())
        return Error{QStringLiteral("llm_bad_json"),
                     QCoreApplication::translate("LlmClient", "The model list is not readable.")};
    QList<LlmModelInfo> out;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("data")).toArray()) {
        const QJsonObject o = v.toObject();
        LlmModelInfo m;
        m.id = o.value(QStringLiteral("id")).toString();
        m.ownedBy = o.value(QStringLiteral("owned_by")).toString();
        const QJsonValue shutdown = o.value(QStringLiteral("shutdown_date"));
        if (shutdown.isString())
            m.shutdownDate = QDate::fromString(shutdown.toString().left(10), Qt::ISODate);
        else if (shutdown.isDouble())
            m.shutdownDate =
                QDateTime::fromSecsSinceEpoch(qint64(shutdown.toDouble()), QTimeZone::utc()).date();
        if (!m.id.isEmpty())
            out.append(m);
    }
    std::sort(out.begin(), out.end(),
              [](const LlmModelInfo &a, const LlmModelInfo &b) { return a.id < b.id; });
    return out;
}

void ModelCatalog::fetch(QNetworkAccessManager *nam, const ProviderConfig &config, QObject *context,
                         Callback done)
{
    QUrl url = config.baseUrl;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/models"));
    QNetworkRequest req(url);
    req.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (!config.apiKey.isEmpty())
        req.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + config.apiKey.toUtf8());
    req.setTransferTimeout(std::min(config.timeoutMs, 30000));
    Redactor::addSecret(config.apiKey);
    QNetworkReply *reply = nam->get(req);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done, name = config.name] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
        qCInfo(lcLlm).noquote() << name << "GET models status" << status << "x-request-id"
                                << QString::fromLatin1(reply->rawHeader("x-request-id"));
        if (status == 0) {
            const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                                  reply->error() == QNetworkReply::TimeoutError;
            done(timedOut ? Error{QStringLiteral("llm_timeout"),
                                  QCoreApplication::translate(
                                      "LlmClient", "The AI provider did not answer in time.")}
                          : Error{QStringLiteral("llm_network"),
                                  QCoreApplication::translate(
                                      "LlmClient", "The AI provider could not be reached: %1")
                                      .arg(redacted(reply->errorString()))});
            return;
        }
        if (status == 401) {
            done(Error{
                QStringLiteral("llm_auth"),
                QCoreApplication::translate("LlmClient", "The AI provider refused the API key.")});
            return;
        }
        if (status < 200 || status >= 300) {
            done(Error{QStringLiteral("llm_http_%1").arg(status),
                       QCoreApplication::translate("LlmClient", "The AI provider answered HTTP %1.")
                           .arg(status)});
            return;
        }
        done(parse(body));
    });
}

} // namespace docket
