#include "PipelineContentLoader.h"

#include "ingest/SourceDocument.h"
#include "pipeline/ContentReader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace docket {

PipelineContentLoader::PipelineContentLoader(QString cacheDir, QString tag, OcrOptions options)
    : m_cacheDir(std::move(cacheDir)), m_tag(std::move(tag)), m_options(std::move(options))
{
    QDir().mkpath(m_cacheDir);
}

QByteArray PipelineContentLoader::toJson(const DocumentContent &content)
{
    QJsonArray pages;
    for (const Page &p : content.pages) {
        QJsonArray words;
        for (const Word &w : p.words)
            words.append(QJsonArray{w.text, w.box.x(), w.box.y(), w.box.width(), w.box.height(),
                                    w.confidence, w.line, w.block});
        pages.append(QJsonObject{{QStringLiteral("number"), p.number},
                                 {QStringLiteral("w"), p.size.width()},
                                 {QStringLiteral("h"), p.size.height()},
                                 {QStringLiteral("rotation"), p.rotation},
                                 {QStringLiteral("source"), int(p.source)},
                                 {QStringLiteral("words"), words}});
    }
    return QJsonDocument(pages).toJson(QJsonDocument::Compact);
}

DocumentContent PipelineContentLoader::fromJson(const QByteArray &json)
{
    DocumentContent content;
    const QJsonArray pages = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &pv : pages) {
        const QJsonObject o = pv.toObject();
        Page p;
        p.number = o.value(QStringLiteral("number")).toInt();
        p.size = QSizeF(o.value(QStringLiteral("w")).toDouble(),
                        o.value(QStringLiteral("h")).toDouble());
        p.rotation = o.value(QStringLiteral("rotation")).toInt();
        p.source = TextSource(o.value(QStringLiteral("source")).toInt());
        for (const QJsonValue &wv : o.value(QStringLiteral("words")).toArray()) {
            const QJsonArray a = wv.toArray();
            Word w;
            w.text = a.at(0).toString();
            w.box = QRectF(a.at(1).toDouble(), a.at(2).toDouble(), a.at(3).toDouble(),
                           a.at(4).toDouble());
            w.confidence = a.at(5).toDouble();
            w.line = a.at(6).toInt();
            w.block = a.at(7).toInt();
            p.words.append(w);
        }
        content.pages.append(p);
    }
    return content;
}

DocumentContent PipelineContentLoader::load(const QString &path, const QByteArray &sha256,
                                            QString *error) const
{
    const QString file = m_cacheDir + QLatin1Char('/') + QString::fromLatin1(sha256.left(24)) +
                         QLatin1Char('-') + m_tag + QStringLiteral(".json");
    QFile f(file);
    if (f.open(QIODevice::ReadOnly) && f.size() > 0)
        return fromJson(f.readAll());
    auto source = SourceDocument::open(path);
    if (!source) {
        *error = source.error().message;
        return {};
    }
    auto content = ContentReader(m_options).read(*source.value(), CancelToken());
    if (!content) {
        *error = content.error().message;
        return {};
    }
    QFile w(file);
    if (w.open(QIODevice::WriteOnly))
        w.write(toJson(content.value()));
    return content.takeValue();
}

} // namespace docket
