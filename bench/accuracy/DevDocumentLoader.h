#pragma once

#include "core/Page.h"

#include <QString>

namespace docket {

// Words with boxes for a development document without the ingest layer: pdftotext
// -bbox-layout for PDFs, tesseract TSV for images; the tools' output is cached.
class DevDocumentLoader
{
public:
    explicit DevDocumentLoader(QString cacheDir);
    // Scans below 300 dpi are scaled up before OCR, as the vision layer does (default on).
    void setUpscale(bool on) { m_upscale = on; }

    // Empty content (and error set) when the tools fail.
    DocumentContent load(const QString &path, QString *error) const;

    static DocumentContent parseBboxXhtml(const QByteArray &xhtml);
    static DocumentContent parseTesseractTsv(const QByteArray &tsv, double dpi);

private:
    QByteArray cached(const QString &path, const QString &suffix, const QString &program,
                      const QStringList &args, QString *error) const;

    QString m_cacheDir;
    bool m_upscale = true;
};

} // namespace docket
