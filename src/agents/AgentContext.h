#pragma once

#include "core/CancelToken.h"
#include "core/Usage.h"

#include <QString>

namespace docket {

class SchemaRegistry;
class VendorMemory;

// What an agent may use besides the document's text: the schemas, cancellation, the stored
// original (for engines that look at page images), a usage accumulator, and the vendor
// layout memory learnt from reviewers' corrections (may be null).
struct AgentContext
{
    const SchemaRegistry *schemas = nullptr;
    CancelToken cancel;
    QString storedPath;
    Usage usage;
    const VendorMemory *memory = nullptr;
};

} // namespace docket
