#include "OcrEngine.h"

#include "ImagePreprocessor.h"
#include "NumberRereader.h"
#include "VisionLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStringList>

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <opencv2/imgproc.hpp>

#ifdef _OPENMP
#include <omp.h>
#endif

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace docket {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("docket::OcrEngine", text);
}

// Debian packages the data of a Tesseract language code: chi_sim -> tesseract-ocr-chi-sim.
QString packageFor(const QString &language)
{
    return QStringLiteral("tesseract-ocr-") +
           language.toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
}

// Tesseract may be built with OpenMP (Debian's is) and then runs parts of the LSTM in a team of
// threads that spin while they wait. The pipeline runs one engine per core, so extra threads only
// fight each other: with two engines on two cores the OpenMP build is several times slower.
// A max-active-levels of 0 makes every parallel region run on the calling thread alone. The
// setting is per thread in libgomp, so it is applied on each call.
void limitOpenMpToThisThread()
{
#ifdef _OPENMP
    omp_set_max_active_levels(0);
#endif
}

struct Reading
{
    QList<Word> words;         // boxes in prepared pixels
    double meanConfidence = 0; // weighted by word length
    int letters = 0;           // characters of words with confidence >= 0.5
    // Clockwise turn that makes most of the text upright, from the orientation of the blocks
    // Tesseract found (it reads vertical text lines of a page turned by 90 degrees by itself).
    int orientation = 0;
};

// Clockwise correction for a block orientation ("up" of the characters points to ...).
int correctionFor(tesseract::Orientation o)
{
    switch (o) {
    case tesseract::ORIENTATION_PAGE_RIGHT:
        return 270;
    case tesseract::ORIENTATION_PAGE_DOWN:
        return 180;
    case tesseract::ORIENTATION_PAGE_LEFT:
        return 90;
    case tesseract::ORIENTATION_PAGE_UP:
        break;
    }
    return 0;
}

// A reading is convincing when there is enough confident text: an upright page then needs no
// orientation detection. On the development receipts upright pages read with a mean confidence
// of 0.45..0.9, upside-down ones 0.17..0.35.
bool isConvincing(const Reading &r)
{
    return r.letters >= 12 && r.meanConfidence >= 0.40;
}

// Which reading of the same page is better: more confident characters.
double readingScore(const Reading &r)
{
    return r.letters * r.meanConfidence;
}

} // namespace

struct OcrEngine::Private
{
    ImagePreprocessor preprocessor;
    tesseract::TessBaseAPI ocr;
    tesseract::TessBaseAPI osd;
    bool ocrTried = false;
    bool ocrReady = false;
    Error initError;
    bool osdTried = false;
    bool osdReady = false;
    OcrTimings timings;

    explicit Private(const OcrOptions &options) : preprocessor(options) {}

    // verticalScript: the languages include vertical writing (jpn_vert, chi_tra_vert).
    Reading read(const PreparedImage &prepared, int psm, bool verticalScript);
    int detectOrientation(const PreparedImage &prepared, const QString &datapath);
};

OcrEngine::OcrEngine(OcrOptions options)
    : m_options(std::move(options)), d(std::make_unique<Private>(m_options))
{}

OcrEngine::~OcrEngine()
{
    d->ocr.End();
    d->osd.End();
}

const OcrTimings &OcrEngine::lastTimings() const
{
    return d->timings;
}

