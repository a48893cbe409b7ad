#include "VisionLog.h"

namespace docket {

// Page-by-page detail only when asked for: QT_LOGGING_RULES="docket.vision.debug=true".
Q_LOGGING_CATEGORY(lcVision, "docket.vision", QtInfoMsg)

} // namespace docket
