#include "StorageLog.h"

namespace docket {

Q_LOGGING_CATEGORY(lcStorage, "docket.storage")

} // namespace docket
