#include "ProviderConfig.h"

namespace docket {

QUrl ProviderConfig::endpoint() const
{
    QUrl url = baseUrl;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    path += api == LlmApi::Responses ? QStringLiteral("/responses")
                                     : QStringLiteral("/chat/completions");
    url.setPath(path);
    return url;
}

ProviderConfig ProviderConfig::openAi()
{
    return ProviderConfig{};
}

ProviderConfig ProviderConfig::kimiVl()
{
    ProviderConfig c;
    c.name = QStringLiteral("kimi");
    c.api = LlmApi::ChatCompletions;
    c.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8000/v1"));
    c.model = QStringLiteral("moonshotai/Kimi-VL-A3B-Instruct");
    c.temperature = 0.2; // the model card's recommendation for OCR-like work
    c.toolsSupported = false;
    c.stripThinking = true;
    c.sendStore = false;
    c.sendPromptCacheKey = false;
    c.maxConcurrent = 4;
    c.imageMaxSide = 1792;
    return c;
}

} // namespace docket
