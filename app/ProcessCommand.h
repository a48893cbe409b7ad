#pragma once

#include <QStringList>

namespace docket {

// `docket process [--engine] [--db] [--jobs] [--json] PATH...`: processes files and folders
// headless, printing one JSON line per document as soon as it is done (--json) or a short
// human-readable line. Exit code 0 when every document was processed, 1 when any failed,
// 2 on usage errors.
int runProcessCommand(const QStringList &arguments);

} // namespace docket
