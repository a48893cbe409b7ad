#pragma once

#include <QtGlobal>

namespace docket {

// Provider usage summed over requests.
struct Usage
{
    int requests = 0;
    qint64 inputTokens = 0;
    qint64 cachedTokens = 0;
    qint64 outputTokens = 0;
    double costUsd = 0;

    Usage &operator+=(const Usage &other)
    {
        requests += other.requests;
        inputTokens += other.inputTokens;
        cachedTokens += other.cachedTokens;
        outputTokens += other.outputTokens;
        costUsd += other.costUsd;
        return *this;
    }
};

} // namespace docket
