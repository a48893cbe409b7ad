#include "VisionLog.h"

namespace docket {

Q_LOGGING_CATEGORY(lcVision, "docket.vision")

} // namespace docket