Status OcrEngine::initialize()
{
    if (d->ocrTried)
        return d->ocrReady ? Status() : Status(d->initError);
    d->ocrTried = true;
    limitOpenMpToThisThread();

    QString languages = m_options.languages.trimmed();
    if (languages.isEmpty())
        languages = QStringLiteral("eng");
    const QByteArray datapath = QFile::encodeName(m_options.tessdataPath);
    const QByteArray lang = languages.toUtf8();
    const QStringList codes = languages.split(QLatin1Char('+'), Qt::SkipEmptyParts);
    const auto fail = [&](QStringList missing, const QString &dir) {
        if (missing.isEmpty())
            missing = codes;
        QStringList packages;
        for (const QString &code : std::as_const(missing))
            packages << packageFor(code);
        d->initError = Error{
            QStringLiteral("ocr_init_failed"),
            translate("Tesseract could not load the language data for \"%1\" (%2). Install %3.")
                .arg(missing.join(QLatin1Char('+')),
                     dir.isEmpty() ? translate("no tessdata folder found") : dir,
                     packages.join(QStringLiteral(", ")))};
        qCWarning(lcVision) << "Tesseract init failed for" << missing << "in" << dir;
        return Status(d->initError);
    };

    const int rc = d->ocr.Init(datapath.isEmpty() ? nullptr : datapath.constData(),
                               lang.constData(), tesseract::OEM_LSTM_ONLY);
    if (rc != 0) {
        // Name the missing packs: look for each language's data where Tesseract looks.
        QString dir = m_options.tessdataPath;
        if (dir.isEmpty() && d->osd.Init(nullptr, "osd", tesseract::OEM_TESSERACT_ONLY) == 0)
            dir = QString::fromUtf8(d->osd.GetDatapath());
        d->osd.End();
        QStringList missing;
        for (const QString &code : codes) {
            if (dir.isEmpty() ||
                !QFileInfo::exists(QDir(dir).filePath(code + QStringLiteral(".traineddata"))))
                missing << code;
        }
        return fail(missing, dir);
    }
    // Tesseract loads what it finds of "eng+deu" and only warns about the rest: say so instead.
    std::vector<std::string> loaded;
    d->ocr.GetLoadedLanguagesAsVector(&loaded);
    QStringList missing;
    for (const QString &code : codes) {
        if (std::find(loaded.begin(), loaded.end(), code.toStdString()) == loaded.end())
            missing << code;
    }
    if (!missing.isEmpty()) {
        const QString dir = QString::fromUtf8(d->ocr.GetDatapath());
        d->ocr.End();
        return fail(missing, dir);
    }
    // Tesseract's own chatter ("Estimating resolution...") goes nowhere; errors are ours to say.
    d->ocr.SetVariable("debug_file", "/dev/null");
    d->ocrReady = true;
    return {};
}

int OcrEngine::Private::detectOrientation(const PreparedImage &prepared, const QString &datapath)
{
    if (!osdTried) {
        osdTried = true;
        const QByteArray path = QFile::encodeName(datapath);
        osdReady = osd.Init(path.isEmpty() ? nullptr : path.constData(), "osd",
                            tesseract::OEM_TESSERACT_ONLY) == 0;
        if (osdReady) {
            osd.SetVariable("debug_file", "/dev/null");
            osd.SetPageSegMode(tesseract::PSM_OSD_ONLY);
        } else {
            qCWarning(lcVision) << "osd.traineddata not found: orientation is not detected";
        }
    }
    if (!osdReady)
        return 0;
    // OSD classifies a sample of glyphs in four orientations; it needs no more resolution than
    // text about 14 px high (measured on turned receipts: as right as at 20 px, 14 of 20
    // upside-down receipts), and the smaller image thresholds and segments faster.
    cv::Mat img = prepared.gray;
    double dpi = prepared.effectiveDpi;
    if (prepared.textHeight > 17) {
        const double f = 14.0 / prepared.textHeight;
        cv::resize(prepared.gray, img, cv::Size(), f, f, cv::INTER_AREA);
        dpi *= f;
    }
    osd.SetImage(img.data, img.cols, img.rows, 1, int(img.step));
    osd.SetSourceResolution(std::max(70, int(std::lround(dpi))));
    int orientDeg = 0;
    float orientConf = 0;
    const char *script = nullptr;
    float scriptConf = 0;
    const bool ok = osd.DetectOrientationScript(&orientDeg, &orientConf, &script, &scriptConf);
    osd.Clear();
    qCDebug(lcVision) << "osd" << ok << orientDeg << orientConf << (script ? script : "");
    if (!ok || orientConf < 1.0f)
        return 0;
    // orientDeg is how far the content is turned clockwise; turning the image counter-clockwise
    // by the same angle makes it upright.
    return (360 - ((orientDeg % 360) + 360) % 360) % 360;
}

