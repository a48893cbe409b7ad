#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace docket {

// An error a user can read: a stable machine code ("pdf_encrypted") and a translated message.
struct Error
{
    QString code;
    QString message;

    bool isNull() const { return code.isEmpty(); }
};

// The value of an operation that can fail with a user-readable Error.
template <typename T> class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    static Result failure(const QString &code, const QString &message)
    {
        return Result(Error{code, message});
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    T takeValue() { return std::move(*m_value); }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

// Result of an operation that yields nothing but success or an Error.
class Status
{
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}
    static Status failure(const QString &code, const QString &message)
    {
        return Status(Error{code, message});
    }
    bool ok() const { return m_error.isNull(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
};

} // namespace docket
