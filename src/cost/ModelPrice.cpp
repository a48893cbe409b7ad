#include "ModelPrice.h"

#include <QCoreApplication>
#include <QJsonValue>

#include <cmath>

namespace docket {

namespace {

__extension__ using Int128 = __int128;

// A price in USD per 1M tokens, as a JSON number or a decimal string; nullopt if absent.
std::optional<qint64> picoPrice(const QJsonObject &o, const char *key, bool *ok)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    std::optional<UsdAmount> usd;
    if (v.isString())
        usd = UsdAmount::parse(v.toString());
    else if (v.isDouble() && std::isfinite(v.toDouble()) && v.toDouble() < 1e6)
        usd = UsdAmount::fromDouble(v.toDouble());
    if (!usd || usd->isNegative()) {
        *ok = false;
        return std::nullopt;
    }
    return ModelPrice::picoFromUsdPerMillion(*usd);
}

} // namespace

UsdAmount ModelPrice::cost(const TokenCounts &tokens) const
{
    const qint64 input = std::max<qint64>(0, tokens.input);
    const qint64 cached = std::clamp<qint64>(tokens.cached, 0, input);
    const qint64 output = std::max<qint64>(0, tokens.output);
    const Int128 pico = Int128(input - cached) * inputPico + Int128(cached) * cachedPico +
                        Int128(output) * outputPico;
    return UsdAmount::fromNanos(qint64((pico + 500) / 1000));
}

Result<ModelPrice> ModelPrice::fromJson(const QString &model, const QJsonObject &o)
{
    const auto invalid = [&model](const QString &what) {
        return Result<ModelPrice>::failure(
            QStringLiteral("pricing_invalid"),
            QCoreApplication::translate("PricingTable", "Price of %1: %2").arg(model, what));
    };
    ModelPrice p;
    p.model = model;
    p.provider = o.value(QStringLiteral("provider")).toString();
    p.notes = o.value(QStringLiteral("notes")).toString();
    bool ok = true;
    const auto input = picoPrice(o, "input", &ok);
    const auto cached = picoPrice(o, "cached_input", &ok);
    const auto output = picoPrice(o, "output", &ok);
    if (!ok)
        return invalid(QCoreApplication::translate(
            "PricingTable", "prices must be non-negative numbers of USD per 1M tokens."));
    if (!input || !output)
        return invalid(QCoreApplication::translate("PricingTable",
                                                   "the input and output prices are required."));
    p.inputPico = *input;
    p.cachedPico = cached.value_or(*input);
    p.outputPico = *output;
    const QJsonValue shutdown = o.value(QStringLiteral("shutdown_date"));
    if (shutdown.isString() && !shutdown.toString().isEmpty()) {
        p.shutdownDate = QDate::fromString(shutdown.toString(), Qt::ISODate);
        if (!p.shutdownDate.isValid())
            return invalid(QCoreApplication::translate(
                               "PricingTable", "shutdown_date \"%1\" is not a YYYY-MM-DD date.")
                               .arg(shutdown.toString()));
    }
    if (o.contains(QStringLiteral("image_tokens"))) {
        auto rule = ImageTokenRule::fromJson(o.value(QStringLiteral("image_tokens")).toObject());
        if (!rule)
            return invalid(rule.error().message);
        p.image = rule.takeValue();
    }
    return p;
}

QJsonObject ModelPrice::toJson() const
{
    QJsonObject o{{QStringLiteral("provider"), provider},
                  {QStringLiteral("input"), usdPerMillion(inputPico).toString()},
                  {QStringLiteral("cached_input"), usdPerMillion(cachedPico).toString()},
                  {QStringLiteral("output"), usdPerMillion(outputPico).toString()},
                  {QStringLiteral("shutdown_date"),
                   shutdownDate.isValid() ? QJsonValue(shutdownDate.toString(Qt::ISODate))
                                          : QJsonValue(QJsonValue::Null)},
                  {QStringLiteral("image_tokens"), image.toJson()}};
    if (!notes.isEmpty())
        o.insert(QStringLiteral("notes"), notes);
    return o;
}

} // namespace docket
