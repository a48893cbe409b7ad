// The cloud engines' money in the pipeline, against a real HTTP server on 127.0.0.1 standing
// in for the provider: one usage row per request (never a second one for the document),
// the budget read from the shared usage table (warn at 80%, block at 100% without sending),
// an extraction already paid for reused instead of paid again, and the offline engine as the
// fallback the user may allow.
#include "core/SchemaRegistry.h"
#include "fixtures/Fixtures.h"
#include "httpserver/TestHttpServer.h"
#include "llm/LlmSettings.h"
#include "llm/PromptLibrary.h"
#include "pipeline/DocumentProcessor.h"
#include "pipeline/EngineFactory.h"
#include "pipeline/WorkerResources.h"
#include "storage/Database.h"
#include "storage/ExtractionRepository.h"
#include "storage/SharedSettings.h"
#include "storage/UsageRepository.h"
#include "unit/llm/LlmTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace docket;
using namespace docket::test;

namespace {

const QString kModel = QStringLiteral("gpt-4.1-mini"); // priced in resources/pricing.json

QByteArray invoiceAnswer()
{
    const DocumentSchema *s =
        SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"));
    QJsonObject o;
    for (const FieldSpec &f : s->fields)
        o.insert(f.name, QJsonValue::Null);
    o.insert(QStringLiteral("invoice_number"), QStringLiteral("C-100"));
    o.insert(QStringLiteral("invoice_date"), QStringLiteral("2026-03-14"));
    o.insert(QStringLiteral("seller_name"), QStringLiteral("Cost Test Ltd"));
    o.insert(QStringLiteral("currency"), QStringLiteral("USD"));
    o.insert(QStringLiteral("total_amount"), QStringLiteral("250.00"));
    o.insert(s->tableName, QJsonArray{});
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Classification or extraction, by the schema the request asks for.
ScriptedResponse provider(const RecordedRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QString schema = body.value(QStringLiteral("response_format"))
                               .toObject()
                               .value(QStringLiteral("json_schema"))
                               .toObject()
                               .value(QStringLiteral("name"))
                               .toString();
    const QString answer =
        schema == QLatin1String("document_classification")
            ? QStringLiteral(R"({"document_type":"commercial_invoice","evidence":"INVOICE"})")
            : QString::fromUtf8(invoiceAnswer());
    return ScriptedResponse::json(200, chatAnswer(answer, QStringLiteral("stop"), 1200, 0, 80));
}

int usageRows(Database &db)
{
    auto rows = UsageRepository(db).records(QDateTime::currentDateTimeUtc().addYears(-1),
                                            QDateTime::currentDateTimeUtc().addDays(2));
    return rows ? int(rows.value().size()) : -1;
}

bool hasIssue(const ProcessingResult &r, const QString &code)
{
    for (const Issue &i : r.validation.issues)
        if (i.code == code && i.severity == Issue::Severity::Warning)
            return true;
    return false;
}

} // namespace

class TestPipelineCost : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    QString m_invoice;
    int m_n = 0;

    // A configuration of its own database, the openai engine on the local server.
    PipelineConfig config(const QString &daily = {}, const QString &monthly = {},
                          const QString &model = kModel)
    {
        PipelineConfig c;
        c.databaseUrl = m_dir.filePath(QStringLiteral("cost%1.sqlite").arg(++m_n));
        c.dataFolder = m_dir.filePath(QStringLiteral("data"));
        c.engine = QStringLiteral("openai");
        auto s = std::make_shared<LlmSettings>();
        s->openai.api = LlmApi::ChatCompletions;
        s->openai.baseUrl = m_server->url(QStringLiteral("/v1"));
        s->openai.model = model;
        s->openai.apiKey = QStringLiteral("sk-") + QStringLiteral("pipeline-cost-test-0001");
        s->openai.maxRetries = 0;
        if (!daily.isEmpty())
            s->budgets.daily = UsdAmount::parse(daily);
        if (!monthly.isEmpty())
            s->budgets.monthly = UsdAmount::parse(monthly);
        c.llm = s;
        return c;
    }

    // Runs in a worker thread, as the service does (a blocking request is refused in the GUI
    // thread), with the thread's own connection and engine.
    static ProcessingResult run(const PipelineConfig &config,
                                const std::function<ProcessingResult(DocumentProcessor &)> &fn)
    {
        ProcessingResult out;
        std::unique_ptr<QThread> thread(QThread::create([&] {
            auto db = WorkerResources::database(config.effectiveDatabaseUrl());
            auto engine = EngineFactory::create(config.engine, config);
            if (!db || !engine) {
                out.error = db ? engine.error() : db.error();
                return;
            }
            DocumentProcessor processor(config, *db.value(), engine.value());
            out = fn(processor);
        }));
        thread->start();
        thread->wait();
        return out;
    }

