#pragma once

#include <QLoggingCategory>

namespace docket {

// "docket.llm": every message logged through it must pass through redacted() first.
Q_DECLARE_LOGGING_CATEGORY(lcLlm)

} // namespace docket
