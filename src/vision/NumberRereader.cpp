#include "NumberRereader.h"

#include "VisionLog.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <memory>

namespace docket {

namespace {

// What a number on a receipt or invoice is made of.
constexpr const char *kNumberChars = "0123456789.,-/:";

struct Variant
{
    double digitHeight; // pixels the crop's text is scaled to (0: as it is)
    int psm;            // tesseract::PageSegMode
    bool whitelist;     // digits and separators only
    int morph;          // 0 none, 1 thicker strokes, 2 thinner strokes, 3 adaptive threshold
    double widen;       // extra crop width on each side, in text heights
};

// Measured on the development receipts (label totals and dates found among the words): of eight
// variants (with and without the whitelist, 30 and 48 px, single word, a wider crop, thicker,
// thinner, adaptive threshold) these three voting with the page's reading fixed the most numbers
// and broke none. The first one alone confirms most readings; the others run when it disagrees.
const Variant kVariants[] = {
    {30, tesseract::PSM_SINGLE_LINE, true, 0, 0.15},
    {30, tesseract::PSM_SINGLE_LINE, true, 1, 0.15},
    {30, tesseract::PSM_SINGLE_LINE, true, 3, 0.15},
};

// A replacement read with less confidence than this (mean of its variants) is not taken.
constexpr double kMinConfidence = 0.5;

QString shapeOf(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text)
        out.append(c.isDigit() ? QLatin1Char('d') : c == QLatin1Char(',') ? QLatin1Char('.') : c);
    return out;
}

// A replacement must have the number's shape: the same digits-and-separators pattern ("d.dd",
// "dd/dd/dddd"; ',' and '.' alike), or, where the page read no separator at all, a separator the
// page took for a digit or missed ("760" -> "7.60", "47790" -> "47.70"). A digit dropped or added
// ("99.80" -> "9.80") is not taken: crops lose edge digits more often than pages do.
bool sameShape(const QString &first, const QString &second)
{
    if (shapeOf(first) == shapeOf(second))
        return true;
    const auto digits = [](const QString &t) {
        return std::count_if(t.begin(), t.end(), [](QChar c) { return c.isDigit(); });
    };
    const bool firstHasSeparator = digits(first) != first.size();
    const qsizetype d1 = digits(first);
    const qsizetype d2 = digits(second);
    return !firstHasSeparator && (d2 == d1 || d2 == d1 - 1);
}

// The digits of reading with the separators of page where both have the same shape: a decimal
// comma stays a comma.
QString withSeparatorsOf(const QString &page, const QString &reading)
{
    if (shapeOf(page) != shapeOf(reading))
        return reading;
    QString out = page;
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (reading.at(i).isDigit())
            out[i] = reading.at(i);
    }
    return out;
}

QString squeezed(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (!c.isSpace())
            out.append(c);
    }
    return out;
}

// What readings are compared by: no spaces, a decimal comma as a point.
QString keyOf(const QString &text)
{
    return squeezed(text).replace(QLatin1Char(','), QLatin1Char('.'));
}

