#pragma once

#include "core/Document.h"
#include "core/Extraction.h"
#include "core/Issue.h"

namespace docket {

// What the review screen shows of one document: its record, the newest extraction and
// that extraction's validation issues.
struct LoadedDocument
{
    Document document;
    Extraction extraction;
    ValidationReport report;
    bool hasExtraction = false;
};

} // namespace docket
