#pragma once

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
};

} // namespace docket
