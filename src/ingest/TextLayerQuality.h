#pragma once

#include "core/Page.h"

namespace docket {

// Decides whether a page's text layer can be trusted or the page must be OCR'd:
// empty, too few words for the page's ink, mostly unprintable or mis-encoded glyphs
// (e.g. "(cid:12)" or private-use characters), or mostly non-words.
struct TextLayerQuality
{
    double score = 0;    // 0..1, 1 = clean text
    bool usable = false; // score above threshold and enough words
    QString reason;      // why not usable: "empty", "garbled", "sparse"

    static TextLayerQuality assess(const Page &page);
};

} // namespace docket
