#include "BudgetReservation.h"

#include "BudgetGuard.h"

#include <utility>

namespace docket {

BudgetReservation::BudgetReservation(BudgetReservation &&other) noexcept
    : m_guard(std::exchange(other.m_guard, nullptr)), m_id(std::exchange(other.m_id, 0)),
      m_check(std::move(other.m_check))
{}

BudgetReservation &BudgetReservation::operator=(BudgetReservation &&other) noexcept
{
    if (this != &other) {
        release();
        m_guard = std::exchange(other.m_guard, nullptr);
        m_id = std::exchange(other.m_id, 0);
        m_check = std::move(other.m_check);
    }
    return *this;
}

BudgetReservation::~BudgetReservation()
{
    release();
}

Status BudgetReservation::settle(const UsageEntry &actual)
{
    if (!m_guard)
        return Status::failure(QStringLiteral("reservation_inactive"),
                               BudgetGuard::tr("This budget reservation was already settled or "
                                               "was never granted."));
    BudgetGuard *guard = std::exchange(m_guard, nullptr);
    return guard->settle(m_id, actual);
}

void BudgetReservation::release()
{
    if (BudgetGuard *guard = std::exchange(m_guard, nullptr))
        guard->release(m_id);
}

} // namespace docket
