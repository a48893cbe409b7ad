// Throughput of the LLM layer against a local server answering every request after a fixed
// latency: N documents, each one extraction request, at a given concurrency, two ways:
//  - threads: one worker thread per concurrent document, each with its own client and
//    network manager, blocking in LlmClient::sendAndWait (as the pipeline's workers do);
//  - async:   one thread, one client, requests in flight up to the concurrency (send()).
//  - ledger:  as threads, with the budget guard and the usage ledger over an SQLite file (each
//    request priced, checked against a budget and written as a usage row, as the pipeline does).
// Prints wall time against the ideal (documents x latency / concurrency), client CPU per
// request (thread CPU time of the client threads, the server excluded) and peak memory.
#include "core/SchemaRegistry.h"
#include "cost/BudgetGuard.h"
#include "cost/DatabaseUsageLedger.h"
#include "cost/PricingTable.h"
#include "httpserver/TestHttpServer.h"
#include "llm/LlmCall.h"
#include "llm/LlmClient.h"
#include "llm/LlmExtractor.h"
#include "llm/LlmSpend.h"
#include "llm/RateLimiter.h"
#include "storage/Database.h"
#include "storage/UsageRepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadStorage>
#include <QTimer>

#include <algorithm>

#include <sys/resource.h>
#include <time.h>

#include <atomic>
#include <cstdio>

using namespace docket;
using namespace docket::test;

namespace {

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

long peakRssKb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

DocumentContent syntheticInvoice(int n)
{
    Page page;
    page.number = 1;
    page.source = TextSource::TextLayer;
    const QStringList vocabulary{
        QStringLiteral("Invoice"), QStringLiteral("Steel"),    QStringLiteral("bolts"),
        QStringLiteral("M8"),      QStringLiteral("quantity"), QStringLiteral("100"),
        QStringLiteral("unit"),    QStringLiteral("price"),    QStringLiteral("1,041.25")};
    for (int i = 0; i < 320; ++i) {
        Word w;
        w.text = i == 5 ? QStringLiteral("INV-%1").arg(n) : vocabulary.at(i % vocabulary.size());
        w.box = QRectF(40 + (i % 10) * 50, 40 + (i / 10) * 14, 45, 10);
        w.line = i / 10;
        page.words.append(w);
    }
    DocumentContent c;
    c.pages = {page};
    return c;
}

QByteArray answerBody(const DocumentSchema &schema)
{
    QJsonObject o;
    for (const FieldSpec &f : schema.fields)
        o.insert(f.name, QJsonValue::Null);
    o.insert(QStringLiteral("invoice_number"), QStringLiteral("INV-1"));
    o.insert(QStringLiteral("total_amount"), QStringLiteral("1041.25"));
    QJsonArray rows;
    for (int i = 0; i < 5; ++i) {
        QJsonObject row;
        for (const FieldSpec &c : schema.columns)
            row.insert(c.name, QStringLiteral("x%1").arg(i));
        rows.append(row);
    }
    o.insert(schema.tableName, rows);
    const QString text = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    return QJsonDocument(
               QJsonObject{
                   {QStringLiteral("status"), QStringLiteral("completed")},
                   {QStringLiteral("model"), QStringLiteral("bench")},
                   {QStringLiteral("output"),
                    QJsonArray{
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("message")},
                                    {QStringLiteral("content"),
                                     QJsonArray{QJsonObject{
                                         {QStringLiteral("type"), QStringLiteral("output_text")},
                                         {QStringLiteral("text"), text}}}}}}},
                   {QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), 2500},
                                                         {QStringLiteral("output_tokens"), 300}}}})
        .toJson(QJsonDocument::Compact);
}

ProviderConfig config(const TestHttpServer &server, int concurrency, const QString &name)
{
    ProviderConfig c;
    c.name = name;
    c.baseUrl = server.url(QStringLiteral("/v1"));
    c.model = QStringLiteral("gpt-4.1-mini"); // priced, for the ledger run
    c.apiKey = QStringLiteral("sk-") + QStringLiteral("bench-000000000000");
    c.maxConcurrent = concurrency;
    c.timeoutMs = 30000;
    return c;
}

struct Figures
{
    double wallMs = 0;
    double cpuMs = 0;
    int ok = 0;
    double longestStallMs = 0; // of the main (GUI) thread's event loop, while the run went on
};

// spend: null, or the budget and usage ledger every thread shares.
Figures runThreads(TestHttpServer &server, const DocumentSchema &schema, int documents,
                   int concurrency, const std::shared_ptr<const LlmSpend> &spend = {})
{
    std::atomic<int> next{0};
    std::atomic<int> ok{0};
    std::atomic<long long> cpuUs{0};
    QList<QThread *> threads;
    QElapsedTimer wall;
    wall.start();
    for (int t = 0; t < concurrency; ++t) {
        threads.append(QThread::create([&] {
            const double cpu0 = threadCpuMs();
            {
                auto client = std::make_shared<LlmClient>(
                    config(server, concurrency, QStringLiteral("bench-threads")));
                LlmExtractor extractor(client, spend);
                for (int i = next++; i < documents; i = next++) {
                    AgentContext ctx;
                    if (extractor.extract(syntheticInvoice(i), schema, ctx).ok())
                        ++ok;
                }
            }
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            cpuUs += static_cast<long long>((threadCpuMs() - cpu0) * 1000.0);
        }));
        threads.last()->start();
    }
    // The main thread plays the workstation's GUI thread: it keeps its event loop running
    // (a 5 ms timer) while the workers talk to the provider; the longest gap between two
    // ticks is how long a user would have seen the window freeze.
    QEventLoop loop;
    int finished = 0;
    for (QThread *t : threads)
        QObject::connect(t, &QThread::finished, &loop, [&] {
            if (++finished == int(threads.size()))
                loop.quit();
        });
    QTimer tick;
    tick.setInterval(5);
    QElapsedTimer sinceTick;
    sinceTick.start();
    double longestStall = 0;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        longestStall = std::max(longestStall, double(sinceTick.nsecsElapsed()) / 1e6);
        sinceTick.restart();
    });
    tick.start();
    if (finished < int(threads.size()))
        loop.exec();
    tick.stop();
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
    return {double(wall.elapsed()), cpuUs / 1000.0, ok.load(), longestStall};
}

