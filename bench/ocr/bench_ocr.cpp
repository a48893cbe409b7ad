// bench_ocr: our preprocessing + OCR against the tesseract command-line tool on a folder of
// page images (default: the development receipts). Prints wall times, images/s, per-stage
// times, the ratio ours/CLI, mean word confidence and, when a labels file is at hand, how many
// label words (seller name, address, total) each reading contains. Not a test.
//
//   bench_ocr [FOLDER] [--limit N] [--threads N] [--dump DIR] [--no-cli] [--cli-omp1]
//             [--osd first|unsure|off] [--psm N] [--no-flatten] [--no-deskew] [--no-denoise]
//             [--no-reread]
//             [--reread-below CONF]
//             [--turn DEG] [--labels FILE]

#include "vision/OcrEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImageReader>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QThreadPool>
#include <QTransform>

#include <sys/resource.h>

#include <atomic>
#include <cstdio>
#include <functional>

using namespace docket;

namespace {

struct ImageResult
{
    QString text;
    qint64 decodeUs = 0;
    OcrTimings timings;
    int words = 0;
    double confidenceSum = 0;
    int rotation = 0;
    bool ok = false;
    QString error;
};

void out(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

QStringList imagesIn(const QString &folder, int limit)
{
    QDir dir(folder);
    const QStringList names =
        dir.entryList({QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.png"),
                       QStringLiteral("*.tif"), QStringLiteral("*.tiff")},
                      QDir::Files, QDir::Name);
    QStringList paths;
    for (const QString &n : names) {
        if (limit > 0 && paths.size() >= limit)
            break;
        paths << dir.filePath(n);
    }
    return paths;
}

// Runs work(i) for i in [0, n) on `threads` pool threads; each thread gets its own context
// from makeContext (an OcrEngine, say) through a runnable that pulls indices.
template <typename Context>
void runParallel(int n, int threads, const std::function<std::unique_ptr<Context>()> &makeContext,
                 const std::function<void(Context *, int)> &work)
{
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    std::atomic<int> next{0};
    for (int t = 0; t < threads; ++t) {
        pool.start([&]() {
            std::unique_ptr<Context> ctx = makeContext();
            for (int i = next++; i < n; i = next++)
                work(ctx.get(), i);
        });
    }
    pool.waitForDone();
}

QString runCli(const QString &path, bool ompOne)
{
    QProcess p;
    if (ompOne) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("OMP_THREAD_LIMIT"), QStringLiteral("1"));
        p.setProcessEnvironment(env);
    }
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(QStringLiteral("tesseract"), {path, QStringLiteral("stdout")});
    if (!p.waitForFinished(300000))
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Label words: upper-case alphanumeric tokens of the seller name, address and total.
QHash<QString, QStringList> loadLabelTokens(const QString &file)
{
    QHash<QString, QStringList> labels;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return labels;
    static const QRegularExpression split(QStringLiteral("[^A-Za-z0-9.]+"));
    while (!f.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(f.readLine()).object();
        const QJsonObject fields = o.value(QStringLiteral("fields")).toObject();
        QStringList tokens;
        for (const char *key : {"seller_name", "seller_address", "total_amount"}) {
            const QString v = fields.value(QLatin1String(key)).toString().toUpper();
            for (QString t : v.split(split, Qt::SkipEmptyParts)) {
                while (t.endsWith(QLatin1Char('.')))
                    t.chop(1);
                if (t.size() >= 2)
                    tokens << t;
            }
        }
        labels.insert(QFileInfo(o.value(QStringLiteral("file")).toString()).fileName(), tokens);
    }
    return labels;
}

// How many of the label tokens occur as tokens of text: (found, total).
QPair<int, int> labelRecall(const QStringList &tokens, const QString &text)
{
    static const QRegularExpression split(QStringLiteral("[^A-Za-z0-9.]+"));
    QSet<QString> have;
    for (QString t : text.toUpper().split(split, Qt::SkipEmptyParts)) {
        while (t.endsWith(QLatin1Char('.')))
            t.chop(1);
        have.insert(t);
    }
    int found = 0;
    for (const QString &t : tokens)
        found += have.contains(t) ? 1 : 0;
    return {found, int(tokens.size())};
}

// CPU seconds (user + system) used so far by this process or by its finished children.
double cpuSeconds(int who)
{
    rusage u{};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double seconds(qint64 ns)
{
    return double(ns) / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("OCR benchmark: docket vs tesseract CLI"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("images to read"));
    const QCommandLineOption limitOpt(QStringLiteral("limit"), QStringLiteral("at most N images"),
                                      QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption threadsOpt(QStringLiteral("threads"),
                                        QStringLiteral("worker threads (default 2)"),
                                        QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption dumpOpt(QStringLiteral("dump"),
                                     QStringLiteral("write the OCR text of each image to DIR"),
                                     QStringLiteral("DIR"));
    const QCommandLineOption noCliOpt(QStringLiteral("no-cli"),
                                      QStringLiteral("do not time the tesseract CLI"));
    const QCommandLineOption cliOmpOpt(
        QStringLiteral("cli-omp1"),
        QStringLiteral("also time the CLI with OMP_THREAD_LIMIT=1 (one thread per process)"));
    const QCommandLineOption osdOpt(QStringLiteral("osd"),
                                    QStringLiteral("orientation: unsure (default), first, off"),
                                    QStringLiteral("MODE"), QStringLiteral("unsure"));
    const QCommandLineOption psmOpt(QStringLiteral("psm"), QStringLiteral("page segmentation"),
                                    QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption noFlattenOpt(QStringLiteral("no-flatten"),
                                          QStringLiteral("no background flattening"));
    const QCommandLineOption noDeskewOpt(QStringLiteral("no-deskew"), QStringLiteral("no deskew"));
    const QCommandLineOption noDenoiseOpt(QStringLiteral("no-denoise"),
                                          QStringLiteral("no denoising"));
    const QCommandLineOption noRereadOpt(QStringLiteral("no-reread"),
                                         QStringLiteral("no second look at numbers"));
    const QCommandLineOption rereadBelowOpt(
        QStringLiteral("reread-below"),
        QStringLiteral("confidence under which number words are read again (default 0.95)"),
        QStringLiteral("CONF"), QString::number(OcrOptions().rereadBelowConfidence));
    const QCommandLineOption turnOpt(
        QStringLiteral("turn"),
        QStringLiteral("turn every image clockwise by DEG (90, 180, 270) before OCR, to measure "
                       "orientation detection"),
        QStringLiteral("DEG"), QStringLiteral("0"));
    const QCommandLineOption labelsOpt(
        QStringLiteral("labels"), QStringLiteral("labels.jsonl to score label-word recall"),
        QStringLiteral("FILE"), QStringLiteral(DOCKET_BENCH_LABELS_FILE));
    parser.addOptions({limitOpt, threadsOpt, dumpOpt, noCliOpt, cliOmpOpt, osdOpt, psmOpt,
                       noFlattenOpt, noDeskewOpt, noDenoiseOpt, noRereadOpt, rereadBelowOpt,
                       turnOpt, labelsOpt});
    parser.process(app);

    const QString folder =
        parser.positionalArguments().value(0, QStringLiteral(DOCKET_BENCH_RECEIPTS_FOLDER));
    const QStringList paths = imagesIn(folder, parser.value(limitOpt).toInt());
    if (paths.isEmpty()) {
        out(QStringLiteral("no images in %1").arg(folder));
        return 2;
    }
    const int n = int(paths.size());
    const int threads = std::max(1, parser.value(threadsOpt).toInt());
    OcrOptions options;
    const QString osd = parser.value(osdOpt);
    options.detectOrientation = osd != QLatin1String("off");
    options.osdOnlyWhenUnsure = osd != QLatin1String("first");
    options.pageSegMode = parser.value(psmOpt).toInt();
    options.flattenBackground = !parser.isSet(noFlattenOpt);
    options.deskew = !parser.isSet(noDeskewOpt);
    options.denoise = !parser.isSet(noDenoiseOpt);
    options.rereadNumbers = !parser.isSet(noRereadOpt);
    options.rereadBelowConfidence = parser.value(rereadBelowOpt).toDouble();
    const int turn = ((parser.value(turnOpt).toInt() % 360) + 360) % 360;
    const QString dumpDir = parser.value(dumpOpt);
    if (!dumpDir.isEmpty())
        QDir().mkpath(dumpDir + QStringLiteral("/tesseract-cli"));
    const QHash<QString, QStringList> labels = loadLabelTokens(parser.value(labelsOpt));

    out(QStringLiteral("images: %1 from %2; threads: %3; osd: %4; psm: %5; flatten %6, deskew "
                       "%7, denoise %8")
            .arg(n)
            .arg(folder)
            .arg(threads)
            .arg(osd)
            .arg(options.pageSegMode)
            .arg(options.flattenBackground)
            .arg(options.deskew)
            .arg(options.denoise));

    const auto report = [&](const QString &what, const QStringList &texts) {
        int found = 0, total = 0;
        for (int i = 0; i < n; ++i) {
            const auto it = labels.constFind(QFileInfo(paths.at(i)).fileName());
            if (it == labels.constEnd())
                continue;
            const auto [f, t] = labelRecall(*it, texts.at(i));
            found += f;
            total += t;
        }
        if (total > 0)
            out(QStringLiteral("  %1 label-word recall: %2 of %3 = %4%")
                    .arg(what)
                    .arg(found)
                    .arg(total)
                    .arg(100.0 * found / total, 0, 'f', 1));
    };

    // (a) the tesseract command-line tool, default settings.
    double cliSeq = 0, cliPar = 0, cliCpuOne = 0;
    if (!parser.isSet(noCliOpt)) {
        for (bool ompOne : {false, true}) {
            if (ompOne && !parser.isSet(cliOmpOpt))
                continue;
            const QString label = ompOne ? QStringLiteral("tesseract CLI (OMP_THREAD_LIMIT=1)")
                                         : QStringLiteral("tesseract CLI (default settings)");
            QStringList texts(n);
            QElapsedTimer t;
            t.start();
            const double cpu0 = cpuSeconds(RUSAGE_CHILDREN);
            for (int i = 0; i < n; ++i)
                texts[i] = runCli(paths.at(i), ompOne);
            const double seq = seconds(t.nsecsElapsed());
            const double cpu = cpuSeconds(RUSAGE_CHILDREN) - cpu0;
            t.restart();
            runParallel<int>(
                n, 2, [] { return std::make_unique<int>(0); },
                [&](int *, int i) { runCli(paths.at(i), ompOne); });
            const double par = seconds(t.nsecsElapsed());
            out(QStringLiteral("%1: sequential %2 s (%3 img/s, CPU %6 s); 2 processes in "
                               "parallel %4 s (%5 img/s)")
                    .arg(label)
                    .arg(seq, 0, 'f', 2)
                    .arg(n / seq, 0, 'f', 2)
                    .arg(par, 0, 'f', 2)
                    .arg(n / par, 0, 'f', 2)
                    .arg(cpu, 0, 'f', 2));
            report(label, texts);
            if (ompOne)
                cliCpuOne = cpu;
            if (!ompOne) {
                cliSeq = seq;
                cliPar = par;
                if (!dumpDir.isEmpty()) {
                    for (int i = 0; i < n; ++i) {
                        QFile f(dumpDir + QStringLiteral("/tesseract-cli/") +
                                QFileInfo(paths.at(i)).completeBaseName() + QStringLiteral(".txt"));
                        if (f.open(QIODevice::WriteOnly))
                            f.write(texts.at(i).toUtf8());
                    }
                }
            }
        }
    }

    // (b) ours: decode + preprocessing + OSD + recognition, one OcrEngine per thread.
    QList<ImageResult> results(n);
    QElapsedTimer wall;
    wall.start();
    const double cpu0 = cpuSeconds(RUSAGE_SELF);
    runParallel<OcrEngine>(
        n, threads, [&] { return std::make_unique<OcrEngine>(options); },
        [&](OcrEngine *engine, int i) {
            ImageResult &r = results[i];
            QElapsedTimer t;
            t.start();
            QImageReader reader(paths.at(i));
            reader.setAutoTransform(true);
            QImage image = reader.read();
            if (turn != 0 && !image.isNull())
                image = image.transformed(QTransform().rotate(turn));
            const double dpi = image.dotsPerMeterX() > 0 ? image.dotsPerMeterX() * 0.0254 : 0;
            r.decodeUs = t.nsecsElapsed() / 1000;
            if (image.isNull()) {
                r.error = reader.errorString();
                return;
            }
            const QSizeF points = dpi > 0 ? QSizeF(image.size()) * 72.0 / dpi : QSizeF();
            const Result<Page> page = engine->recognize(image, dpi, points, 1);
            r.timings = engine->lastTimings();
            if (!page.ok()) {
                r.error = page.error().message;
                return;
            }
            r.ok = true;
            r.text = page.value().text();
            r.rotation = page.value().rotation;
            r.words = int(page.value().words.size());
            for (const Word &w : page.value().words)
                r.confidenceSum += w.confidence;
        });
    const double ours = seconds(wall.nsecsElapsed());
    const double oursCpu = cpuSeconds(RUSAGE_SELF) - cpu0;

    qint64 decode = 0, pre = 0, osdUs = 0, rec = 0, rereadUs = 0;
    int rereadWords = 0, rereads = 0, replaced = 0;
    int osdRuns = 0, passes = 0, words = 0, failed = 0, rotated = 0, rightRotation = 0;
    double confSum = 0;
    QStringList texts;
    for (int i = 0; i < n; ++i) {
        const ImageResult &r = results.at(i);
        decode += r.decodeUs;
        pre += r.timings.preprocessUs;
        osdUs += r.timings.osdUs;
        rec += r.timings.recognizeUs;
        osdRuns += r.timings.osdRan ? 1 : 0;
        passes += r.timings.passes;
        rereadUs += r.timings.rereadUs;
        rereadWords += r.timings.rereadWords;
        rereads += r.timings.rereads;
        replaced += r.timings.replaced;
        words += r.words;
        confSum += r.confidenceSum;
        failed += r.ok ? 0 : 1;
        rotated += r.rotation != 0 ? 1 : 0;
        rightRotation += (r.ok && r.rotation == (360 - turn) % 360) ? 1 : 0;
        texts << r.text;
        if (!r.ok)
            out(QStringLiteral("  failed: %1: %2").arg(paths.at(i), r.error));
        if (!dumpDir.isEmpty() && r.ok) {
            QFile f(dumpDir + QLatin1Char('/') + QFileInfo(paths.at(i)).completeBaseName() +
                    QStringLiteral(".txt"));
            if (f.open(QIODevice::WriteOnly))
                f.write(r.text.toUtf8());
        }
    }
    out(QStringLiteral("docket (%1 threads, one OcrEngine each): wall %2 s (%3 img/s, CPU %4 s)")
            .arg(threads)
            .arg(ours, 0, 'f', 2)
            .arg(n / ours, 0, 'f', 2)
            .arg(oursCpu, 0, 'f', 2));
    out(QStringLiteral("  per image (thread time): decode %1 ms, preprocess %2 ms, osd %3 ms "
                       "(ran on %4 of %5 images), recognise %6 ms (%7 passes)")
            .arg(decode / 1000.0 / n, 0, 'f', 1)
            .arg(pre / 1000.0 / n, 0, 'f', 1)
            .arg(osdUs / 1000.0 / n, 0, 'f', 1)
            .arg(osdRuns)
            .arg(n)
            .arg(rec / 1000.0 / n, 0, 'f', 1)
            .arg(passes));
    out(QStringLiteral("  second look at numbers: %1 ms per image, %2 words (%3 crop readings) "
                       "per image, %4 words changed in all")
            .arg(rereadUs / 1000.0 / n, 0, 'f', 1)
            .arg(double(rereadWords) / n, 0, 'f', 1)
            .arg(double(rereads) / n, 0, 'f', 1)
            .arg(replaced));
    out(QStringLiteral("  words %1, mean word confidence %2, pages turned %3, right rotation "
                       "reported for %4 of %5, failed %6")
            .arg(words)
            .arg(words > 0 ? confSum / words : 0.0, 0, 'f', 3)
            .arg(rotated)
            .arg(rightRotation)
            .arg(n)
            .arg(failed));
    report(QStringLiteral("docket"), texts);
    if (cliSeq > 0) {
        out(QStringLiteral("ratio ours/tesseract-CLI: %1 (vs CLI sequential), %2 (vs 2 CLI "
                           "processes in parallel); goal <= 1.3")
                .arg(ours / cliSeq, 0, 'f', 2)
                .arg(ours / cliPar, 0, 'f', 2));
    }
    if (cliCpuOne > 0)
        out(QStringLiteral("CPU time ours/tesseract-CLI (OMP_THREAD_LIMIT=1): %1")
                .arg(oursCpu / cliCpuOne, 0, 'f', 2));
    return failed > 0 ? 1 : 0;
}