// The crop of box (with a margin of the image around it), scaled and put on a white canvas.
cv::Mat cropFor(const cv::Mat &gray, const QRectF &box, const Variant &v, double *scaleOut)
{
    const double h = std::max(4.0, box.height());
    const int padX = int(std::lround(2 + v.widen * h));
    const int padY = int(std::lround(2 + 0.1 * h));
    cv::Rect r(int(std::floor(box.left())) - padX, int(std::floor(box.top())) - padY,
               int(std::ceil(box.width())) + 2 * padX, int(std::ceil(box.height())) + 2 * padY);
    r &= cv::Rect(0, 0, gray.cols, gray.rows);
    if (r.width < 2 || r.height < 2)
        return {};
    cv::Mat crop = gray(r).clone();
    double f = v.digitHeight > 0 ? v.digitHeight / h : 1.0;
    f = std::clamp(f, 0.5, 4.0);
    if (std::abs(f - 1.0) > 0.05)
        cv::resize(crop, crop, cv::Size(), f, f, f > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
    else
        f = 1.0;
    const double th = h * f; // text height now
    const int k = std::max(2, int(std::lround(th / 14)));
    switch (v.morph) {
    case 1: // dark strokes grow
        cv::erode(crop, crop, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
        break;
    case 2: // dark strokes shrink
        cv::dilate(crop, crop, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
        break;
    case 3: {
        int block = int(th) | 1;
        block = std::max(block, 11);
        cv::adaptiveThreshold(crop, crop, 255, cv::ADAPTIVE_THRESH_GAUSSIAN_C, cv::THRESH_BINARY,
                              block, 10);
        break;
    }
    default:
        break;
    }
    const int margin = int(std::lround(th * 0.5)) + 4;
    cv::Mat canvas;
    cv::copyMakeBorder(crop, canvas, margin, margin, margin, margin, cv::BORDER_CONSTANT,
                       cv::Scalar(255));
    *scaleOut = f;
    return canvas;
}

// The API as crops want it (no inverted second pass: crops are dark text on light), and as it was
// afterwards.
class CropSettings
{
public:
    explicit CropSettings(tesseract::TessBaseAPI &api)
        : m_api(api), m_psm(int(api.GetPageSegMode()))
    {
        m_api.GetBoolVariable("tessedit_do_invert", &m_invert);
        m_api.SetVariable("tessedit_do_invert", "0");
    }
    ~CropSettings()
    {
        m_api.SetVariable("tessedit_char_whitelist", "");
        m_api.SetVariable("tessedit_do_invert", m_invert ? "1" : "0");
        m_api.SetPageSegMode(tesseract::PageSegMode(m_psm));
    }
    CropSettings(const CropSettings &) = delete;
    CropSettings &operator=(const CropSettings &) = delete;

private:
    tesseract::TessBaseAPI &m_api;
    int m_psm;
    bool m_invert = true;
};

NumberRereader::Reading readImage(tesseract::TessBaseAPI &api, const cv::Mat &img, int psm,
                                  bool whitelist, int dpi)
{
    NumberRereader::Reading out;
    api.SetPageSegMode(tesseract::PageSegMode(psm));
    api.SetVariable("tessedit_char_whitelist", whitelist ? kNumberChars : "");
    api.SetImage(img.data, img.cols, img.rows, 1, int(img.step));
    api.SetSourceResolution(std::max(70, dpi));
    if (api.Recognize(nullptr) != 0) {
        api.Clear();
        return out;
    }
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    double conf = 1.0;
    bool any = false;
    if (it) {
        do {
            if (it->Empty(tesseract::RIL_WORD))
                continue;
            const std::unique_ptr<char[]> utf8(it->GetUTF8Text(tesseract::RIL_WORD));
            const QString t = squeezed(QString::fromUtf8(utf8.get()));
            if (t.isEmpty())
                continue;
            out.text += t;
            conf = std::min(conf, double(it->Confidence(tesseract::RIL_WORD)) / 100.0);
            any = true;
        } while (it->Next(tesseract::RIL_WORD));
    }
    api.Clear();
    out.confidence = any ? std::clamp(conf, 0.0, 1.0) : 0.0;
    return out;
}

} // namespace

NumberRereader::NumberRereader(double belowConfidence) : m_below(belowConfidence) {}

bool NumberRereader::looksNumeric(const QString &text)
{
    // ASCII digits only: the crops are read with a whitelist of them, and other scripts' digits
    // must not be turned into ASCII ones.
    int digits = 0;
    for (QChar c : text) {
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            ++digits;
        else if (!QStringView(u".,-/:").contains(c))
            return false;
    }
    return digits >= 2;
}

std::optional<NumberRereader::Reading> NumberRereader::choose(const Reading &first,
                                                              const QList<Reading> &variants)
{
    // Each reading votes with its confidence, the page's reading too. Variant readings that are
    // not numbers (a crop read as noise) do not vote. A decimal comma and point are one reading.
    const QString firstText = squeezed(first.text);
    QList<QString> keys{keyOf(firstText)};
    QList<QString> spellings{firstText};
    QList<int> votes{0};
    QList<double> scores{first.confidence};
    for (const Reading &r : variants) {
        const QString t = squeezed(r.text);
        const QString k = keyOf(t);
        if (k != keys.first() && !looksNumeric(t))
            continue;
        const qsizetype i = keys.indexOf(k);
        if (i < 0) {
            keys << k;
            spellings << t;
            votes << 1;
            scores << r.confidence;
        } else {
            ++votes[i];
            scores[i] += r.confidence;
        }
    }
    qsizetype best = 0;
    for (qsizetype i = 1; i < keys.size(); ++i) {
        if (scores[i] > scores[best])
            best = i;
    }
    if (best == 0 || votes[best] < 2 || !sameShape(firstText, spellings[best]))
        return std::nullopt;
    const double confidence = scores[best] / votes[best];
    if (confidence < kMinConfidence)
        return std::nullopt;
    return Reading{withSeparatorsOf(firstText, spellings[best]), confidence};
}

QList<NumberRereader::Reading> NumberRereader::readVariants(tesseract::TessBaseAPI &api,
                                                            const PreparedImage &prepared,
                                                            const QRectF &box) const
{
    QList<Reading> out;
    const CropSettings settings(api);
    for (const Variant &v : kVariants) {
        double f = 1.0;
        const cv::Mat img = cropFor(prepared.gray, box, v, &f);
        out.append(img.empty() ? Reading{}
                               : readImage(api, img, v.psm, v.whitelist,
                                           int(std::lround(prepared.effectiveDpi * f))));
    }
    return out;
}

NumberRereader::Stats NumberRereader::reread(tesseract::TessBaseAPI &api,
                                             const PreparedImage &prepared,
                                             QList<Word> &words) const
{
    Stats stats;
    if (prepared.gray.empty())
        return stats;
    const CropSettings settings(api);
    const int dpi = int(std::lround(prepared.effectiveDpi));
    for (Word &w : words) {
        if (w.confidence >= m_below || !looksNumeric(w.text))
            continue;
        ++stats.candidates;
        // The first variant alone agrees with most readings; only a disagreement asks the others.
        QList<Reading> variants;
        for (const Variant &v : kVariants) {
            double f = 1.0;
            const cv::Mat img = cropFor(prepared.gray, w.box, v, &f);
            if (img.empty())
                break;
            variants.append(readImage(api, img, v.psm, v.whitelist, int(std::lround(dpi * f))));
            ++stats.rereads;
            if (variants.size() == 1 && keyOf(variants.first().text) == keyOf(w.text))
                break;
        }
        if (variants.size() < 2)
            continue;
        const std::optional<Reading> better = choose(Reading{w.text, w.confidence}, variants);
        if (!better)
            continue;
        qCDebug(lcVision) << "number read again:" << w.text << w.confidence << "->" << better->text
                          << better->confidence;
        w.text = better->text;
        w.confidence = better->confidence;
        ++stats.replaced;
    }
    return stats;
}

} // namespace docket
