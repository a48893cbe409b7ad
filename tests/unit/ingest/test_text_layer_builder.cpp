#include "ingest/ReadingOrder.h"
#include "ingest/TextLayerBuilder.h"

#include <QTest>

using namespace docket;

namespace {

using Rects = QList<QRectF>;

QStringList texts(const QList<Word> &words)
{
    QStringList out;
    for (const Word &w : words)
        out << w.text;
    return out;
}

// Rectangles of single glyphs for text drawn from x at top y, glyph pitch `pitch`,
// spaces leaving a wider gap; what some generators produce (one text object per glyph).
Rects glyphRects(const QString &text, double x, double y, double pitch, double height)
{
    Rects rects;
    for (QChar c : text) {
        if (c != QLatin1Char(' '))
            rects << QRectF(x, y, pitch * 0.85, height);
        x += pitch;
    }
    return rects;
}

} // namespace

class TestTextLayerBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wordsAndBoxes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Rects>("rects");
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<Rects>("boxes"); // expected, within 1.5 pt; empty: not checked

        QTest::newRow("one object per word")
            << QStringLiteral("Hello world") << Rects{{100, 100, 30, 9}, {135, 100, 32, 9}}
            << QStringList{QStringLiteral("Hello"), QStringLiteral("world")}
            << Rects{{100, 100, 30, 9}, {135, 100, 32, 9}};
        QTest::newRow("word split by kerning")
            << QStringLiteral("Estimate: 8305")
            << Rects{{50, 50, 20, 8}, {70, 50, 18, 8}, {95, 50, 22, 8}}
            << QStringList{QStringLiteral("Estimate:"), QStringLiteral("8305")}
            << Rects{{50, 50, 38, 8}, {95, 50, 22, 8}};
        QTest::newRow("glyph by glyph")
            << QStringLiteral("Total 12") << glyphRects(QStringLiteral("Total 12"), 10, 10, 6, 8)
            << QStringList{QStringLiteral("Total"), QStringLiteral("12")}
            << Rects{{10, 10, 29.1, 8}, {46, 10, 11.1, 8}};
        QTest::newRow("lines")
            << QStringLiteral("Line one\r\nLine two")
            << Rects{{20, 20, 21, 9}, {44, 20, 21, 9}, {20, 40, 21, 9}, {44, 40, 22, 9}}
            << QStringList{QStringLiteral("Line"), QStringLiteral("one"), QStringLiteral("Line"),
                           QStringLiteral("two")}
            << Rects{{20, 20, 21, 9}, {44, 20, 21, 9}, {20, 40, 21, 9}, {44, 40, 22, 9}};
        QTest::newRow("empty") << QStringLiteral("") << Rects{} << QStringList{} << Rects{};
        QTest::newRow("no rects") << QStringLiteral("text without geometry") << Rects{}
                                  << QStringList{} << Rects{};
        QTest::newRow("off the page")
            << QStringLiteral("visible hidden") << Rects{{10, 10, 40, 9}, {2000, 10, 40, 9}}
            << QStringList{QStringLiteral("visible")} << Rects{{10, 10, 40, 9}};
    }
    void wordsAndBoxes()
    {
        QFETCH(QString, text);
        QFETCH(Rects, rects);
        QFETCH(QStringList, words);
        QFETCH(Rects, boxes);
        const QList<Word> built = TextLayerBuilder::build(text, rects, QSizeF(612, 792));
        QCOMPARE(texts(built), words);
        for (qsizetype i = 0; i < boxes.size(); ++i) {
            const QRectF got = built.at(i).box, want = boxes.at(i);
            QVERIFY2(std::abs(got.left() - want.left()) < 1.5 &&
                         std::abs(got.right() - want.right()) < 1.5 &&
                         std::abs(got.top() - want.top()) < 1.5 &&
                         std::abs(got.bottom() - want.bottom()) < 1.5,
                     qPrintable(QStringLiteral("%1: got %2,%3 %4x%5")
                                    .arg(words.at(i))
                                    .arg(got.x())
                                    .arg(got.y())
                                    .arg(got.width())
                                    .arg(got.height())));
        }
    }

    void phraseInOneObjectIsSplitInOrder()
    {
        const QList<Word> words = TextLayerBuilder::build(
            QStringLiteral("FUTURE FORWARD USA"), {QRectF(172, 103, 94, 6)}, QSizeF(612, 792));
        QCOMPARE(texts(words), (QStringList{QStringLiteral("FUTURE"), QStringLiteral("FORWARD"),
                                            QStringLiteral("USA")}));
        QCOMPARE(words.first().box.left(), 172.0);
        QVERIFY(std::abs(words.last().box.right() - 266) < 0.01);
        for (int i = 1; i < 3; ++i) {
            QVERIFY(words.at(i - 1).box.right() < words.at(i).box.left());
            QVERIFY(words.at(i).box.width() > 0);
        }
        // Widths follow the letters: FORWARD is wider than USA.
        QVERIFY(words.at(1).box.width() > words.at(2).box.width());
    }

    void rotatedPageIsTurnedUpright()
    {
        // A /Rotate 90 page displayed 792 x 612: QtPdf reports rectangles in the unrotated
        // space. Build the raw rectangles of two words drawn upright at known places.
        const QSizeF display(792, 612);
        const Rects upright{{100, 50, 40, 10}, {150, 50, 30, 10}, {100, 80, 60, 10}};
        Rects raw;
        for (const QRectF &d : upright)
            raw << QRectF(d.top(), display.height() - d.right(), d.height(), d.width());
        const QList<Word> words =
            TextLayerBuilder::build(QStringLiteral("Hello there\r\nworld"), raw, display);
        QCOMPARE(texts(words), (QStringList{QStringLiteral("Hello"), QStringLiteral("there"),
                                            QStringLiteral("world")}));
        for (int i = 0; i < 3; ++i)
            QVERIFY2(std::abs(words.at(i).box.left() - upright.at(i).left()) < 0.01 &&
                         std::abs(words.at(i).box.top() - upright.at(i).top()) < 0.01 &&
                         std::abs(words.at(i).box.width() - upright.at(i).width()) < 0.01,
                     qPrintable(words.at(i).text));
    }

    void disagreeingLinesStillAlign()
    {
        // pdfium saw one line where the geometry has two (a word sits lower: ragged OCR).
        const Rects rects{{10, 10, 30, 10},
                          {45, 10, 30, 10},
                          {80, 24, 30, 10},
                          {115, 24, 30, 10},
                          {10, 60, 30, 10}};
        const QList<Word> words = TextLayerBuilder::build(
            QStringLiteral("aaaaa bbbbb ccccc ddddd\r\neeeee"), rects, QSizeF(612, 792));
        QCOMPARE(texts(words), (QStringList{QStringLiteral("aaaaa"), QStringLiteral("bbbbb"),
                                            QStringLiteral("ccccc"), QStringLiteral("ddddd"),
                                            QStringLiteral("eeeee")}));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(words.at(i).box, rects.at(i));
    }

    void readingOrder()
    {
        // Content order is column by column; reading order is line by line.
        QList<Word> words;
        auto add = [&words](const char *text, QRectF box) {
            Word w;
            w.text = QString::fromLatin1(text);
            w.box = box;
            words << w;
        };
        add("Total", QRectF(300, 200, 30, 10));
        add("Name:", QRectF(50, 100, 30, 10));
        add("ACME", QRectF(100, 101, 30, 10));
        add("Date:", QRectF(50, 120, 30, 10));
        add("Name:", QRectF(50.2, 100.1, 30, 10)); // drawn twice (fake bold)
        const QList<Word> ordered = ReadingOrder::arrange(words);
        QCOMPARE(texts(ordered), (QStringList{QStringLiteral("Name:"), QStringLiteral("ACME"),
                                              QStringLiteral("Date:"), QStringLiteral("Total")}));
        QCOMPARE(ordered.at(0).line, 0);
        QCOMPARE(ordered.at(1).line, 0);
        QCOMPARE(ordered.at(2).line, 1);
        QCOMPARE(ordered.at(3).line, 2);
        QCOMPARE(ordered.at(0).block, ordered.at(2).block);
        QVERIFY(ordered.at(3).block > ordered.at(2).block);
    }
};

QTEST_GUILESS_MAIN(TestTextLayerBuilder)
#include "test_text_layer_builder.moc"
