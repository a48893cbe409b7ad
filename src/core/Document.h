#pragma once

#include "DocumentStatus.h"

#include <QDateTime>
#include <QList>
#include <QSizeF>
#include <QString>

namespace docket {

// A document as stored: identity, where its bytes are, and its workflow state.
struct Document
{
    qint64 id = 0;
    QString sha256;
    QString fileName;     // base name of the original
    QString originalPath; // where it was imported from
    QString storedPath;   // the copy in the app's data folder (by hash)
    QString mimeType;     // "application/pdf", "image/png" ...
    qint64 sizeBytes = 0;
    int pageCount = 0;
    QList<QSizeF> pageSizes; // points
    QString documentType;    // schema name, empty until classified
    double typeConfidence = 0;
    DocumentStatus status = DocumentStatus::Pending;
    QString priority;       // "low" ... "urgent", empty until decided
    QString sellerName;     // denormalised for queue search
    QString documentNumber; // denormalised for queue search
    QString totalAmount;    // denormalised for queue display
    QString errorCode;
    QString errorMessage;
    int version = 1; // optimistic locking
    QString claimedBy;
    QDateTime claimedUntil;
    QDateTime importedAt;
    QDateTime updatedAt;
};

} // namespace docket
