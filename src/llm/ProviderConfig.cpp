#include "ProviderConfig.h"

#include <algorithm>

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

bool ProviderConfig::isReasoningModel() const
{
    const QString m = model.section(QLatin1Char('/'), -1).toLower();
    for (const char *prefix : {"o1", "o3", "o4", "gpt-5"})
        if (m.startsWith(QLatin1String(prefix)))
            return true;
    return false;
}

std::optional<double> ProviderConfig::effectiveTemperature(std::optional<double> requested) const
{
    if (isReasoningModel())
        return std::nullopt;
    return requested ? requested : temperature;
}

int ProviderConfig::effectiveMaxOutputTokens(int requested) const
{
    const int n = requested > 0 ? requested : maxOutputTokens;
    return isReasoningModel() && n > 0 ? std::max(n, 16000) : n;
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
