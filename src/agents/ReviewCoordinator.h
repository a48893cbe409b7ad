#pragma once

#include "core/DocumentSchema.h"
#include "core/Extraction.h"
#include "core/Issue.h"
#include "core/Page.h"
#include "core/ReviewDecision.h"

#include <QStringList>

namespace docket {

// Everything the review policy looks at.
struct ReviewInput
{
    const DocumentSchema *schema = nullptr;
    const Extraction *extraction = nullptr;
    const ValidationReport *validation = nullptr;
    const DocumentContent *content = nullptr;
    QStringList disagreements; // fields on which engines disagree
};

struct ReviewPolicy
{
    double fieldThreshold = 0.95; // any field below needs review
    double typeThreshold = 0.90;  // a type confidence below needs review
    int maxPages = 20;            // more pages is unusual
};

class ReviewCoordinator
{
public:
    virtual ~ReviewCoordinator() = default;
    virtual ReviewDecision decide(const ReviewInput &input) const = 0;
};

} // namespace docket
