// Text layer benchmark: words with boxes from every page of every PDF of a folder, timed
// against `pdftotext -layout` on the same files; open + render of a generated 50-page PDF;
// and every robustness file opened in a child process of its own (so a crash is reported
// with the file's name instead of ending the run).
//
//   bench_textlayer [--folder DIR] [--robustness DIR] [--no-robustness] [--accuracy]
//     --accuracy compares word boxes with pdftotext -bbox (poppler) as an independent
//     reference; BENCH_VERBOSE=1 adds one line per page.
//   bench_textlayer --dump FILE:PAGE  (words and boxes beside pdftotext -bbox)
//   bench_textlayer --probe FILE   (internal: open one file, read it, print one line)

#include "ingest/SourceDocument.h"
#include "ingest/TextLayerQuality.h"

#include <QCommandLineParser>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace docket;

namespace {

void out(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

QStringList pdfsIn(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, {QStringLiteral("*.pdf")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    std::sort(files.begin(), files.end());
    return files;
}

struct PopplerWord
{
    QString text;
    QRectF box;
};

// Words and boxes from `pdftotext -bbox` (poppler), as an independent reference.
QList<QList<PopplerWord>> popplerWords(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), pdf, QStringLiteral("-")});
    p.waitForFinished(60000);
    const QString html = QString::fromUtf8(p.readAllStandardOutput());
    QList<QList<PopplerWord>> pages;
    static const QRegularExpression re(
        QStringLiteral("<page |<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" "
                       "yMax=\"([\\d.]+)\">([^<]*)</word>"));
    for (auto it = re.globalMatch(html); it.hasNext();) {
        const auto m = it.next();
        if (m.captured(0).startsWith(QLatin1String("<page"))) {
            pages.append(QList<PopplerWord>());
            continue;
        }
        if (pages.isEmpty())
            continue;
        QString text = m.captured(5);
        text.replace(QLatin1String("&amp;"), QLatin1String("&"))
            .replace(QLatin1String("&lt;"), QLatin1String("<"))
            .replace(QLatin1String("&gt;"), QLatin1String(">"))
            .replace(QLatin1String("&quot;"), QLatin1String("\""))
            .replace(QLatin1String("&apos;"), QLatin1String("'"));
        const double x0 = m.captured(1).toDouble(), y0 = m.captured(2).toDouble();
        pages.last().append(
            {text, QRectF(x0, y0, m.captured(3).toDouble() - x0, m.captured(4).toDouble() - y0)});
    }
    return pages;
}

struct Accuracy
{
    int words = 0;
    int matched = 0;
    int good = 0; // horizontal overlap (IoU) >= 0.5 and vertical centres within half a line
    std::vector<double> xErrors;
};

void compare(const Page &page, const QList<PopplerWord> &ref, Accuracy &acc)
{
    for (const Word &w : page.words) {
        ++acc.words;
        const PopplerWord *best = nullptr;
        double bestDist = 1e9;
        for (const PopplerWord &r : ref) {
            if (r.text != w.text)
                continue;
            const double d = std::hypot(r.box.center().x() - w.box.center().x(),
                                        r.box.center().y() - w.box.center().y());
            if (d < bestDist) {
                bestDist = d;
                best = &r;
            }
        }
        if (!best || bestDist > 50)
            continue;
        ++acc.matched;
        const double inter =
            std::min(best->box.right(), w.box.right()) - std::max(best->box.left(), w.box.left());
        const double uni =
            std::max(best->box.right(), w.box.right()) - std::min(best->box.left(), w.box.left());
        const double iou = uni > 0 ? std::max(0.0, inter) / uni : 0;
        const bool vertical = std::abs(best->box.center().y() - w.box.center().y()) <
                              0.5 * std::max(best->box.height(), w.box.height());
        if (iou >= 0.5 && vertical)
            ++acc.good;
        acc.xErrors.push_back(std::max(std::abs(best->box.left() - w.box.left()),
                                       std::abs(best->box.right() - w.box.right())));
    }
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[size_t(std::min(double(v.size() - 1), p * double(v.size())))];
}

