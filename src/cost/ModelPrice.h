#pragma once

#include "ImageTokenRule.h"
#include "UsdAmount.h"
#include "core/Result.h"

#include <QDate>
#include <QJsonObject>
#include <QString>

namespace docket {

// The tokens of one request as a provider's usage reports them. input includes cached
// (OpenAI's prompt_tokens / input_tokens include prompt_tokens_details.cached_tokens).
struct TokenCounts
{
    qint64 input = 0;
    qint64 cached = 0;
    qint64 output = 0; // including reasoning tokens
};

// One model's entry of pricing.json. Prices are kept exactly as picodollars per token
// (= USD per million tokens x 1,000,000), so 0.005 USD / 1M is 5,000.
struct ModelPrice
{
    QString model;
    QString provider;
    qint64 inputPico = 0;  // per token
    qint64 cachedPico = 0; // per cached input token
    qint64 outputPico = 0; // per output token
    QDate shutdownDate;    // null when none is announced
    ImageTokenRule image;
    QString notes;

    // (input - cached) x input price + cached x cached price + output x output price,
    // rounded half up to the nanodollar. Cached tokens beyond input count as input.
    UsdAmount cost(const TokenCounts &tokens) const;
    bool isShutDown(const QDate &today) const
    {
        return shutdownDate.isValid() && today >= shutdownDate;
    }

    static qint64 picoFromUsdPerMillion(const UsdAmount &usdPerMillion)
    {
        return usdPerMillion.nanos() / 1000;
    }
    static UsdAmount usdPerMillion(qint64 picoPerToken)
    {
        return UsdAmount::fromNanos(picoPerToken * 1000);
    }

    // {"provider", "input", "cached_input", "output", "shutdown_date", "image_tokens", "notes"}
    // input and output are required; cached_input defaults to input (no discount known).
    static Result<ModelPrice> fromJson(const QString &model, const QJsonObject &object);
    QJsonObject toJson() const;
};

} // namespace docket
