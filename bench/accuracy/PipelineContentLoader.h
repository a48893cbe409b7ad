#pragma once

#include "core/Page.h"
#include "vision/OcrOptions.h"

#include <QString>

namespace docket {

// Words of a development document as the real pipeline reads them (ingest's text layer,
// else ContentReader's OCR), cached as JSON per file hash and OCR tag, so that rule changes
// in the agents can be measured in seconds on exactly the words `docket process` sees.
class PipelineContentLoader
{
public:
    // tag: names the OCR variant in the cache (change it when the vision layer changes).
    PipelineContentLoader(QString cacheDir, QString tag, OcrOptions options = {});

    DocumentContent load(const QString &path, const QByteArray &sha256, QString *error) const;

    static QByteArray toJson(const DocumentContent &content);
    static DocumentContent fromJson(const QByteArray &json);

private:
    QString m_cacheDir;
    QString m_tag;
    OcrOptions m_options;
};

} // namespace docket