void benchFolder(const QString &folder, bool accuracy)
{
    const QStringList files = pdfsIn(folder);
    out(QStringLiteral("== text layer: %1 PDF files in %2").arg(files.size()).arg(folder));
    if (files.isEmpty())
        return;

    int pages = 0, words = 0, failed = 0, usable = 0;
    qint64 openNs = 0;
    QElapsedTimer total;
    total.start();
    for (const QString &file : files) {
        QElapsedTimer t;
        t.start();
        auto doc = SourceDocument::open(file);
        openNs += t.nsecsElapsed();
        if (!doc) {
            ++failed;
            continue;
        }
        for (int i = 0; i < doc.value()->pageCount(); ++i) {
            const Page page = doc.value()->textLayer(i);
            ++pages;
            words += int(page.words.size());
            usable += TextLayerQuality::assess(page).usable ? 1 : 0;
        }
    }
    const double oursS = total.nsecsElapsed() / 1e9;

    QElapsedTimer pt;
    pt.start();
    int popplerFailed = 0;
    for (const QString &file : files) {
        QProcess p;
        p.setStandardOutputFile(QProcess::nullDevice());
        p.setStandardErrorFile(QProcess::nullDevice());
        p.start(QStringLiteral("pdftotext"),
                {QStringLiteral("-layout"), file, QStringLiteral("-")});
        if (!p.waitForFinished(120000) || p.exitCode() != 0)
            ++popplerFailed;
    }
    const double popplerS = pt.nsecsElapsed() / 1e9;

    out(QStringLiteral("files %1 (failed to open %2), pages %3, words %4, pages with a usable "
                       "text layer %5")
            .arg(files.size())
            .arg(failed)
            .arg(pages)
            .arg(words)
            .arg(usable));
    out(QStringLiteral("docket text layer + word boxes: %1 s, %2 pages/s (open %3 ms total)")
            .arg(oursS, 0, 'f', 2)
            .arg(pages / oursS, 0, 'f', 1)
            .arg(openNs / 1e6, 0, 'f', 0));
    out(QStringLiteral("pdftotext -layout:              %1 s, %2 pages/s (%3 failed)")
            .arg(popplerS, 0, 'f', 2)
            .arg(pages / popplerS, 0, 'f', 1)
            .arg(popplerFailed));
    out(QStringLiteral("ratio docket / pdftotext (pages/s): %1").arg(popplerS / oursS, 0, 'f', 2));

    if (!accuracy)
        return;
    Accuracy acc;
    for (const QString &file : files) {
        auto doc = SourceDocument::open(file);
        if (!doc)
            continue;
        const auto ref = popplerWords(file);
        for (int i = 0; i < doc.value()->pageCount() && i < ref.size(); ++i) {
            Accuracy pageAcc;
            const Page page = doc.value()->textLayer(i);
            compare(page, ref.at(i), pageAcc);
            compare(page, ref.at(i), acc);
            if (qEnvironmentVariableIsSet("BENCH_VERBOSE") && pageAcc.matched > 0)
                out(QStringLiteral("  %1 p%2: %3 words, %4% good")
                        .arg(QFileInfo(file).fileName())
                        .arg(i + 1)
                        .arg(pageAcc.matched)
                        .arg(100.0 * pageAcc.good / pageAcc.matched, 0, 'f', 1));
        }
    }
    out(QStringLiteral("word boxes vs pdftotext -bbox: %1 words, %2 matched by text, %3% of "
                       "matched within tolerance (x IoU >= 0.5, same line); edge error median "
                       "%4 pt, p90 %5 pt")
            .arg(acc.words)
            .arg(acc.matched)
            .arg(acc.matched ? 100.0 * acc.good / acc.matched : 0, 0, 'f', 1)
            .arg(percentile(acc.xErrors, 0.5), 0, 'f', 2)
            .arg(percentile(acc.xErrors, 0.9), 0, 'f', 2));
}

