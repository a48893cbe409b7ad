#pragma once

#include "Document.h"
#include "Extraction.h"
#include "Issue.h"
#include "Result.h"
#include "ReviewDecision.h"
#include "Usage.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace docket {

// Everything the pipeline learned about one document; serialises to the JSON line of
// the processing contract (DESIGN.md).
struct ProcessingResult
{
    QString file; // as given on the command line / dropped
    Document document;
    Extraction extraction;
    ValidationReport validation;
    ReviewDecision review;
    Usage usage;
    QMap<QString, qint64> timingsMs; // ingest, ocr, classify, extract, validate, total
    Error error;                     // set when status is failed
    bool duplicate = false;          // the same content was imported before

    QJsonObject toJson() const;
};

} // namespace docket
