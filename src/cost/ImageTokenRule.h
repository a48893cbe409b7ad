#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QSize>

#include <optional>

namespace docket {

// How a model counts the tokens of an input image, as pricing.json describes it:
//  "tiles"   {"tile_px": 512, "base_tokens": n, "tokens_per_tile": n}   (gpt-4o/4.1/5 families)
//  "patches" {"patch_px": 32, "max_patches": n, "multiplier": x}        (mini/nano models)
//  "fixed"   {"tokens": n}                                              (Moonshot: 1,024)
//  "unknown"
// Figures the pricing file leaves null are unknown; the estimate then falls back to one token
// per 32-px patch (the reference's patch rule) and says it is not exact. Bills always come
// from the usage the provider returns; this is only for estimates before a request.
struct ImageTokenRule
{
    enum class Mode
    {
        Unknown,
        Tiles,
        Patches,
        Fixed
    };
    static constexpr int kFallbackPatchPx = 32;

    Mode mode = Mode::Unknown;
    int tilePx = 512;
    std::optional<qint64> baseTokens;
    std::optional<qint64> tokensPerTile;
    int patchPx = kFallbackPatchPx;
    std::optional<qint64> maxPatches;
    std::optional<double> multiplier; // a token count factor, not money
    std::optional<qint64> fixedTokens;

    // Tokens for one image of that size in pixels as sent; lowDetail counts only the base
    // tokens of a tile rule. exact (optional) tells whether every figure used was known.
    qint64 tokensFor(const QSize &image, bool lowDetail = false, bool *exact = nullptr) const;

    static Result<ImageTokenRule> fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

} // namespace docket