    static ProcessingResult process(const PipelineConfig &config, const QString &file,
                                    bool reprocess = false, const QString &forcedType = {})
    {
        return run(config, [&](DocumentProcessor &p) {
            DocumentProcessor::Options o;
            o.reprocess = reprocess;
            o.forcedType = forcedType;
            return p.process(file, o, {});
        });
    }

    // Spend of another workstation of the shared database, recorded today.
    static void spentElsewhere(const PipelineConfig &config, double usd)
    {
        auto db = Database::open(config.effectiveDatabaseUrl());
        QVERIFY(db);
        UsageRecord r;
        r.provider = QStringLiteral("openai");
        r.model = kModel;
        r.step = QStringLiteral("extract");
        r.costUsd = usd;
        r.at = QDateTime::currentDateTimeUtc();
        QVERIFY(UsageRepository(*db.value()).add(r).ok());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_invoice = m_dir.filePath(QStringLiteral("in/invoice.pdf"));
        QVERIFY(writePdf(m_invoice,
                         {invoicePage(QStringLiteral("Cost Test Ltd"), QStringLiteral("C-100"),
                                      QStringLiteral("2026-03-14"), QStringLiteral("250.00"))}));
    }

    void init()
    {
        m_server = std::make_unique<TestHttpServer>();
        QVERIFY(m_server->start());
        m_server->setResponder(&provider);
    }

    void cleanup() { m_server.reset(); }

    // Every request is one usage row with its step and document; the document's result adds
    // no second row.
    void usageRowsWrittenOnce()
    {
        const PipelineConfig c = config();
        const ProcessingResult r = process(c, m_invoice);
        QVERIFY2(r.error.isNull(), qPrintable(r.error.message));
        QVERIFY(r.document.status != DocumentStatus::Failed);
        QCOMPARE(m_server->requestCount(), 2); // classify, extract
        QCOMPARE(r.usage.requests, 2);
        QVERIFY(r.usage.costUsd > 0);

        auto db = Database::open(c.effectiveDatabaseUrl());
        QVERIFY(db);
        auto rows = UsageRepository(*db.value())
                        .records(QDateTime::currentDateTimeUtc().addDays(-1),
                                 QDateTime::currentDateTimeUtc().addDays(1));
        QVERIFY(rows.ok());
        QCOMPARE(rows.value().size(), 2);
        QStringList steps;
        double cost = 0;
        for (const UsageRecord &u : rows.value()) {
            QCOMPARE(u.documentId, r.document.id);
            QCOMPARE(u.provider, QStringLiteral("openai"));
            QCOMPARE(u.model, kModel);
            QCOMPARE(u.requests, 1);
            QCOMPARE(u.inputTokens, 1200);
            QCOMPARE(u.outputTokens, 80);
            steps.append(u.step);
            cost += u.costUsd;
        }
        steps.sort();
        QCOMPARE(steps, (QStringList{QStringLiteral("classify"), QStringLiteral("extract")}));
        // 1200 input tokens at $0.40/M and 80 output at $1.60/M, twice.
        QCOMPARE(UsdAmount::fromDouble(cost), *UsdAmount::parse(u"0.001216"));
        QCOMPARE(UsdAmount::fromDouble(r.usage.costUsd), UsdAmount::fromDouble(cost));
        const auto perDocument = UsageRepository(*db.value()).totalForDocument(r.document.id);
        QVERIFY(perDocument.ok());
        QCOMPARE(perDocument.value().requests, 2);
    }

