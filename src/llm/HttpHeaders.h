#pragma once

#include <QByteArray>
#include <QHash>

namespace docket {

// Response headers with lower-case names.
using HttpHeaders = QHash<QByteArray, QByteArray>;

} // namespace docket