void benchGenerated()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fifty.pdf"));
    {
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setResolution(72);
        QPainter p(&writer);
        QFont font(QStringLiteral("Helvetica"));
        font.setPointSizeF(10);
        p.setFont(font);
        for (int page = 0; page < 50; ++page) {
            if (page > 0)
                writer.newPage();
            for (int line = 0; line < 60; ++line)
                p.drawText(QPointF(40, 40 + line * 12),
                           QStringLiteral("Page %1 line %2: Steel bolts M8 qty 100 unit price "
                                          "0.35 amount 35.00 USD")
                               .arg(page + 1)
                               .arg(line + 1));
        }
    }
    QElapsedTimer t;
    t.start();
    auto doc = SourceDocument::open(path);
    const double openMs = t.nsecsElapsed() / 1e6;
    t.restart();
    const QImage image = doc ? doc.value()->render(0, 150) : QImage();
    const double renderMs = t.nsecsElapsed() / 1e6;
    t.restart();
    const Page page = doc ? doc.value()->textLayer(0) : Page();
    const double textMs = t.nsecsElapsed() / 1e6;
    out(QStringLiteral("== generated 50-page PDF: open %1 ms, render page 1 at 150 dpi %2 ms "
                       "(%3x%4), text layer page 1 %5 ms (%6 words; reads ahead up to 8 pages)")
            .arg(openMs, 0, 'f', 1)
            .arg(renderMs, 0, 'f', 1)
            .arg(image.width())
            .arg(image.height())
            .arg(textMs, 0, 'f', 1)
            .arg(page.words.size()));
}

// Child side of the robustness run: open, read every page's text (up to 50), render page 1.
int probe(const QString &file)
{
    IngestLimits limits;
    limits.parseTimeoutMs = 10000;
    QElapsedTimer t;
    t.start();
    auto doc = SourceDocument::open(file, limits);
    const double openMs = t.nsecsElapsed() / 1e6;
    if (!doc) {
        out(QStringLiteral("PROBE error %1 open %2 ms")
                .arg(doc.error().code)
                .arg(openMs, 0, 'f', 1));
        return 0;
    }
    int words = 0;
    QString pageError;
    for (int i = 0; i < doc.value()->pageCount() && i < 50; ++i) {
        words += int(doc.value()->textLayer(i).words.size());
        if (!doc.value()->lastError().isNull())
            pageError = doc.value()->lastError().code;
    }
    const QImage image = doc.value()->render(0, 72);
    if (image.isNull())
        pageError = doc.value()->lastError().code;
    out(QStringLiteral("PROBE ok pages %1 words %2 open %3 ms total %4 ms %5")
            .arg(doc.value()->pageCount())
            .arg(words)
            .arg(openMs, 0, 'f', 1)
            .arg(t.nsecsElapsed() / 1e6, 0, 'f', 1)
            .arg(pageError));
    return 0;
}

