#include "ParseGuard.h"

#include "IngestLog.h"

#include <algorithm>
#include <atomic>
#include <vector>

namespace docket {

namespace {

std::atomic_int g_abandoned{0};

constexpr int MaxIdleWorkers = 8;
constexpr auto IdleLifetime = std::chrono::seconds(30);

struct Worker
{
    std::mutex mutex;
    std::condition_variable cv;
    std::function<void()> job;
    bool hasJob = false;
};

// Never destroyed: detached workers may still touch them while the process exits.
struct Pool
{
    std::mutex mutex;
    std::vector<std::shared_ptr<Worker>> idle;
};
Pool &pool()
{
    static Pool *p = new Pool;
    return *p;
}

void workerLoop(const std::shared_ptr<Worker> &worker)
{
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(worker->mutex);
            if (!worker->cv.wait_for(lock, IdleLifetime, [&] { return worker->hasJob; })) {
                std::lock_guard poolLock(pool().mutex);
                auto &idle = pool().idle;
                const auto it = std::find(idle.begin(), idle.end(), worker);
                if (it != idle.end()) {
                    idle.erase(it);
                    return; // idle for long: end the thread
                }
                continue; // just taken by a caller: its job is on the way
            }
            job = std::move(worker->job);
            worker->job = nullptr;
            worker->hasJob = false;
        }
        job();
        job = nullptr;
        std::lock_guard poolLock(pool().mutex);
        if (int(pool().idle.size()) >= MaxIdleWorkers)
            return;
        pool().idle.push_back(worker);
    }
}

} // namespace

bool ParseGuard::dispatch(std::function<void()> job)
{
    std::shared_ptr<Worker> worker;
    {
        std::lock_guard lock(pool().mutex);
        if (!pool().idle.empty()) {
            worker = pool().idle.back();
            pool().idle.pop_back();
        }
    }
    if (!worker) {
        worker = std::make_shared<Worker>();
        try {
            std::thread([worker] { workerLoop(worker); }).detach();
        } catch (...) {
            return false;
        }
    }
    {
        std::lock_guard lock(worker->mutex);
        worker->job = std::move(job);
        worker->hasJob = true;
    }
    worker->cv.notify_one();
    return true;
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
