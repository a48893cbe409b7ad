#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace docket::test {

// What the server answers to one request.
struct ScriptedResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // besides Content-Length and Connection
    QByteArray body;
    int delayMs = 0;              // wait before answering
    bool hang = false;            // never answer (for timeouts); the connection stays open
    bool closeConnection = false; // answer with "Connection: close" and close

    static ScriptedResponse json(int status, const QByteArray &body,
                                 QList<QPair<QByteArray, QByteArray>> headers = {});
    static ScriptedResponse hanging();
};

// One request as received.
struct RecordedRequest
{
    QByteArray method;
    QByteArray path; // with the query
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int connection = 0; // index of the TCP connection it came on

    QByteArray header(const QByteArray &name) const; // case-insensitive, first match
};

// A scripted HTTP/1.1 server on 127.0.0.1 and a random port, running in its own thread so
// that a client may block its thread while waiting. Answers queued responses in order
// (FIFO), then the responder if one is set, else the default response (500). Records every
// request. Keep-alive unless a response says close. Thread-safe.
class TestHttpServer
{
public:
    TestHttpServer();
    ~TestHttpServer();
    TestHttpServer(const TestHttpServer &) = delete;
    TestHttpServer &operator=(const TestHttpServer &) = delete;

    bool start(); // false when no port could be bound
    quint16 port() const;
    QUrl url(const QString &path = QStringLiteral("/v1")) const;

    void enqueue(const ScriptedResponse &response);
    void setResponder(std::function<ScriptedResponse(const RecordedRequest &)> responder);
    void setDefaultResponse(const ScriptedResponse &response);

    QList<RecordedRequest> requests() const;
    int requestCount() const;
    int connectionCount() const;
    int pendingResponses() const; // queued, not yet used
    // The most requests that were being served at once (received, not yet answered).
    int maxConcurrentRequests() const;
    void clear(); // forgets requests and queued responses

    struct Private;

private:
    std::unique_ptr<Private> d;
};

} // namespace docket::test
