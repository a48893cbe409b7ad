#include "ingest/TextLayerQuality.h"

#include <QTest>

using namespace docket;

namespace {

Page pageOf(const QString &text)
{
    Page page;
    page.size = QSizeF(612, 792);
    page.source = TextSource::TextLayer;
    int line = 0;
    double y = 50;
    for (const QString &row : text.split(QLatin1Char('\n'))) {
        double x = 40;
        for (const QString &token : row.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            Word w;
            w.text = token;
            w.box = QRectF(x, y, 6.0 * token.size(), 10);
            w.line = line;
            x += 6.0 * token.size() + 4;
            page.words << w;
        }
        ++line;
        y += 14;
    }
    return page;
}

} // namespace

class TestTextLayerQuality : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void assess_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("usable");
        QTest::addColumn<QString>("reason");

        QTest::newRow("invoice")
            << QStringLiteral(
                   "Invoice number INV-2024-0042 dated 2024-01-05\nSteel bolts M8 100 0.35 35.00\n"
                   "Total due USD 1,041.25")
            << true << QStringLiteral("");
        QTest::newRow("upper case")
            << QStringLiteral(
                   "COMMERCIAL INVOICE\nSHIPPER: ACME TRADING LTD\nCONSIGNEE: GLOBEX GMBH HAMBURG")
            << true << QStringLiteral("");
        QTest::newRow("numbers table")
            << QStringLiteral("1 2 3 4.00 5.00\n6 7 8 9.50 10.25\n11 12 13 14.00 15.75") << true
            << QStringLiteral("");
        QTest::newRow("german") << QStringLiteral(
                                       "Rechnung für Lieferung der Schrauben und Muttern gemäß "
                                       "Auftrag vom März")
                                << true << QStringLiteral("");
        QTest::newRow("russian") << QStringLiteral(
                                        "Счёт на оплату поставки товаров по договору номер семь")
                                 << true << QStringLiteral("");
        QTest::newRow("chinese") << QStringLiteral("发票 号码 日期 金额 合计 税额 供应商 买方")
                                 << true << QStringLiteral("");
        QTest::newRow("empty") << QStringLiteral("") << false << QStringLiteral("empty");
        QTest::newRow("sparse") << QStringLiteral("Page 1") << false << QStringLiteral("sparse");
        QTest::newRow("cid codes")
            << QStringLiteral("(cid:12)(cid:34)(cid:56) (cid:78)(cid:9)(cid:10) (cid:11)(cid:12) "
                              "(cid:13)(cid:14)"
                              "(cid:15) (cid:16)(cid:17) (cid:18)")
            << false << QStringLiteral("garbled");
        QTest::newRow("private use")
            << QString::fromUtf8("\uE001\uE002\uE003 \uE004\uE005 \uE006\uE007\uE008 \uE009\uE00A "
                                 "\uE00B\uE00C")
            << false << QStringLiteral("garbled");
        QTest::newRow("replacement chars")
            << QString::fromUtf8("\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD invoice \uFFFD\uFFFD\uFFFD "
                                 "\uFFFD\uFFFD \uFFFD")
            << false << QStringLiteral("garbled");
        QTest::newRow("control chars")
            << QString::fromUtf8("\x01\x02\x03 \x04\x05\x06 \x07\x08 \x0e\x0f \x10\x11") << false
            << QStringLiteral("garbled");
        QTest::newRow("consonant soup")
            << QStringLiteral("xkcdqwrt zzptkq bvcxnm qrstvwx plmkjhg trvbnm wxcvbn sdfghjk")
            << false << QStringLiteral("garbled");
        QTest::newRow("symbol soup") << QStringLiteral("!\"#$ %&'() *+,-./ <=>? [\\]^ {|}~ <<>> ^^")
                                     << false << QStringLiteral("garbled");
        QTest::newRow("shifted encoding")
            << QStringLiteral(
                   "Jowpjdf ovncfs JOW.3135.1153 ebufe 3135.12.16 Upubm evf VTE 2-152/36")
            << false << QStringLiteral("garbled");
        QTest::newRow("mostly clean")
            << QStringLiteral("Invoice total amount due on receipt of goods \uFFFD") << true
            << QStringLiteral("");
    }
    void assess()
    {
        QFETCH(QString, text);
        QFETCH(bool, usable);
        QFETCH(QString, reason);
        const TextLayerQuality q = TextLayerQuality::assess(pageOf(text));
        QVERIFY2(q.usable == usable,
                 qPrintable(QStringLiteral("score %1 reason %2").arg(q.score).arg(q.reason)));
        QCOMPARE(q.reason, reason);
        QVERIFY(q.score >= 0 && q.score <= 1);
        if (usable)
            QVERIFY(q.score > 0.5);
    }
};

QTEST_GUILESS_MAIN(TestTextLayerQuality)
#include "test_text_layer_quality.moc"
