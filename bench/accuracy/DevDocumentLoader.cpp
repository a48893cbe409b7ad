#include "DevDocumentLoader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QProcess>
#include <QXmlStreamReader>

namespace docket {

DevDocumentLoader::DevDocumentLoader(QString cacheDir) : m_cacheDir(std::move(cacheDir))
{
    QDir().mkpath(m_cacheDir);
}

QByteArray DevDocumentLoader::cached(const QString &path, const QString &suffix,
                                     const QString &program, const QStringList &args,
                                     QString *error) const
{
    const QByteArray key = QCryptographicHash::hash(QFileInfo(path).absoluteFilePath().toUtf8(),
                                                    QCryptographicHash::Sha1)
                               .toHex()
                               .left(16);
    const QString file = m_cacheDir + QLatin1Char('/') + QString::fromLatin1(key) + suffix;
    QFile f(file);
    if (f.open(QIODevice::ReadOnly) && f.size() > 0)
        return f.readAll();
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OMP_THREAD_LIMIT"), QStringLiteral("1"));
    p.setProcessEnvironment(env);
    p.start();
    if (!p.waitForFinished(180000) || p.exitCode() != 0) {
        *error = program + QStringLiteral(" failed on ") + path;
        return {};
    }
    const QByteArray out = p.readAllStandardOutput();
    QFile w(file);
    if (w.open(QIODevice::WriteOnly))
        w.write(out);
    return out;
}

DocumentContent DevDocumentLoader::load(const QString &path, QString *error) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("pdf")) {
        const QByteArray x =
            cached(path, QStringLiteral(".html"), QStringLiteral("pdftotext"),
                   {QStringLiteral("-bbox-layout"), path, QStringLiteral("-")}, error);
        return parseBboxXhtml(x);
    }
    // Like the vision layer: scans below 300 dpi are scaled up to it before OCR.
    QImageReader reader(path);
    QImage image = reader.read();
    double dpi = image.isNull() ? 0 : image.dotsPerMeterX() * 0.0254;
    if (dpi < 50 || dpi > 1200)
        dpi = 300;
    QString input = path;
    if (!image.isNull() && dpi < 250 && m_upscale) {
        const double k = 300.0 / dpi;
        image = image.scaled(image.size() * k, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                    .convertToFormat(QImage::Format_Grayscale8);
        image.setDotsPerMeterX(int(300 / 0.0254));
        image.setDotsPerMeterY(int(300 / 0.0254));
        const QByteArray key = QCryptographicHash::hash(QFileInfo(path).absoluteFilePath().toUtf8(),
                                                        QCryptographicHash::Sha1)
                                   .toHex()
                                   .left(16);
        input =
            m_cacheDir + QLatin1Char('/') + QString::fromLatin1(key) + QStringLiteral("-300.png");
        if (!QFileInfo::exists(input))
            image.save(input);
        dpi = 300;
    }
    const QByteArray tsv = cached(
        path, m_upscale ? QStringLiteral("-300.tsv") : QStringLiteral(".tsv"),
        QStringLiteral("tesseract"), {input, QStringLiteral("-"), QStringLiteral("tsv")}, error);
    return parseTesseractTsv(tsv, dpi);
}

DocumentContent DevDocumentLoader::parseBboxXhtml(const QByteArray &xhtml)
{
    DocumentContent content;
    QXmlStreamReader xml(xhtml);
    int block = -1, line = -1;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        const auto a = xml.attributes();
        if (name == QLatin1String("page")) {
            Page p;
            p.number = int(content.pages.size()) + 1;
            p.size = QSizeF(a.value(QLatin1String("width")).toDouble(),
                            a.value(QLatin1String("height")).toDouble());
            p.source = TextSource::TextLayer;
            content.pages.append(p);
            block = line = -1;
        } else if (name == QLatin1String("block")) {
            ++block;
        } else if (name == QLatin1String("line")) {
            ++line;
        } else if (name == QLatin1String("word") && !content.pages.isEmpty()) {
            const double x0 = a.value(QLatin1String("xMin")).toDouble();
            const double y0 = a.value(QLatin1String("yMin")).toDouble();
            const double x1 = a.value(QLatin1String("xMax")).toDouble();
            const double y1 = a.value(QLatin1String("yMax")).toDouble();
            Word w;
            w.text = xml.readElementText();
            w.box = QRectF(QPointF(x0, y0), QPointF(x1, y1));
            w.line = line;
            w.block = block;
            content.pages.last().words.append(w);
        }
    }
    return content;
}

DocumentContent DevDocumentLoader::parseTesseractTsv(const QByteArray &tsv, double dpi)
{
    DocumentContent content;
    const double k = 72.0 / dpi;
    QHash<QString, int> lines, blocks;
    for (const QByteArray &rawLine : tsv.split('\n')) {
        const QList<QByteArray> c = rawLine.split('\t');
        if (c.size() < 12 || c.at(0) == "level")
            continue;
        const int level = c.at(0).toInt();
        if (level == 1) {
            Page p;
            p.number = int(content.pages.size()) + 1;
            p.size = QSizeF(c.at(8).toDouble() * k, c.at(9).toDouble() * k);
            p.source = TextSource::Ocr;
            content.pages.append(p);
            lines.clear();
            blocks.clear();
            continue;
        }
        if (level != 5 || content.pages.isEmpty())
            continue;
        const QString text = QString::fromUtf8(c.at(11)).trimmed();
        if (text.isEmpty())
            continue;
        const QString blockKey = QString::fromLatin1(c.at(2));
        const QString lineKey = blockKey + QLatin1Char('.') + QString::fromLatin1(c.at(3)) +
                                QLatin1Char('.') + QString::fromLatin1(c.at(4));
        if (!blocks.contains(blockKey))
            blocks.insert(blockKey, int(blocks.size()));
        if (!lines.contains(lineKey))
            lines.insert(lineKey, int(lines.size()));
        Word w;
        w.text = text;
        w.box = QRectF(c.at(6).toDouble() * k, c.at(7).toDouble() * k, c.at(8).toDouble() * k,
                       c.at(9).toDouble() * k);
        w.confidence = std::clamp(c.at(10).toDouble() / 100.0, 0.0, 1.0);
        w.line = lines.value(lineKey);
        w.block = blocks.value(blockKey);
        content.pages.last().words.append(w);
    }
    return content;
}

} // namespace docket