Reading OcrEngine::Private::read(const PreparedImage &prepared, int psm, bool verticalScript)
{
    Reading out;
    const cv::Mat &g = prepared.gray;
    ocr.SetPageSegMode(tesseract::PageSegMode(psm));
    ocr.SetImage(g.data, g.cols, g.rows, 1, int(g.step));
    ocr.SetSourceResolution(std::max(70, int(std::lround(prepared.effectiveDpi))));
    if (ocr.Recognize(nullptr) != 0) {
        ocr.Clear();
        return out;
    }
    std::unique_ptr<tesseract::ResultIterator> it(ocr.GetIterator());
    int block = -1;
    int line = -1;
    double confSum = 0;
    double weight = 0;
    double orientationVotes[4] = {0, 0, 0, 0};
    int blockCorrection = 0;
    if (it) {
        const auto word = tesseract::RIL_WORD;
        do {
            if (it->Empty(word))
                continue;
            if (it->IsAtBeginningOf(tesseract::RIL_BLOCK)) {
                ++block;
                tesseract::Orientation o = tesseract::ORIENTATION_PAGE_UP;
                tesseract::WritingDirection wd = tesseract::WRITING_DIRECTION_LEFT_TO_RIGHT;
                tesseract::TextlineOrder order = tesseract::TEXTLINE_ORDER_TOP_TO_BOTTOM;
                float deskewAngle = 0;
                it->Orientation(&o, &wd, &order, &deskewAngle);
                blockCorrection = correctionFor(o);
                // Latin text of a page turned clockwise is found as vertical writing.
                if (wd == tesseract::WRITING_DIRECTION_TOP_TO_BOTTOM && !verticalScript)
                    blockCorrection = (blockCorrection + 270) % 360;
            }
            if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE))
                ++line;
            const std::unique_ptr<char[]> utf8(it->GetUTF8Text(word));
            const QString text = QString::fromUtf8(utf8.get()).trimmed();
            if (text.isEmpty())
                continue;
            const double conf = std::clamp(double(it->Confidence(word)) / 100.0, 0.0, 1.0);
            const bool hasAlnum =
                std::any_of(text.begin(), text.end(), [](QChar c) { return c.isLetterOrNumber(); });
            // Noise read as punctuation ("~", "|", ".,") is not a word.
            if (!hasAlnum && conf < 0.5)
                continue;
            int l = 0, t = 0, r = 0, b = 0;
            if (!it->BoundingBox(word, &l, &t, &r, &b))
                continue;
            Word w;
            w.text = text;
            w.box = QRectF(l, t, r - l, b - t);
            w.confidence = conf;
            w.line = std::max(line, 0);
            w.block = std::max(block, 0);
            out.words.append(w);
            confSum += conf * text.size();
            weight += text.size();
            if (conf >= 0.5)
                out.letters += int(text.size());
            orientationVotes[blockCorrection / 90] += conf * text.size();
        } while (it->Next(word));
    }
    ocr.Clear();
    out.meanConfidence = weight > 0 ? confSum / weight : 0;
    const double *top = std::max_element(orientationVotes, orientationVotes + 4);
    if (*top > orientationVotes[0] * 1.5)
        out.orientation = int(top - orientationVotes) * 90;
    return out;
}