Figures runAsync(TestHttpServer &server, const DocumentSchema &schema, int documents,
                 int concurrency)
{
    LlmClient client(config(server, concurrency, QStringLiteral("bench-async")));
    LlmRequest request;
    request.messages = {LlmMessage::system(QStringLiteral("Extract.")),
                        LlmMessage::user({LlmContentPart::fromText(syntheticInvoice(0).text())})};
    request.schemaName = schema.name;
    request.jsonSchema = schema.jsonSchema;
    int done = 0;
    int ok = 0;
    QEventLoop loop;
    const double cpu0 = threadCpuMs();
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < documents; ++i) {
        LlmCall *call = client.send(request); // the shared limiter keeps `concurrency` in flight
        QObject::connect(call, &LlmCall::finished, &loop, [&, call] {
            ok += call->result().ok() ? 1 : 0;
            call->deleteLater();
            if (++done == documents)
                loop.quit();
        });
    }
    loop.exec();
    return {double(wall.elapsed()), threadCpuMs() - cpu0, ok};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int documents = argc > 1 ? std::atoi(argv[1]) : 200;
    const int latencyMs = argc > 2 ? std::atoi(argv[2]) : 300;
    const int concurrency = argc > 3 ? std::atoi(argv[3]) : 32;
    const DocumentSchema *schema =
        SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"));
    if (!schema) {
        std::fprintf(stderr, "no commercial_invoice schema\n");
        return 1;
    }
    TestHttpServer server;
    if (!server.start())
        return 1;
    const QByteArray body = answerBody(*schema);
    server.setResponder([body, latencyMs](const RecordedRequest &) {
        ScriptedResponse r = ScriptedResponse::json(200, body);
        r.delayMs = latencyMs;
        return r;
    });
    const double ideal = double(documents) * latencyMs / concurrency;
    std::printf("bench_llm: %d documents, %d ms latency, concurrency %d, ideal %.0f ms\n",
                documents, latencyMs, concurrency, ideal);
    const long rss0 = peakRssKb();
    const Figures t = runThreads(server, *schema, documents, concurrency);
    std::printf("threads: %d/%d ok, wall %.0f ms (%.2fx ideal), client CPU %.2f ms/request, "
                "%d connections, main thread's longest stall %.1f ms\n",
                t.ok, documents, t.wallMs, t.wallMs / ideal, t.cpuMs / documents,
                server.connectionCount(), t.longestStallMs);
    {
        QTemporaryDir dir;
        const QString url = dir.filePath(QStringLiteral("bench.sqlite"));
        auto opened = Database::open(url); // migrations once, before the threads
        if (!opened)
            return 1;
        auto connection = [url]() -> Result<Database *> {
            static QThreadStorage<Database *> connections;
            if (!connections.hasLocalData()) {
                auto db = Database::open(url);
                if (!db)
                    return db.error();
                connections.setLocalData(db.takeValue().release());
            }
            return connections.localData();
        };
        BudgetLimits limits;
        limits.daily = UsdAmount::fromCents(100000);
        auto guard = BudgetGuard::owning(std::make_unique<DatabaseUsageLedger>(connection), limits);
        auto pricing = PricingTable::loadDefault();
        auto spend = std::make_shared<const LlmSpend>(
            pricing ? std::make_shared<const PricingTable>(pricing.takeValue()) : nullptr,
            guard.get());
        const int before = server.connectionCount();
        const Figures l = runThreads(server, *schema, documents, concurrency, spend);
        auto rows = UsageRepository(*opened.value())
                        .records(QDateTime::currentDateTimeUtc().addDays(-1),
                                 QDateTime::currentDateTimeUtc().addDays(1));
        std::printf("ledger:  %d/%d ok, wall %.0f ms (%.2fx ideal), client CPU %.2f ms/request, "
                    "%d connections, %d usage rows, main thread's longest stall %.1f ms\n",
                    l.ok, documents, l.wallMs, l.wallMs / ideal, l.cpuMs / documents,
                    server.connectionCount() - before, rows ? int(rows.value().size()) : -1,
                    l.longestStallMs);
    }
    const int connectionsBefore = server.connectionCount();
    const Figures a = runAsync(server, *schema, documents, concurrency);
    std::printf("async:   %d/%d ok, wall %.0f ms (%.2fx ideal), client CPU %.2f ms/request, "
                "%d connections\n",
                a.ok, documents, a.wallMs, a.wallMs / ideal, a.cpuMs / documents,
                server.connectionCount() - connectionsBefore);
    std::printf("peak RSS: %ld KiB (%ld KiB at start; server and client in one process)\n",
                peakRssKb(), rss0);
    return (t.ok == documents && a.ok == documents) ? 0 : 1;
}