    // Never paid twice: the same document, engine, model and prompt version reuse the stored
    // extraction without a request; another model, or another type, is a new extraction.
    void paidExtractionIsReused()
    {
        const PipelineConfig c = config();
        const ProcessingResult first = process(c, m_invoice);
        QVERIFY2(first.error.isNull(), qPrintable(first.error.message));
        QCOMPARE(m_server->requestCount(), 2);
        QCOMPARE(first.extraction.engine, QStringLiteral("openai"));
        QCOMPARE(first.extraction.model, kModel);
        QCOMPARE(first.extraction.promptVersion, PromptLibrary::version());

        // --reprocess, in another run (a new engine and thread, as a second workstation).
        const ProcessingResult again = process(c, m_invoice, true);
        QVERIFY2(again.error.isNull(), qPrintable(again.error.message));
        QCOMPARE(m_server->requestCount(), 2);
        QCOMPARE(again.usage.requests, 0);
        QCOMPARE(again.usage.costUsd, 0.0);
        QCOMPARE(again.document.id, first.document.id);
        QCOMPARE(again.extraction.documentType, QStringLiteral("commercial_invoice"));
        QCOMPARE(again.extraction.value(QStringLiteral("invoice_number")), QStringLiteral("C-100"));
        QCOMPARE(again.extraction.value(QStringLiteral("total_amount")),
                 first.extraction.value(QStringLiteral("total_amount")));
        QVERIFY(again.extraction.id != first.extraction.id);

        // The stored document reprocessed by id (a type change in the workstation, same type).
        const ProcessingResult byId = run(c, [&](DocumentProcessor &p) {
            DocumentProcessor::Options o;
            o.reprocess = true;
            return p.reprocess(first.document.id, o, {});
        });
        QVERIFY2(byId.error.isNull(), qPrintable(byId.error.message));
        QCOMPARE(m_server->requestCount(), 2);

        auto db = Database::open(c.effectiveDatabaseUrl());
        QVERIFY(db);
        QCOMPARE(usageRows(*db.value()), 2);

        // Another model: a new extraction, paid for.
        PipelineConfig other = c;
        auto settings = std::make_shared<LlmSettings>(*c.llm);
        settings->openai.model = QStringLiteral("gpt-4.1");
        other.llm = settings;
        const ProcessingResult otherModel = process(other, m_invoice, true);
        QVERIFY2(otherModel.error.isNull(), qPrintable(otherModel.error.message));
        QCOMPARE(m_server->requestCount(), 4);
        QCOMPARE(otherModel.extraction.model, QStringLiteral("gpt-4.1"));

        // Another type forced: the stored invoice does not answer it.
        const ProcessingResult receipt = process(c, m_invoice, true, QStringLiteral("receipt"));
        QVERIFY2(receipt.error.isNull(), qPrintable(receipt.error.message));
        QCOMPARE(m_server->requestCount(), 5); // extraction only: the type was given
        QCOMPARE(usageRows(*db.value()), 5);
    }

    void budget_data()
    {
        QTest::addColumn<QString>("daily");
        QTest::addColumn<QString>("monthly");
        QTest::addColumn<double>("spentElsewhere");
        QTest::addColumn<bool>("blocked");
        QTest::addColumn<QString>("budget");
        QTest::newRow("daily warns at 80%") << "1"
                                            << "" << 0.95 << false << "Daily";
        QTest::newRow("monthly warns at 80%") << ""
                                              << "1" << 0.95 << false << "Monthly";
        QTest::newRow("daily blocks at 100%") << "1"
                                              << "" << 1.0 << true << "Daily";
        QTest::newRow("monthly blocks at 100%") << "50"
                                                << "1" << 0.9999 << true << "Monthly";
    }

    // The spend of other workstations (rows of the shared usage table) counts; a blocked
    // request is never sent and the document ends failed with the budget's message; a
    // warned one goes ahead and the result carries the warning.
    void budget()
    {
        QFETCH(QString, daily);
        QFETCH(QString, monthly);
        QFETCH(double, spentElsewhere);
        QFETCH(bool, blocked);
        QFETCH(QString, budget);
        const PipelineConfig c = config(daily, monthly);
        TestPipelineCost::spentElsewhere(c, spentElsewhere);
        const ProcessingResult r = process(c, m_invoice);
        auto db = Database::open(c.effectiveDatabaseUrl());
        QVERIFY(db);
        if (blocked) {
            QCOMPARE(r.document.status, DocumentStatus::Failed);
            QCOMPARE(r.error.code, QStringLiteral("budget_blocked"));
            QVERIFY2(r.error.message.startsWith(budget), qPrintable(r.error.message));
            QVERIFY(r.error.message.contains(QStringLiteral("not sent")));
            QCOMPARE(m_server->requestCount(), 0);
            QCOMPARE(usageRows(*db.value()), 1);
        } else {
            QVERIFY2(r.error.isNull(), qPrintable(r.error.message));
            QCOMPARE(m_server->requestCount(), 2);
            QVERIFY(hasIssue(r, QStringLiteral("budget_warning")));
            bool named = false;
            for (const Issue &i : r.validation.issues)
                named |= i.code == QLatin1String("budget_warning") && i.message.startsWith(budget);
            QVERIFY(named);
            // Stored with the document's issues, for the reviewer.
            auto stored = ExtractionRepository(*db.value()).issues(r.extraction.id);
            QVERIFY(stored.ok());
            bool found = false;
            for (const Issue &i : stored.value().issues)
                found |= i.code == QLatin1String("budget_warning");
            QVERIFY(found);
            QCOMPARE(usageRows(*db.value()), 3);
        }
    }