void benchRobustness(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        if (!f.endsWith(QLatin1String(".csv")))
            files << f;
    }
    std::sort(files.begin(), files.end());
    out(QStringLiteral("== robustness: %1 files in %2 (each in a child process)")
            .arg(files.size())
            .arg(folder));
    int ok = 0, errors = 0, crashes = 0, hangs = 0;
    QMap<QString, int> codes;
    double maxOpen = 0;
    QString slowest;
    for (const QString &file : files) {
        QProcess p;
        p.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--probe"), file});
        const bool finished = p.waitForFinished(60000);
        const QString line = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        const QString rel = QDir(folder).relativeFilePath(file);
        if (!finished) {
            p.kill();
            p.waitForFinished();
            ++hangs;
            out(QStringLiteral("HANG  %1").arg(rel));
            continue;
        }
        if (p.exitStatus() == QProcess::CrashExit || !line.startsWith(QLatin1String("PROBE"))) {
            ++crashes;
            out(QStringLiteral("CRASH %1 (exit %2): %3")
                    .arg(rel)
                    .arg(p.exitCode())
                    .arg(QString::fromUtf8(p.readAllStandardError()).right(300)));
            continue;
        }
        static const QRegularExpression openRe(QStringLiteral("open ([\\d.]+) ms"));
        const double openMs = openRe.match(line).captured(1).toDouble();
        if (openMs > maxOpen) {
            maxOpen = openMs;
            slowest = rel;
        }
        if (line.startsWith(QLatin1String("PROBE ok"))) {
            ++ok;
            if (line.contains(QLatin1String("parse_timeout")))
                out(QStringLiteral("TIMEOUT while reading pages of %1").arg(rel));
        } else {
            ++errors;
            codes[line.section(QLatin1Char(' '), 2, 2)]++;
        }
    }
    QStringList codeList;
    for (auto it = codes.cbegin(); it != codes.cend(); ++it)
        codeList << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    out(QStringLiteral("robustness: %1 opened, %2 clean errors (%3), %4 crashes, %5 hangs; "
                       "slowest open %6 ms (%7)")
            .arg(ok)
            .arg(errors)
            .arg(codeList.join(QLatin1String(", ")))
            .arg(crashes)
            .arg(hangs)
            .arg(maxOpen, 0, 'f', 1)
            .arg(slowest));
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption folderOpt(QStringLiteral("folder"), QStringLiteral("PDF folder"),
                                 QStringLiteral("dir"), QStringLiteral(DOCKET_BENCH_PDF_FOLDER));
    QCommandLineOption robustOpt(QStringLiteral("robustness"), QStringLiteral("robustness folder"),
                                 QStringLiteral("dir"),
                                 QStringLiteral(DOCKET_BENCH_ROBUSTNESS_FOLDER));
    QCommandLineOption noRobustOpt(QStringLiteral("no-robustness"),
                                   QStringLiteral("skip the robustness run"));
    QCommandLineOption accuracyOpt(QStringLiteral("accuracy"),
                                   QStringLiteral("compare word boxes with pdftotext -bbox"));
    QCommandLineOption probeOpt(QStringLiteral("probe"), QStringLiteral("internal"),
                                QStringLiteral("file"));
    QCommandLineOption dumpOpt(QStringLiteral("dump"),
                               QStringLiteral("print the words of FILE:PAGE beside pdftotext's"),
                               QStringLiteral("file:page"));
    parser.addOptions({folderOpt, robustOpt, noRobustOpt, accuracyOpt, probeOpt, dumpOpt});
    parser.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("PDF folder"));
    parser.process(app);

    if (parser.isSet(probeOpt))
        return probe(parser.value(probeOpt));
    if (parser.isSet(dumpOpt)) {
        // Our words beside the nearest pdftotext -bbox word of the same text.
        const QString file = parser.value(dumpOpt).section(QLatin1Char(':'), 0, -2);
        const int index = parser.value(dumpOpt).section(QLatin1Char(':'), -1).toInt() - 1;
        auto doc = SourceDocument::open(file);
        if (!doc)
            return 1;
        const Page page = doc.value()->textLayer(index);
        const auto ref = popplerWords(file);
        for (const Word &w : page.words) {
            QString match = QStringLiteral("-");
            double bestDist = 1e9;
            for (const PopplerWord &r : ref.value(index)) {
                const double d = std::hypot(r.box.center().x() - w.box.center().x(),
                                            r.box.center().y() - w.box.center().y());
                if (r.text == w.text && d < bestDist) {
                    bestDist = d;
                    match = QStringLiteral("%1 %2 %3 %4")
                                .arg(r.box.left(), 0, 'f', 1)
                                .arg(r.box.top(), 0, 'f', 1)
                                .arg(r.box.right(), 0, 'f', 1)
                                .arg(r.box.bottom(), 0, 'f', 1);
                }
            }
            out(QStringLiteral("L%1 %2 | %3 %4 %5 %6 | ref %7")
                    .arg(w.line)
                    .arg(w.text, -20)
                    .arg(w.box.left(), 0, 'f', 1)
                    .arg(w.box.top(), 0, 'f', 1)
                    .arg(w.box.right(), 0, 'f', 1)
                    .arg(w.box.bottom(), 0, 'f', 1)
                    .arg(match));
        }
        return 0;
    }

    QString folder = parser.value(folderOpt);
    if (!parser.positionalArguments().isEmpty())
        folder = parser.positionalArguments().first();
    benchFolder(QDir::cleanPath(folder), parser.isSet(accuracyOpt));
    benchGenerated();
    if (!parser.isSet(noRobustOpt))
        benchRobustness(QDir::cleanPath(parser.value(robustOpt)));
    return 0;
}
