#pragma once

#include <QtGlobal>

namespace docket {

// Limits that keep a hostile file from exhausting the machine.
struct IngestLimits
{
    qint64 maxFileBytes = 200ll * 1024 * 1024; // 200 MiB
    int maxPages = 2000;
    int parseTimeoutMs = 20000;       // opening and reading one document
    int maxImagePixels = 120'000'000; // decoded image size (width * height)
};

} // namespace docket
