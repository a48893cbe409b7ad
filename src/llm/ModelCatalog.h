#pragma once

#include "ProviderConfig.h"
#include "core/Result.h"

#include <QDate>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class QNetworkAccessManager;

namespace docket {

// One model a provider offers (GET {base}/models), with the date it is shut down, if any.
struct LlmModelInfo
{
    QString id;
    QString ownedBy;
    QDate shutdownDate; // null: none announced

    bool isRetiredOn(const QDate &day) const
    {
        return shutdownDate.isValid() && day >= shutdownDate;
    }
};

// Lists a provider's models (for the settings dialog: pick a model, see its shutdown date).
// Asynchronous in the caller's thread; errors as LlmClient's (llm_auth, llm_http_<status>,
// llm_timeout, llm_network, llm_bad_json).
class ModelCatalog
{
public:
    using Callback = std::function<void(Result<QList<LlmModelInfo>>)>;

    static void fetch(QNetworkAccessManager *nam, const ProviderConfig &config, QObject *context,
                      Callback done);
    static Result<QList<LlmModelInfo>> parse(const QByteArray &body);
};

} // namespace docket
