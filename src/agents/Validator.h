#pragma once

#include "core/DocumentSchema.h"
#include "core/Extraction.h"
#include "core/Issue.h"

namespace docket {

class Validator
{
public:
    virtual ~Validator() = default;
    virtual ValidationReport validate(const Extraction &extraction,
                                      const DocumentSchema &schema) const = 0;
};

} // namespace docket
