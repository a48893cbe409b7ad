#pragma once

#include "ModelPrice.h"
#include "UsdAmount.h"
#include "core/Result.h"
#include "core/Usage.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QSize>
#include <QString>
#include <QStringList>

namespace docket {

// What a request is expected to use, for an estimate before it is sent.
struct EstimateRequest
{
    qint64 inputTokens = 0;     // text (and tool/schema) tokens of the prompt
    qint64 cachedTokens = 0;    // of those, expected from the prompt cache (0: be safe)
    qint64 maxOutputTokens = 0; // the request's max_output_tokens: the worst case
    QList<QSize> images;        // page images as sent, in pixels
    bool lowDetail = false;     // "detail": "low"
};

struct CostEstimate
{
    QString model; // the pricing entry used
    qint64 textTokens = 0;
    qint64 imageTokens = 0;
    qint64 cachedTokens = 0;
    qint64 outputTokens = 0;
    UsdAmount cost;
    bool exact = true; // false when an image rule lacked figures (see ImageTokenRule)

    qint64 inputTokens() const { return textTokens + imageTokens; }
};

// Prices per model from resources/pricing.json (compiled in as ":/pricing/pricing.json"),
// overridable per model by a user file of the same format. Read-only after loading: safe to
// share between threads.
class PricingTable
{
public:
    PricingTable() = default;

    // builtinJson: {"models": {"gpt-4o": {...}, ...}}. A user file, when given and present,
    // overrides per model and per key (only "input" may be given) and may add models.
    static Result<PricingTable> load(const QByteArray &builtinJson, const QString &userFile = {});
    // The compiled-in table plus the user's file (defaultUserFile() unless given).
    static Result<PricingTable> loadDefault(const QString &userFile = defaultUserFile());
    static QByteArray builtinJson();
    static QString defaultUserFile(); // <AppConfigLocation>/pricing.json

    // Exact name, else the entry whose name the model starts with followed by a dated or
    // numbered suffix ("gpt-4o-2024-08-06" -> "gpt-4o"; never "gpt-4o-mini" -> "gpt-4o").
    const ModelPrice *price(const QString &model) const;
    QStringList models() const;
    // Models already shut down on `today` or shutting down within `withinDays` days, soonest
    // first: for the supervisor's dashboard and the settings ("gpt-5 shuts down on ...").
    QList<const ModelPrice *> shutdownsWithin(const QDate &today, int withinDays = 30) const;
    bool isEmpty() const { return m_prices.isEmpty(); }

    Result<UsdAmount> cost(const QString &model, const TokenCounts &tokens) const;
    // From a provider usage (inputTokens include cachedTokens).
    Result<UsdAmount> cost(const QString &model, const Usage &usage) const;
    Result<CostEstimate> estimate(const QString &model, const EstimateRequest &request) const;

    // A rough token count for text not yet tokenised: one token per four characters, rounded
    // up (the usual rule of thumb for English; estimates only, never bills).
    static qint64 approxTextTokens(QStringView text);

    QByteArray toJson() const;

private:
    Error unknownModel(const QString &model) const;
    QMap<QString, ModelPrice> m_prices;
};

} // namespace docket
