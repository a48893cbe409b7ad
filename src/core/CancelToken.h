#pragma once

#include <atomic>
#include <memory>

namespace docket {

// Cooperative cancellation shared between the owner of a job and the code doing it.
// Copies share one flag.
class CancelToken
{
public:
    CancelToken() : m_flag(std::make_shared<std::atomic_bool>(false)) {}
    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

} // namespace docket
