#pragma once

#include <QStringList>

namespace docket {

// `docket export [--db URL] --format csv|json [--status approved|needs_review|all]
// [--output FILE]`: writes documents with their fields and line items (Exporter) to standard
// output or FILE. With CSV and --output, line items go to FILE-line_items.csv (FILE without
// its .csv suffix); on standard output they are a JSON column. Exit code 0 on success, 1 when
// the database cannot be read or the file written, 2 on usage errors.
int runExportCommand(const QStringList &arguments);

} // namespace docket