    // The budget a supervisor sets in the shared database counts for a running worker at once
    // (its own settings have none), and raising it lets the next document through.
    void sharedBudgetRaisedBySupervisor()
    {
        const PipelineConfig c = config();
        auto db = Database::open(c.effectiveDatabaseUrl());
        QVERIFY(db);
        SharedSettings shared(*db.value());
        QVERIFY(shared
                    .setValue(SharedSettings::dailyBudgetKey(), QStringLiteral("0"),
                              QStringLiteral("supervisor"))
                    .ok());
        ProcessingResult first;
        const ProcessingResult second = run(c, [&](DocumentProcessor &p) {
            first = p.process(m_invoice, {}, {});
            // Raised while this worker runs, with its engine and guard as they are.
            auto raiser = Database::open(c.effectiveDatabaseUrl());
            if (raiser)
                (void)SharedSettings(*raiser.value())
                    .setValue(SharedSettings::dailyBudgetKey(), QStringLiteral("10"),
                              QStringLiteral("supervisor"));
            DocumentProcessor::Options o;
            o.reprocess = true;
            return p.process(m_invoice, o, {});
        });
        QCOMPARE(first.error.code, QStringLiteral("budget_blocked"));
        QVERIFY2(second.error.isNull(), qPrintable(second.error.message));
        QCOMPARE(m_server->requestCount(), 2);
    }

    // auto: the offline reading stands when the budget blocks the model it wanted to ask, and
    // the result says why.
    void autoKeepsOfflineReadingWhenBlocked()
    {
        const QString sparse = m_dir.filePath(QStringLiteral("in/sparse.pdf"));
        QVERIFY(writePdf(sparse,
                         {{{72, 60, QStringLiteral("Invoice"), 14, true},
                           {72, 90, QStringLiteral("Thank you for your business"), 11, false}}}));
        PipelineConfig c = config(QStringLiteral("0"));
        c.engine = QStringLiteral("auto");
        const ProcessingResult r = process(c, sparse);
        QVERIFY2(r.error.isNull(), qPrintable(r.error.message));
        QVERIFY(r.document.status != DocumentStatus::Failed);
        QCOMPARE(m_server->requestCount(), 0);
        QVERIFY(hasIssue(r, QStringLiteral("llm_unavailable")));
        QVERIFY(r.review.required);
    }

    void offlineFallback_data()
    {
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<bool>("budgetBlocks");
        QTest::addColumn<int>("status"); // the provider's answer when it is asked
        QTest::addColumn<int>("requests");
        QTest::addColumn<QString>("code"); // the error when not allowed
        QTest::newRow("budget, fallback allowed") << true << true << 200 << 0 << "";
        QTest::newRow("budget, no fallback") << false << true << 200 << 0 << "budget_blocked";
        QTest::newRow("wrong key, fallback allowed") << true << false << 401 << 1 << "";
        QTest::newRow("wrong key, no fallback") << false << false << 401 << 1 << "llm_auth";
        QTest::newRow("server down, fallback allowed") << true << false << 503 << 1 << "";
    }

    // A provider that fails (or a budget that blocks) ends the document failed with the
    // reason, or, when the user allows it, the offline engine reads it and says why.
    void offlineFallback()
    {
        QFETCH(bool, allowed);
        QFETCH(bool, budgetBlocks);
        QFETCH(int, status);
        QFETCH(int, requests);
        QFETCH(QString, code);
        PipelineConfig c = config(budgetBlocks ? QStringLiteral("0") : QString());
        c.offlineFallback = allowed;
        if (status != 200)
            m_server->setResponder([status](const RecordedRequest &) {
                return ScriptedResponse::json(
                    status, errorBody(QStringLiteral("no"), QStringLiteral("error"),
                                      status == 401 ? QStringLiteral("invalid_api_key")
                                                    : QStringLiteral("server_error")));
            });
        const ProcessingResult r = process(c, m_invoice);
        QCOMPARE(m_server->requestCount(), requests);
        if (allowed) {
            QVERIFY2(r.error.isNull(), qPrintable(r.error.message));
            QVERIFY(r.document.status != DocumentStatus::Failed);
            QCOMPARE(r.extraction.engine, QStringLiteral("local"));
            QVERIFY(hasIssue(r, QStringLiteral("llm_fallback_offline")));
            QVERIFY(!r.extraction.value(QStringLiteral("invoice_number")).isEmpty());
        } else {
            QCOMPARE(r.document.status, DocumentStatus::Failed);
            QCOMPARE(r.error.code, code);
        }
    }

