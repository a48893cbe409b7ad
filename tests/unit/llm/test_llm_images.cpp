// Page images from stored files, the GUI-thread guard, and the agent factory end to end in a
// worker thread (a QGuiApplication, as in the workstation).
#include "LlmTestSupport.h"
#include "core/SchemaRegistry.h"
#include "llm/LlmAgentFactory.h"
#include "llm/LlmClient.h"
#include "llm/LlmInputBuilder.h"
#include "llm/LlmSpend.h"

#include <QJsonDocument>
#include <QPainter>
#include <QPdfWriter>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace docket;
using namespace docket::test;

namespace {

QString writePdf(const QString &folder)
{
    const QString path = folder + QStringLiteral("/scan.pdf");
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(72);
    QPainter p(&writer);
    p.fillRect(QRect(50, 50, 200, 40), Qt::black);
    p.drawText(QPoint(60, 140), QStringLiteral("INVOICE 77"));
    p.end();
    return path;
}

} // namespace

class TestLlmImages : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void pdfPagesRenderOnWhite()
    {
        QVERIFY(m_dir.isValid());
        const PageImageSource source = LlmInputBuilder::fileImages(writePdf(m_dir.path()), 72);
        QVERIFY(bool(source));
        const QImage page = source(0);
        QVERIFY(!page.isNull());
        QCOMPARE(page.width(), 595);
        QVERIFY(qAbs(page.height() - 842) <= 1);
        QCOMPARE(page.pixelColor(5, 5), QColor(Qt::white)); // composited, not transparent
        QCOMPARE(page.pixelColor(100, 70), QColor(Qt::black));
        QVERIFY(source(1).isNull());
        const QString url = LlmInputBuilder::jpegDataUrl(page, 300, 80);
        QVERIFY(url.startsWith(QStringLiteral("data:image/jpeg;base64,/9j/")));
    }

    void imageFilesArePages()
    {
        QImage img(120, 80, QImage::Format_RGB32);
        img.fill(Qt::red);
        const QString path = m_dir.filePath(QStringLiteral("receipt.png"));
        QVERIFY(img.save(path));
        const PageImageSource source = LlmInputBuilder::fileImages(path, 150);
        QCOMPARE(source(0).size(), QSize(120, 80));
        QVERIFY(source(1).isNull());
        QVERIFY(!LlmInputBuilder::fileImages(QString(), 150));
    }

    void blockingCallRefusedInGuiThread()
    {
        ProviderConfig c;
        c.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/v1"));
        LlmClient client(c);
        LlmRequest r;
        r.messages = {LlmMessage::user({LlmContentPart::fromText(QStringLiteral("x"))})};
        QCOMPARE(client.sendAndWait(r).error().code, QStringLiteral("llm_wrong_thread"));
    }

    void factoryAgentsInAWorkerThread()
    {
        TestHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedResponse::json(
            200, responsesAnswer(
                     QStringLiteral(R"({"document_type":"receipt","evidence":"RECEIPT"})"))));
        QJsonObject fields;
        for (const FieldSpec &f :
             SchemaRegistry::builtin().schema(QStringLiteral("receipt"))->fields)
            fields.insert(f.name, QJsonValue::Null);
        fields.insert(QStringLiteral("receipt_number"), QStringLiteral("R-77"));
        fields.insert(QStringLiteral("line_items"), QJsonArray{});
        server.enqueue(ScriptedResponse::json(
            200, responsesAnswer(
                     QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact)))));

        qputenv("OPENAI_API_KEY", "sk-"
                                  "factory-test-0000000001");
        qputenv("OPENAI_BASE_URL", server.url(QStringLiteral("/v1")).toString().toUtf8());
        qputenv("DOCKET_OPENAI_API", "responses");
        qputenv("OPENAI_MODEL", "gpt-4o-mini");
        const LlmSettings settings = LlmSettings::fromEnvironment();
        for (const char *v :
             {"OPENAI_API_KEY", "OPENAI_BASE_URL", "DOCKET_OPENAI_API", "OPENAI_MODEL"})
            qunsetenv(v);
        QVERIFY(!LlmAgentFactory::create(QStringLiteral("kimi"), settings).ok());

        const QString pdf = writePdf(m_dir.path());
        QString type, number, error;
        Usage usage;
        QThread *worker = QThread::create([&] {
            auto agents = LlmAgentFactory::create(QStringLiteral("openai"), settings);
            if (!agents) {
                error = agents.error().message;
                return;
            }
            DocumentContent scan; // no text layer: the page image is sent
            Page page;
            page.source = TextSource::None;
            scan.pages = {page};
            AgentContext ctx;
            ctx.schemas = &SchemaRegistry::builtin();
            ctx.storedPath = pdf;
            const auto c = agents.value().classifier->classify(scan, ctx);
            if (!c) {
                error = c.error().code;
                return;
            }
            type = c.value().documentType;
            const auto e = agents.value().extractor->extract(
                scan, *SchemaRegistry::builtin().schema(type), ctx);
            if (!e) {
                error = e.error().code;
                return;
            }
            number = e.value().value(QStringLiteral("receipt_number"));
            usage = ctx.usage;
        });
        worker->start();
        QVERIFY(worker->wait(60000));
        delete worker;
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(type, QStringLiteral("receipt"));
        QCOMPARE(number, QStringLiteral("R-77"));
        QCOMPARE(usage.requests, 2);
        QVERIFY(usage.costUsd > 0); // priced from the compiled-in table
        const auto requests = server.requests();
        QCOMPARE(requests.size(), 2);
        QVERIFY(requests.at(0).body.contains("\"detail\":\"low\""));  // classification
        QVERIFY(requests.at(1).body.contains("\"detail\":\"high\"")); // extraction
        QVERIFY(requests.at(1).body.contains("data:image/jpeg;base64,"));
        saveRequestBodies(server, QStringLiteral("images-factory"));
    }
};

QTEST_MAIN(TestLlmImages)
#include "test_llm_images.moc"
