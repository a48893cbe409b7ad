#include "RegionReader.h"

#include "agents/AmountParser.h"
#include "agents/CurrencyParser.h"
#include "agents/DateParser.h"
#include "ingest/ReadingOrder.h"
#include "ingest/SourceDocument.h"
#include "ingest/TextLayerQuality.h"
#include "vision/OcrEngine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QPainter>
#include <QRegularExpression>
#include <QTransform>

#include <map>
#include <memory>

Q_LOGGING_CATEGORY(lcRegion, "docket.pipeline.region")

namespace docket {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("RegionReader", text);
}

// One Tesseract engine per thread and option set: loading language data costs more than
// reading a small region.
OcrEngine &threadEngine(const OcrOptions &options)
{
    thread_local std::map<QString, std::unique_ptr<OcrEngine>> engines;
    const QString key = options.languages + QLatin1Char('|') + options.tessdataPath +
                        QLatin1Char('|') + QString::number(options.pageSegMode);
    auto it = engines.find(key);
    if (it == engines.end())
        it = engines.emplace(key, std::make_unique<OcrEngine>(options)).first;
    return *it->second;
}

// Words of a Tesseract reading that are noise rather than text (a lone mark at the edge of
// the crop, a cut-off glyph).
bool isNoise(const Word &word)
{
    const QString t = word.text.trimmed();
    if (t.isEmpty())
        return true;
    if (t.size() == 1 && !t.at(0).isLetterOrNumber() && word.confidence < 0.6)
        return true;
    return word.confidence < 0.15;
}

} // namespace

RegionReader::RegionReader(OcrOptions ocr, IngestLimits limits)
    : m_ocr(std::move(ocr)), m_limits(limits)
{
    // A region is a block of a few lines; the reviewer has turned the page upright already.
    m_ocr.detectOrientation = false;
    m_ocr.deskew = false;
    m_ocr.pageSegMode = 6; // a single uniform block of text
}

QList<Word> RegionReader::wordsInside(const QList<Word> &words, const QRectF &rect, double minCover)
{
    QList<Word> inside;
    const QRectF area = rect.normalized();
    for (const Word &w : words) {
        const QRectF box = w.box.normalized();
        const double own = box.width() * box.height();
        if (own <= 0) {
            if (area.contains(box.center()))
                inside.append(w);
            continue;
        }
        const QRectF common = area.intersected(box);
        if (common.width() * common.height() >= minCover * own)
            inside.append(w);
    }
    return ReadingOrder::arrange(inside);
}

QString RegionReader::joinWords(const QList<Word> &words)
{
    QStringList parts;
    parts.reserve(words.size());
    for (const Word &w : words)
        parts.append(w.text);
    return parts.join(QLatin1Char(' ')).simplified();
}

QString RegionReader::normalize(const QString &text, FieldKind kind)
{
    const QString trimmed = text.simplified();
    switch (kind) {
    case FieldKind::Date: {
        const DateMatch date = DateParser::parse(trimmed);
        return date.date.isValid() ? date.iso() : trimmed;
    }
    case FieldKind::Amount: {
        AmountMatch amount = AmountParser::parse(trimmed);
        if (!amount.valid) {
            const QList<AmountMatch> all = AmountParser::findAll(trimmed);
            if (all.size() == 1)
                amount = all.first();
        }
        return amount.valid ? amount.normalized : trimmed;
    }
    case FieldKind::Number:
    case FieldKind::Weight: {
        const QList<AmountMatch> all = AmountParser::findAll(trimmed);
        return all.size() == 1 && all.first().valid ? AmountParser::number(all.first().value)
                                                    : trimmed;
    }
    case FieldKind::Currency: {
        const QString code = CurrencyParser::fromToken(trimmed);
        if (!code.isEmpty())
            return code;
        const CurrencyGuess guess = CurrencyParser::detect(trimmed.split(QLatin1Char(' ')));
        return guess.code.isEmpty() ? trimmed : guess.code;
    }
    case FieldKind::Text:
    case FieldKind::Identifier:
    case FieldKind::Country:
    case FieldKind::Address:
        break;
    }
    return trimmed;
}

