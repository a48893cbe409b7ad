#include "ConnectionTester.h"

#include "LlmLog.h"
#include "Redactor.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

namespace docket {

namespace {

// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionTester)
};

QUrl modelsUrl(const QUrl &base)
{
    QUrl url = base;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/models"));
    return url;
}

} // namespace

QString ConnectionTester::providerMessage(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QJsonValue error = o.value(QStringLiteral("error"));
    QString message;
    if (error.isObject())
        message = error.toObject().value(QStringLiteral("message")).toString();
    else if (error.isString())
        message = error.toString();
    if (message.isEmpty())
        message = o.value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        message = o.value(QStringLiteral("detail")).toString();
    return redacted(message.simplified().left(500));
}

Result<QList<LlmModelInfo>> ConnectionTester::testProvider(const ProviderConfig &config,
                                                           int timeoutMs)
{
    if (QCoreApplication::instance() &&
        QThread::currentThread() == QCoreApplication::instance()->thread() &&
        QCoreApplication::instance()->inherits("QGuiApplication"))
        return Error{QStringLiteral("llm_wrong_thread"),
                     Messages::tr("The connection test must not run in the window's thread.")};
    if (!config.baseUrl.isValid() || config.baseUrl.scheme().isEmpty() ||
        config.baseUrl.host().isEmpty())
        return Error{QStringLiteral("llm_bad_url"),
                     Messages::tr("The base URL is not a valid address.")};

    Redactor::addSecret(config.apiKey);
    QNetworkAccessManager nam;
    QNetworkRequest req(modelsUrl(config.baseUrl));
    req.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (!config.apiKey.isEmpty())
        req.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + config.apiKey.toUtf8());
    req.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = nam.get(req);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // A whole-request bound besides the transfer timeout (a server trickling bytes).
    QTimer::singleShot(timeoutMs + 1000, reply, &QNetworkReply::abort);
    if (!reply->isFinished())
        loop.exec();
    reply->deleteLater();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    qCInfo(lcLlm).noquote() << config.name << "connection test: GET models status" << status;
    if (status == 0) {
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                              reply->error() == QNetworkReply::TimeoutError;
        if (timedOut)
            return Error{QStringLiteral("llm_timeout"),
                         Messages::tr("No answer within %1 seconds.").arg(timeoutMs / 1000)};
        return Error{QStringLiteral("llm_network"),
                     Messages::tr("The server could not be reached: %1")
                         .arg(redacted(reply->errorString()))};
    }
    if (status < 200 || status >= 300) {
        const QString said = providerMessage(body);
        const QString code = status == 401 || status == 403
                                 ? QStringLiteral("llm_auth")
                                 : QStringLiteral("llm_http_%1").arg(status);
        QString message =
            status == 401   ? Messages::tr("HTTP 401: the provider refused the API key.")
            : status == 403 ? Messages::tr("HTTP 403: the API key may not use this.")
            : status == 404 ? Messages::tr("HTTP 404: no models list at this base URL.")
                            : Messages::tr("HTTP %1.").arg(status);
        if (!said.isEmpty())
            message += QLatin1Char(' ') + Messages::tr("The provider says: %1").arg(said);
        return Error{code, message};
    }
    return ModelCatalog::parse(body);
}

} // namespace docket
