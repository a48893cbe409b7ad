#include "IngestLog.h"

namespace docket {

Q_LOGGING_CATEGORY(lcIngest, "docket.ingest", QtInfoMsg)

} // namespace docket
