#include "LlmLog.h"

namespace docket {

Q_LOGGING_CATEGORY(lcLlm, "docket.llm")

} // namespace docket