Result<Field> RegionReader::read(const RegionRequest &request) const
{
    QElapsedTimer timer;
    timer.start();
    const QRectF rect = request.rect.normalized();
    if (rect.width() < 1 || rect.height() < 1)
        return Result<Field>::failure(QStringLiteral("region_empty"),
                                      translate("The region is too small to read."));
    auto opened = SourceDocument::open(request.path, m_limits, request.password);
    if (!opened)
        return opened.error();
    const SourceDocument &source = *opened.value();
    const qint64 openMs = timer.elapsed();
    const int index = request.page - 1;
    if (index < 0 || index >= source.pageCount())
        return Result<Field>::failure(QStringLiteral("page_out_of_range"),
                                      translate("The document has no page %1.").arg(request.page));
    const QSizeF pageSize = source.pageSize(index);
    const QRectF area = rect.intersected(QRectF(QPointF(0, 0), pageSize));
    if (area.isEmpty())
        return Result<Field>::failure(QStringLiteral("region_empty"),
                                      translate("The region lies outside the page."));

    Field field;
    field.name = request.fieldName;
    field.page = request.page;
    field.source = QStringLiteral("reviewer");
    field.engine = QStringLiteral("local");

    QList<Word> words;
    double confidence = kTextLayerConfidence;
    if (source.isPdf()) {
        const Page layer = source.textLayer(index);
        if (layer.source == TextSource::TextLayer && TextLayerQuality::assess(layer).usable) {
            words = wordsInside(layer.words, area);
            if (!words.isEmpty()) {
                // Exact boxes for the first and last word read (a page load each), so the box
                // drawn fits where the text starts and ends; the others keep their estimate.
                QList<Word> ends = {words.first()};
                if (words.size() > 1)
                    ends.append(words.last());
                const QList<QRectF> exact = source.exactBoxes(index, ends);
                if (!exact.isEmpty())
                    words.first().box = exact.first();
                if (exact.size() > 1)
                    words.last().box = exact.last();
            }
        }
    }
    if (words.isEmpty()) {
        // Images render at their own resolution; PDFs at the OCR resolution.
        const QImage image = source.render(index, source.isPdf() ? kOcrDpi : 0.0);
        if (image.isNull())
            return Result<Field>::failure(
                QStringLiteral("render_failed"),
                translate("Page %1 could not be rendered for OCR.").arg(request.page));
        // Read a little around the region, so that a word the rectangle cuts is read whole,
        // then keep the words mostly inside, as on a text layer.
        const double margin = qBound(6.0, area.height() * 0.5, 36.0);
        RegionRequest around = request;
        around.rect = area.adjusted(-margin, -margin, margin, margin)
                          .intersected(QRectF(QPointF(0, 0), pageSize));
        auto read = ocrRegion(image, around, pageSize);
        if (!read)
            return read.error();
        words = wordsInside(read.value(), area);
        double sum = 0;
        for (const Word &w : std::as_const(words))
            sum += w.confidence;
        confidence = words.isEmpty() ? 0 : sum / double(words.size());
    }
    if (words.isEmpty())
        return Result<Field>::failure(QStringLiteral("region_empty"),
                                      translate("No text was found in the region."));

    QRectF box;
    for (const Word &w : std::as_const(words))
        box = box.isNull() ? w.box : box.united(w.box);
    field.raw = joinWords(words);
    field.value = normalize(field.raw, request.kind);
    field.bbox = box.isNull() ? area : box;
    field.confidence = qBound(0.0, confidence, 1.0);
    qCDebug(lcRegion) << "region of page" << request.page << "read:" << words.size() << "words in"
                      << timer.elapsed() << "ms, open" << openMs << "ms";
    return field;
}

Result<QList<Word>> RegionReader::ocrRegion(const QImage &pageImage, const RegionRequest &request,
                                            const QSizeF &pageSize) const
{
    // Crop the region (with a white margin, which Tesseract needs around text) and turn it
    // the way the reviewer reads it.
    const double sx = pageImage.width() / pageSize.width();
    const double sy = pageImage.height() / pageSize.height();
    const QRect pixels = QRectF(request.rect.x() * sx, request.rect.y() * sy,
                                request.rect.width() * sx, request.rect.height() * sy)
                             .toAlignedRect()
                             .intersected(pageImage.rect());
    if (pixels.width() < 4 || pixels.height() < 4)
        return Result<QList<Word>>::failure(QStringLiteral("region_empty"),
                                            translate("The region is too small to read."));
    const int pad = qMax(8, qRound(sx * 8)); // about 8 points
    QImage crop(pixels.width() + 2 * pad, pixels.height() + 2 * pad, QImage::Format_RGB32);
    crop.fill(Qt::white);
    {
        QPainter painter(&crop);
        painter.drawImage(QPoint(pad, pad), pageImage, pixels);
    }
    const int turn = ((request.rotation % 360) + 360) % 360 / 90 * 90;
    const QTransform rotate =
        QImage::trueMatrix(QTransform().rotate(turn), crop.width(), crop.height());
    const QImage upright = turn ? crop.transformed(rotate) : crop;
    const double dpi = sx * 72.0;

    OcrEngine &engine = threadEngine(m_ocr);
    auto page = engine.recognize(upright, dpi, QSizeF(), request.page);
    if (!page)
        return page.error();

    // Word boxes come in points of the upright crop: back to crop pixels, unturn, then page.
    const QTransform unturn = rotate.inverted();
    const double toPixels = dpi / 72.0;
    QList<Word> words;
    for (Word w : page.value().words) {
        if (isNoise(w))
            continue;
        const QRectF inUpright(w.box.x() * toPixels, w.box.y() * toPixels, w.box.width() * toPixels,
                               w.box.height() * toPixels);
        const QRectF inCrop = turn ? unturn.mapRect(inUpright) : inUpright;
        const QRectF inPage = inCrop.translated(pixels.x() - pad, pixels.y() - pad);
        w.box = QRectF(inPage.x() / sx, inPage.y() / sy, inPage.width() / sx, inPage.height() / sy);
        words.append(std::move(w));
    }
    return words;
}

} // namespace docket
