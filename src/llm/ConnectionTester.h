#pragma once

#include "ModelCatalog.h"
#include "ProviderConfig.h"
#include "core/Result.h"

namespace docket {

// "Test connection" of the settings dialog: one cheap real request to a provider,
// GET {base}/models with the key, and the provider's own words when it refuses.
class ConnectionTester
{
public:
    // Blocks the calling thread (its own network manager and a local event loop): call it in
    // a worker thread, never the GUI thread ("llm_wrong_thread" there). The models the
    // provider lists on success. Errors: "llm_auth" (401/403), "llm_http_<status>",
    // "llm_timeout", "llm_network", "llm_bad_json"; the message carries the provider's
    // message (redacted) where its answer has one.
    static Result<QList<LlmModelInfo>> testProvider(const ProviderConfig &config,
                                                    int timeoutMs = 10000);

    // The "message" of an OpenAI-style error body ({"error": {"message": …}} or
    // {"message": …} or {"detail": …}); empty when there is none.
    static QString providerMessage(const QByteArray &body);
};

} // namespace docket
