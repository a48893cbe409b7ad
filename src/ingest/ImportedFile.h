#pragma once

#include "core/Document.h"

#include <QString>

namespace docket {

// A file accepted by the Importer: hashed and copied into the data folder.
struct ImportedFile
{
    QString originalPath; // absolute path it came from
    QString fileName;     // base name
    QString storedPath;   // <dataFolder>/originals/<sha256[0..1]>/<sha256>.<ext>
    QString sha256;       // lower-case hex of the content
    QString mimeType;     // application/pdf, image/png, image/jpeg, image/tiff
    qint64 sizeBytes = 0;

    // A new, pending document for this file.
    Document toDocument() const
    {
        Document doc;
        doc.sha256 = sha256;
        doc.fileName = fileName;
        doc.originalPath = originalPath;
        doc.storedPath = storedPath;
        doc.mimeType = mimeType;
        doc.sizeBytes = sizeBytes;
        return doc;
    }
};

} // namespace docket
