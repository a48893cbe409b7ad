#pragma once

#include <QStringList>

namespace docket {

// `docket worker --db URL [--engine] [--until-empty] [--json] [--jobs N] [--lease SECONDS]
// [--poll SECONDS] [--data DIR]`: processes pending documents of a shared database
// (WorkerLoop). SIGTERM or SIGINT finish the documents in work, then exit. Exit code 0 when
// every document was processed, 1 when any failed (or the database cannot be opened), 2 on
// usage errors.
int runWorkerCommand(const QStringList &arguments);

} // namespace docket
