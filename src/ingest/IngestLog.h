#pragma once

#include <QLoggingCategory>

namespace docket {

Q_DECLARE_LOGGING_CATEGORY(lcIngest)

} // namespace docket