Result<Page> OcrEngine::recognize(const QImage &image, double dpi, const QSizeF &pageSizePoints,
                                  int pageNumber)
{
    d->timings = {};
    const Status init = initialize();
    if (!init)
        return init.error();
    if (image.isNull() || image.width() < 1 || image.height() < 1)
        return Result<Page>::failure(QStringLiteral("ocr_failed"),
                                     translate("The page image is empty."));
    limitOpenMpToThisThread();

    QElapsedTimer timer;
    timer.start();
    PreparedImage prepared = d->preprocessor.prepare(image, dpi);
    if (m_options.flattenBackground)
        ImagePreprocessor::flattenBackground(prepared);
    d->timings.preprocessUs += timer.nsecsElapsed() / 1000;

    const auto runOsd = [&](const PreparedImage &p) {
        timer.restart();
        const int deg = d->detectOrientation(p, m_options.tessdataPath);
        d->timings.osdUs += timer.nsecsElapsed() / 1000;
        d->timings.osdRan = true;
        return deg;
    };
    const auto finish = [&](PreparedImage &p) {
        timer.restart();
        d->preprocessor.deskew(p);
        d->timings.preprocessUs += timer.nsecsElapsed() / 1000;
        timer.restart();
        Reading r =
            d->read(p, m_options.pageSegMode, m_options.languages.contains(QLatin1String("_vert")));
        d->timings.recognizeUs += timer.nsecsElapsed() / 1000;
        ++d->timings.passes;
        return r;
    };

    Reading reading;
    if (m_options.detectOrientation && !m_options.osdOnlyWhenUnsure)
        ImagePreprocessor::rotate(prepared, runOsd(prepared));
    reading = finish(prepared);
    if (!isConvincing(reading))
        reading.orientation = 0; // vertical "text" read from noise or upside-down lines
    if (m_options.detectOrientation && m_options.osdOnlyWhenUnsure && !isConvincing(reading)) {
        // Upside down? Read the page turned by 180 degrees and keep the better reading. A page
        // turned by 90 degrees either way is then read as vertical lines by one of the passes.
        PreparedImage turned = prepared;
        ImagePreprocessor::rotate(turned, 180);
        Reading second = finish(turned);
        if (!isConvincing(second))
            second.orientation = 0;
        qCDebug(lcVision) << "upright" << reading.meanConfidence << reading.letters << "turned"
                          << second.meanConfidence << second.letters;
        if (readingScore(second) > readingScore(reading) * 1.1) {
            reading = std::move(second);
            prepared = std::move(turned);
        }
    }

    // A page read as vertical lines (turned by 90 degrees) has no horizontal crops to read.
    if (m_options.rereadNumbers && reading.orientation == 0) {
        timer.restart();
        const NumberRereader::Stats st =
            NumberRereader(m_options.rereadBelowConfidence).reread(d->ocr, prepared, reading.words);
        d->timings.rereadUs += timer.nsecsElapsed() / 1000;
        d->timings.rereadWords += st.candidates;
        d->timings.rereads += st.rereads;
        d->timings.replaced += st.replaced;
    }

    Page page;
    page.number = pageNumber;
    page.source = TextSource::Ocr;
    page.rotation = (prepared.orientation + reading.orientation) % 360;
    const double pointsPerPixel = 72.0 / (dpi > 0 ? dpi : double(m_options.targetDpi));
    page.size = pageSizePoints.isEmpty() ? QSizeF(image.size()) * pointsPerPixel : pageSizePoints;
    const double sx = page.size.width() / image.width();
    const double sy = page.size.height() / image.height();
    page.words.reserve(reading.words.size());
    for (Word &w : reading.words) {
        const QRectF r = prepared.mapToOriginal(w.box);
        w.box = QRectF(r.x() * sx, r.y() * sy, r.width() * sx, r.height() * sy);
        page.words.append(std::move(w));
    }
    qCDebug(lcVision) << "page" << pageNumber << "words" << page.words.size() << "rotation"
                      << page.rotation << "skew" << prepared.skewDegrees << "confidence"
                      << reading.meanConfidence;
    return page;
}

} // namespace docket
