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

    // One field as the contract writes it: value and confidence, and with full also raw,
    // page, bbox [x, y, w, h] in points and source.
    static QJsonObject fieldJson(const Field &field, bool full);
    // v rounded to decimals places, as the contract prints numbers.
    static double rounded(double v, int decimals);
};

} // namespace docket
