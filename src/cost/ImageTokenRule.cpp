#include "ImageTokenRule.h"

#include <QCoreApplication>
#include <QJsonValue>

#include <cmath>

namespace docket {

namespace {

qint64 cells(const QSize &image, int px)
{
    if (px <= 0 || image.isEmpty())
        return 0;
    const qint64 across = (qint64(image.width()) + px - 1) / px;
    const qint64 down = (qint64(image.height()) + px - 1) / px;
    return across * down;
}

std::optional<qint64> optionalCount(const QJsonObject &o, const char *key, bool *ok)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isDouble() || v.toDouble() < 0) {
        *ok = false;
        return std::nullopt;
    }
    return qint64(std::llround(v.toDouble()));
}

QJsonValue json(const std::optional<qint64> &v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue(QJsonValue::Null);
}

} // namespace

qint64 ImageTokenRule::tokensFor(const QSize &image, bool lowDetail, bool *exact) const
{
    bool known = true;
    qint64 tokens = 0;
    const auto patches = [&](int px) {
        qint64 n = cells(image, px);
        if (maxPatches && n > *maxPatches)
            n = *maxPatches;
        return n;
    };
    switch (mode) {
    case Mode::Fixed:
        if (fixedTokens) {
            tokens = *fixedTokens;
        } else {
            known = false;
            tokens = patches(kFallbackPatchPx);
        }
        break;
    case Mode::Tiles:
        if (baseTokens && tokensPerTile) {
            tokens = *baseTokens + (lowDetail ? 0 : *tokensPerTile * cells(image, tilePx));
        } else {
            known = false;
            tokens = patches(kFallbackPatchPx);
        }
        break;
    case Mode::Patches: {
        const qint64 n = patches(patchPx > 0 ? patchPx : kFallbackPatchPx);
        if (multiplier) {
            tokens = qint64(std::ceil(double(n) * *multiplier));
        } else {
            tokens = n;
            known = false;
        }
        known = known && maxPatches.has_value();
        break;
    }
    case Mode::Unknown:
        known = false;
        tokens = patches(kFallbackPatchPx);
        break;
    }
    if (exact)
        *exact = known;
    return tokens;
}

Result<ImageTokenRule> ImageTokenRule::fromJson(const QJsonObject &o)
{
    ImageTokenRule rule;
    const QString mode = o.value(QStringLiteral("mode")).toString();
    if (mode == QLatin1String("tiles"))
        rule.mode = Mode::Tiles;
    else if (mode == QLatin1String("patches"))
        rule.mode = Mode::Patches;
    else if (mode == QLatin1String("fixed"))
        rule.mode = Mode::Fixed;
    else if (mode.isEmpty() || mode == QLatin1String("unknown"))
        rule.mode = Mode::Unknown;
    else
        return Result<ImageTokenRule>::failure(
            QStringLiteral("pricing_invalid"),
            QCoreApplication::translate("PricingTable", "Unknown image token mode \"%1\".")
                .arg(mode));
    bool ok = true;
    rule.tilePx = o.value(QStringLiteral("tile_px")).toInt(512);
    rule.baseTokens = optionalCount(o, "base_tokens", &ok);
    rule.tokensPerTile = optionalCount(o, "tokens_per_tile", &ok);
    rule.patchPx = o.value(QStringLiteral("patch_px")).toInt(kFallbackPatchPx);
    rule.maxPatches = optionalCount(o, "max_patches", &ok);
    rule.fixedTokens = optionalCount(o, "tokens", &ok);
    const QJsonValue m = o.value(QStringLiteral("multiplier"));
    if (m.isDouble() && m.toDouble() > 0)
        rule.multiplier = m.toDouble();
    else if (!m.isUndefined() && !m.isNull())
        ok = false;
    if (!ok || rule.tilePx <= 0 || rule.patchPx <= 0)
        return Result<ImageTokenRule>::failure(
            QStringLiteral("pricing_invalid"),
            QCoreApplication::translate("PricingTable",
                                        "An image token rule has a negative or malformed figure."));
    return rule;
}

QJsonObject ImageTokenRule::toJson() const
{
    switch (mode) {
    case Mode::Tiles:
        return {{QStringLiteral("mode"), QStringLiteral("tiles")},
                {QStringLiteral("tile_px"), tilePx},
                {QStringLiteral("base_tokens"), json(baseTokens)},
                {QStringLiteral("tokens_per_tile"), json(tokensPerTile)}};
    case Mode::Patches:
        return {{QStringLiteral("mode"), QStringLiteral("patches")},
                {QStringLiteral("patch_px"), patchPx},
                {QStringLiteral("max_patches"), json(maxPatches)},
                {QStringLiteral("multiplier"),
                 multiplier ? QJsonValue(*multiplier) : QJsonValue(QJsonValue::Null)}};
    case Mode::Fixed:
        return {{QStringLiteral("mode"), QStringLiteral("fixed")},
                {QStringLiteral("tokens"), json(fixedTokens)}};
    case Mode::Unknown:
        break;
    }
    return {{QStringLiteral("mode"), QStringLiteral("unknown")}};
}

} // namespace docket
