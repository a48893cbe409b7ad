#include "TextPageFixture.h"
#include "vision/ImagePreprocessor.h"
#include "vision/NumberRereader.h"
#include "vision/OcrEngine.h"

#include <QTest>

#include <tesseract/baseapi.h>

using namespace docket;

using Reading = NumberRereader::Reading;
using Readings = QList<Reading>;

Q_DECLARE_METATYPE(Reading)

namespace {

// Drawn lines: receipt-like amounts, a date and a time among words.
const QStringList kLines = {
    QStringLiteral("SUBTOTAL 60.30"),
    QStringLiteral("TOTAL 141.50"),
    QStringLiteral("DATE 03/12/2018 12:30"),
};

const TextPageFixture::DrawnWord *drawn(const TextPageFixture &fixture, const QString &text)
{
    for (const TextPageFixture::DrawnWord &w : fixture.words()) {
        if (w.text == text)
            return &w;
    }
    return nullptr;
}

} // namespace

class TestNumberRereader : public QObject
{
    Q_OBJECT

private:
    tesseract::TessBaseAPI m_api;
    bool m_ready = false;

private Q_SLOTS:
    void initTestCase()
    {
        m_ready = m_api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) == 0;
        if (m_ready)
            m_api.SetVariable("debug_file", "/dev/null");
    }

    void cleanupTestCase() { m_api.End(); }

    void looksNumeric_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("numeric");
        QTest::newRow("amount") << QStringLiteral("60.30") << true;
        QTest::newRow("comma decimals") << QStringLiteral("17,70") << true;
        QTest::newRow("grouped") << QStringLiteral("1,041.25") << true;
        QTest::newRow("date") << QStringLiteral("03/12/2018") << true;
        QTest::newRow("dashed date") << QStringLiteral("16-11-18") << true;
        QTest::newRow("time") << QStringLiteral("12:30") << true;
        QTest::newRow("negative") << QStringLiteral("-5.00") << true;
        QTest::newRow("plain digits") << QStringLiteral("4711") << true;
        QTest::newRow("one digit") << QStringLiteral("7") << false;
        QTest::newRow("one digit and separator") << QStringLiteral("7.") << false;
        QTest::newRow("currency prefix") << QStringLiteral("RM60.30") << false;
        QTest::newRow("word") << QStringLiteral("TOTAL") << false;
        QTest::newRow("number label") << QStringLiteral("No.12") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("Arabic-Indic digits")
            << QStringLiteral("\u0661\u0662.\u0665\u0660") << false;
    }

    void looksNumeric()
    {
        QFETCH(QString, text);
        QFETCH(bool, numeric);
        QCOMPARE(NumberRereader::looksNumeric(text), numeric);
    }

    void choose_data()
    {
        QTest::addColumn<Reading>("first");
        QTest::addColumn<Readings>("variants");
        QTest::addColumn<QString>("expected"); // empty: first stays
        const auto r = [](const char *t, double c) { return Reading{QString::fromLatin1(t), c}; };
        QTest::newRow("variants agree with the page")
            << r("60.30", 0.80) << Readings{r("60.30", 0.9), r("60.30", 0.9)} << QString();
        QTest::newRow("two variants outvote a weak misread")
            << r("402.00", 0.56) << Readings{r("102.00", 0.93), r("102.00", 0.95), r("402.00", 0.9)}
            << QStringLiteral("102.00");
        QTest::newRow("one digit, three variants")
            << r("17.76", 0.93) << Readings{r("17.70", 0.87), r("17.70", 0.88), r("17.70", 0.84)}
            << QStringLiteral("17.70");
        QTest::newRow("a single variant is not enough")
            << r("60.34", 0.6) << Readings{r("60.30", 0.95), r("60.31", 0.9), r("60.38", 0.9)}
            << QString();
        QTest::newRow("a confident page reading outvotes two weaker ones")
            << r("50.00", 0.95) << Readings{r("90.00", 0.80), r("50.00", 0.95), r("90.00", 0.81)}
            << QString();
        QTest::newRow("a dropped digit is not taken")
            << r("99.80", 0.62) << Readings{r("9.80", 0.8), r("9.80", 0.8), r("9.80", 0.8)}
            << QString();
        QTest::newRow("a separator the page missed")
            << r("760", 0.73) << Readings{r("7.60", 0.94), r("7.60", 0.96), r("7.60", 0.96)}
            << QStringLiteral("7.60");
        QTest::newRow("separator read as a digit")
            << r("47790", 0.75) << Readings{r("47.70", 0.75), r("47.79", 0.78), r("47.70", 0.8)}
            << QStringLiteral("47.70");
        QTest::newRow("a date digit")
            << r("38/05/2018", 0.8)
            << Readings{r("30/05/2018", 0.9), r("30/05/2018", 0.85), r("38/05/2018", 0.7)}
            << QStringLiteral("30/05/2018");
        QTest::newRow("weak agreement is not taken")
            << r("28.40", 0.3) << Readings{r("28.60", 0.40), r("28.60", 0.45), r("28.40", 0.2)}
            << QString();
        QTest::newRow("noise does not vote")
            << r("12.90", 0.5) << Readings{r("", 0.0), r("1Z.OO", 0.9), r("1Z.OO", 0.9)}
            << QString();
        QTest::newRow("a decimal comma read as a point is no disagreement")
            << r("5,90", 0.6) << Readings{r("5.90", 0.9), r("5.90", 0.9), r("5.90", 0.9)}
            << QString();
        QTest::newRow("a decimal comma stays a comma")
            << r("17,76", 0.7) << Readings{r("17.70", 0.9), r("17,70", 0.9), r("17.76", 0.6)}
            << QStringLiteral("17,70");
        QTest::newRow("spaces inside a crop's reading")
            << r("11.48", 0.52) << Readings{r("11. 40", 0.9), r("11.40", 0.9), r("11.46", 0.7)}
            << QStringLiteral("11.40");
    }

    void choose()
    {
        QFETCH(Reading, first);
        QFETCH(Readings, variants);
        QFETCH(QString, expected);
        const std::optional<Reading> got = NumberRereader::choose(first, variants);
        if (expected.isEmpty()) {
            QVERIFY2(!got, qPrintable(got ? got->text : QString()));
            return;
        }
        QVERIFY(got);
        QCOMPARE(got->text, expected);
        QVERIFY(got->confidence >= 0.5 && got->confidence <= 1.0);
    }

    // The crops of clearly drawn numbers read as drawn in every variant.
    void variantsReadCrops()
    {
        if (!m_ready)
            QSKIP("Tesseract English data missing");
        const TextPageFixture fixture(kLines, 300);
        const PreparedImage prepared = ImagePreprocessor().prepare(fixture.image(), 300);
        const NumberRereader rereader;
        for (const QString &text :
             {QStringLiteral("60.30"), QStringLiteral("141.50"), QStringLiteral("03/12/2018")}) {
            const TextPageFixture::DrawnWord *w = drawn(fixture, text);
            QVERIFY(w);
            const QRectF box = prepared.toPrepared.mapRect(w->pixels);
            const Readings readings = rereader.readVariants(m_api, prepared, box);
            QVERIFY(readings.size() >= 2);
            for (const Reading &r : readings) {
                QCOMPARE(r.text, text);
                QVERIFY(r.confidence > 0.5);
            }
        }
    }

    // Right readings stay as they are; a wrong reading of a number is replaced by the reading of
    // its crop, with the box kept; words that are not numbers are not touched.
    void rereadReplacesMisreadNumbers()
    {
        if (!m_ready)
            QSKIP("Tesseract English data missing");
        const TextPageFixture fixture(kLines, 300);
        const PreparedImage prepared = ImagePreprocessor().prepare(fixture.image(), 300);
        // As a page pass might have read the words: two digits misread, the rest right.
        const QHash<QString, QPair<QString, double>> pageReading = {
            {QStringLiteral("60.30"), {QStringLiteral("60.38"), 0.62}},
            {QStringLiteral("141.50"), {QStringLiteral("141.50"), 0.85}},
            {QStringLiteral("03/12/2018"), {QStringLiteral("08/12/2018"), 0.70}},
            {QStringLiteral("12:30"), {QStringLiteral("12:30"), 0.96}},
        };
        QList<Word> words;
        for (const TextPageFixture::DrawnWord &d : fixture.words()) {
            Word w;
            w.text = pageReading.value(d.text, {d.text, 0.5}).first;
            w.confidence = pageReading.value(d.text, {d.text, 0.5}).second;
            w.box = prepared.toPrepared.mapRect(d.pixels);
            words.append(w);
        }
        const QList<Word> before = words;
        m_api.SetPageSegMode(tesseract::PSM_AUTO);
        const NumberRereader::Stats stats = NumberRereader().reread(m_api, prepared, words);
        QCOMPARE(stats.replaced, 2);
        QCOMPARE(stats.candidates, 3); // 12:30 is above the threshold
        QVERIFY(stats.rereads >= 3);
        for (qsizetype i = 0; i < words.size(); ++i) {
            const QString want = fixture.words().at(i).text;
            QCOMPARE(words.at(i).text, want);
            QCOMPARE(words.at(i).box, before.at(i).box);
            if (before.at(i).text == want)
                QCOMPARE(words.at(i).confidence, before.at(i).confidence);
            else
                QVERIFY(words.at(i).confidence >= 0.5);
        }
        // The API is left as it was found for the next page.
        QCOMPARE(int(m_api.GetPageSegMode()), int(tesseract::PSM_AUTO));
    }

    // The whole engine with the second look keeps a page of clear numbers right.
    void engineKeepsRightNumbers()
    {
        if (!m_ready)
            QSKIP("Tesseract English data missing");
        const TextPageFixture fixture(kLines, 200);
        for (bool reread : {false, true}) {
            OcrOptions options;
            options.rereadNumbers = reread;
            options.rereadBelowConfidence = 1.01; // every number is looked at again
            OcrEngine engine(options);
            const Result<Page> page =
                engine.recognize(fixture.image(), 200, fixture.pageSizePoints(), 1);
            QVERIFY2(page.ok(), qPrintable(page.error().message));
            QCOMPARE(page.value().text().split(QLatin1Char('\n')), kLines);
            if (reread) {
                QCOMPARE(engine.lastTimings().rereadWords, 4);
                QCOMPARE(engine.lastTimings().replaced, 0);
            } else {
                QCOMPARE(engine.lastTimings().rereads, 0);
            }
        }
    }
};

QTEST_MAIN(TestNumberRereader)
#include "test_number_rereader.moc"