    // Each step on its own model (a setting); each usage row priced and named by its model.
    void modelPerStep()
    {
        PipelineConfig c = config();
        auto settings = std::make_shared<LlmSettings>(*c.llm);
        settings->openaiSteps.classify = QStringLiteral("gpt-4o-mini");
        c.llm = settings;
        const ProcessingResult r = process(c, m_invoice);
        QVERIFY2(r.error.isNull(), qPrintable(r.error.message));
        const QList<RecordedRequest> sent = m_server->requests();
        QCOMPARE(sent.size(), 2);
        QStringList models;
        for (const RecordedRequest &request : sent)
            models.append(QJsonDocument::fromJson(request.body)
                              .object()
                              .value(QStringLiteral("model"))
                              .toString());
        QCOMPARE(models, (QStringList{QStringLiteral("gpt-4o-mini"), kModel}));
        QCOMPARE(r.extraction.model, kModel);
        auto db = Database::open(c.effectiveDatabaseUrl());
        QVERIFY(db);
        auto byModel = UsageRepository(*db.value())
                           .totalsByModel(QDateTime::currentDateTimeUtc().addDays(-1),
                                          QDateTime::currentDateTimeUtc().addDays(1));
        QVERIFY(byModel.ok());
        QCOMPARE(byModel.value().size(), 2);
        // 1200 in and 80 out: $0.000228 at gpt-4o-mini's prices, $0.000608 at gpt-4.1-mini's.
        QCOMPARE(
            UsdAmount::fromDouble(byModel.value().value(QStringLiteral("gpt-4o-mini")).costUsd),
            *UsdAmount::parse(u"0.000228"));
        QCOMPARE(UsdAmount::fromDouble(byModel.value().value(kModel).costUsd),
                 *UsdAmount::parse(u"0.000608"));
    }

    void modelFallback_data()
    {
        QTest::addColumn<int>("status"); // the main model's answer
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("fallsBack");
        QTest::addColumn<int>("requests");
        QTest::newRow("unknown model") << 404 << "model_not_found" << true << 3;
        QTest::newRow("server error") << 500 << "server_error" << true << 3;
        // The fallback model would be refused the same: no second try.
        QTest::newRow("wrong key") << 401 << "invalid_api_key" << false << 1;
        QTest::newRow("no credit") << 429 << "insufficient_quota" << false << 1;
    }

    // A step whose model fails goes to the fallback model of the settings; the extraction is
    // recorded under that model (and reused under it), the result says why.
    void modelFallback()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(bool, fallsBack);
        QFETCH(int, requests);
        PipelineConfig c = config();
        auto settings = std::make_shared<LlmSettings>(*c.llm);
        settings->openaiSteps.fallback = QStringLiteral("gpt-4o-mini");
        c.llm = settings;
        m_server->setResponder([status, code](const RecordedRequest &r) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            if (body.value(QStringLiteral("model")).toString() == kModel)
                return ScriptedResponse::json(
                    status, errorBody(QStringLiteral("failed"), QStringLiteral("error"), code));
            return provider(r);
        });
        const ProcessingResult r = process(c, m_invoice);
        QCOMPARE(m_server->requestCount(), requests);
        auto db = Database::open(c.effectiveDatabaseUrl());
        QVERIFY(db);
        if (!fallsBack) {
            QCOMPARE(r.document.status, DocumentStatus::Failed);
            QCOMPARE(usageRows(*db.value()), 0); // refused requests are not billed
            return;
        }
        QVERIFY2(r.error.isNull(), qPrintable(r.error.message));
        QCOMPARE(r.extraction.engine, QStringLiteral("openai"));
        QCOMPARE(r.extraction.model, QStringLiteral("gpt-4o-mini"));
        QVERIFY(hasIssue(r, QStringLiteral("llm_fallback_model")));
        // The classifier fell back; the extractor went straight to the fallback model.
        const QList<RecordedRequest> sent = m_server->requests();
        QCOMPARE(QJsonDocument::fromJson(sent.last().body).object().value(QStringLiteral("model")),
                 QJsonValue(QStringLiteral("gpt-4o-mini")));
        QCOMPARE(usageRows(*db.value()), 2); // the two answered requests

        const ProcessingResult again = process(c, m_invoice, true);
        QVERIFY2(again.error.isNull(), qPrintable(again.error.message));
        QCOMPARE(m_server->requestCount(), requests); // reused under the fallback model
        QCOMPARE(again.usage.requests, 0);
    }
};

QTEST_MAIN(TestPipelineCost)
#include "test_pipeline_cost.moc"
