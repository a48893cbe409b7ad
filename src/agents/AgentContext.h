#pragma once

#include "core/CancelToken.h"
#include "core/Issue.h"
#include "core/Usage.h"

#include <QList>
#include <QString>

#include <memory>

namespace docket {

class LayoutIndex;
class SchemaRegistry;
class VendorMemory;

// What an agent may use besides the document's text: the schemas, cancellation, the stored
// original (for engines that look at page images), a usage accumulator, and the vendor
// layout memory learnt from reviewers' corrections (may be null); the document's id (for the
// usage ledger: 0 when not stored) and notices for the result (warnings the agents raise
// besides validation: a budget near its limit, a provider that failed and was replaced).
struct AgentContext
{
    const SchemaRegistry *schemas = nullptr;
    CancelToken cancel;
    QString storedPath;
    Usage usage;
    const VendorMemory *memory = nullptr;
    qint64 documentId = 0;
    QList<Issue> notices;
    // The local agents' geometry index of the document in work: built by the first agent
    // that needs it (the classifier) and reused by the next (the extractor). See
    // LayoutIndex::shared().
    std::shared_ptr<const LayoutIndex> layout;
};

} // namespace docket
