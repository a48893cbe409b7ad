#include "TestHttpServer.h"

#include <QHostAddress>
#include <QMutex>
#include <QPointer>
#include <QQueue>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <algorithm>

namespace docket::test {

ScriptedResponse ScriptedResponse::json(int status, const QByteArray &body,
                                        QList<QPair<QByteArray, QByteArray>> headers)
{
    ScriptedResponse r;
    r.status = status;
    r.body = body;
    r.headers = std::move(headers);
    r.headers.prepend({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    return r;
}

ScriptedResponse ScriptedResponse::hanging()
{
    ScriptedResponse r;
    r.hang = true;
    return r;
}

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

struct Connection
{
    QPointer<QTcpSocket> socket;
    QByteArray buffer;
    bool busy = false;
    int index = 0;
};

} // namespace

struct TestHttpServer::Private
{
    QThread thread;
    QObject *context = nullptr; // lives in thread
    QTcpServer *server = nullptr;
    quint16 port = 0;

    mutable QMutex mutex;
    QQueue<ScriptedResponse> queue;
    std::function<ScriptedResponse(const RecordedRequest &)> responder;
    ScriptedResponse fallback = ScriptedResponse::json(
        500,
        QByteArrayLiteral(R"({"error":{"message":"no scripted response","type":"server_error"}})"));
    QList<RecordedRequest> requests;
    int connections = 0;
    int inProgress = 0;
    int maxInProgress = 0;

    void setBusy(Connection &c, bool busy)
    {
        if (c.busy == busy)
            return;
        c.busy = busy;
        QMutexLocker lock(&mutex);
        inProgress += busy ? 1 : -1;
        maxInProgress = std::max(maxInProgress, inProgress);
    }

    void accept();
    void process(const std::shared_ptr<Connection> &c);
    ScriptedResponse next(const RecordedRequest &request);
    void respond(const std::shared_ptr<Connection> &c, const ScriptedResponse &r, bool keepAlive);
};

ScriptedResponse TestHttpServer::Private::next(const RecordedRequest &request)
{
    std::function<ScriptedResponse(const RecordedRequest &)> fn;
    {
        QMutexLocker lock(&mutex);
        requests.append(request);
        if (!queue.isEmpty())
            return queue.dequeue();
        fn = responder;
        if (!fn)
            return fallback;
    }
    return fn(request);
}

void TestHttpServer::Private::accept()
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        auto c = std::make_shared<Connection>();
        c->socket = socket;
        {
            QMutexLocker lock(&mutex);
            c->index = connections++;
        }
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, c] {
            c->buffer += c->socket->readAll();
            process(c);
        });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, c] {
            setBusy(*c, false);
            c->socket->deleteLater();
        });
    }
}

void TestHttpServer::Private::process(const std::shared_ptr<Connection> &c)
{
    if (c->busy || !c->socket)
        return;
    const qsizetype end = c->buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QList<QByteArray> lines = c->buffer.left(end).split('\n');
    RecordedRequest req;
    req.connection = c->index;
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    req.method = first.value(0);
    req.path = first.value(1);
    const QByteArray version = first.value(2);
    qsizetype length = 0;
    bool keepAlive = version != "HTTP/1.0";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        req.headers.append({name, value});
        if (name.compare("content-length", Qt::CaseInsensitive) == 0)
            length = value.toLongLong();
        if (name.compare("connection", Qt::CaseInsensitive) == 0)
            keepAlive = value.compare("close", Qt::CaseInsensitive) != 0;
    }
    if (c->buffer.size() < end + 4 + length)
        return; // body not complete yet
    req.body = c->buffer.mid(end + 4, length);
    c->buffer.remove(0, end + 4 + length);
    setBusy(*c, true);
    const ScriptedResponse r = next(req);
    if (r.hang)
        return; // stays busy: the client times out or gives up
    if (r.delayMs > 0)
        QTimer::singleShot(r.delayMs, c->socket.data(),
                           [this, c, r, keepAlive] { respond(c, r, keepAlive); });
    else
        respond(c, r, keepAlive);
}

void TestHttpServer::Private::respond(const std::shared_ptr<Connection> &c,
                                      const ScriptedResponse &r, bool keepAlive)
{
    if (!c->socket)
        return;
    const bool close = r.closeConnection || !keepAlive;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) +
                     "\r\nContent-Length: " + QByteArray::number(r.body.size()) +
                     "\r\nConnection: " + (close ? "close" : "keep-alive") + "\r\n";
    for (const auto &h : r.headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "\r\n" + r.body;
    c->socket->write(out);
    setBusy(*c, false);
    if (close) {
        c->socket->disconnectFromHost();
        return;
    }
    process(c); // a pipelined request may be waiting
}

TestHttpServer::TestHttpServer() : d(std::make_unique<Private>())
{
    d->thread.setObjectName(QStringLiteral("TestHttpServer"));
    d->context = new QObject;
    d->context->moveToThread(&d->thread);
    QObject::connect(&d->thread, &QThread::finished, d->context, &QObject::deleteLater);
    d->thread.start();
}

TestHttpServer::~TestHttpServer()
{
    QMetaObject::invokeMethod(
        d->context,
        [this] {
            // Sockets are children of the server: closing everything here, in its thread.
            delete d->server;
            d->server = nullptr;
        },
        Qt::BlockingQueuedConnection);
    d->thread.quit();
    d->thread.wait();
}

bool TestHttpServer::start()
{
    bool ok = false;
    QMetaObject::invokeMethod(
        d->context,
        [this, &ok] {
            d->server = new QTcpServer;
            QObject::connect(d->server, &QTcpServer::newConnection, d->server,
                             [this] { d->accept(); });
            ok = d->server->listen(QHostAddress::LocalHost, 0);
            d->port = d->server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

quint16 TestHttpServer::port() const
{
    return d->port;
}

QUrl TestHttpServer::url(const QString &path) const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(d->port);
    u.setPath(path);
    return u;
}

void TestHttpServer::enqueue(const ScriptedResponse &response)
{
    QMutexLocker lock(&d->mutex);
    d->queue.enqueue(response);
}

void TestHttpServer::setResponder(
    std::function<ScriptedResponse(const RecordedRequest &)> responder)
{
    QMutexLocker lock(&d->mutex);
    d->responder = std::move(responder);
}

void TestHttpServer::setDefaultResponse(const ScriptedResponse &response)
{
    QMutexLocker lock(&d->mutex);
    d->fallback = response;
}

QList<RecordedRequest> TestHttpServer::requests() const
{
    QMutexLocker lock(&d->mutex);
    return d->requests;
}

int TestHttpServer::requestCount() const
{
    QMutexLocker lock(&d->mutex);
    return int(d->requests.size());
}

int TestHttpServer::connectionCount() const
{
    QMutexLocker lock(&d->mutex);
    return d->connections;
}

int TestHttpServer::pendingResponses() const
{
    QMutexLocker lock(&d->mutex);
    return int(d->queue.size());
}

int TestHttpServer::maxConcurrentRequests() const
{
    QMutexLocker lock(&d->mutex);
    return d->maxInProgress;
}

void TestHttpServer::clear()
{
    QMutexLocker lock(&d->mutex);
    d->requests.clear();
    d->queue.clear();
}

} // namespace docket::test
