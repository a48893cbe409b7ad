#pragma once

#include "AgentContext.h"
#include "core/DocumentSchema.h"
#include "core/Extraction.h"
#include "core/Page.h"
#include "core/Result.h"

namespace docket {

class Extractor
{
public:
    virtual ~Extractor() = default;
    // Fills every field of the schema it can find, with normalised value, raw text,
    // calibrated confidence, page, box and source; and the schema's table rows.
    virtual Result<Extraction> extract(const DocumentContent &content, const DocumentSchema &schema,
                                       AgentContext &ctx) = 0;
};

} // namespace docket
