#pragma once

#include <QStringList>

namespace docket {

// `docket import [--db URL] PATH...`: hashes, copies and queues documents as pending
// without processing them (a `docket worker` or the workstation processes them later).
int runImportCommand(const QStringList &arguments);

} // namespace docket
