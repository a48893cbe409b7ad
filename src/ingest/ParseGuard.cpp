#include "ParseGuard.h"

#include "IngestLog.h"

#include <atomic>

namespace docket {

namespace {
std::atomic_int g_abandoned{0};
}

int ParseGuard::abandonedTasks()
{
    return g_abandoned.load();
}

void ParseGuard::taskAbandoned()
{
    const int n = ++g_abandoned;
    qCWarning(lcIngest) << "parsing overran its time limit and was abandoned;" << n
                        << "task(s) still running";
}

void ParseGuard::taskFinishedLate()
{
    const int n = --g_abandoned;
    qCInfo(lcIngest) << "an abandoned parsing task finished;" << n << "still running";
}

} // namespace docket
