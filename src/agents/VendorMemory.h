#pragma once

#include "core/DocumentSchema.h"
#include "core/Extraction.h"
#include "core/Page.h"
#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>

namespace docket {

class LayoutIndex;
class ValueReader;

// What the local engine learns from reviewers' corrections: per vendor and document type,
// where each corrected field sits — the label words near it and the value's offset from
// them, and its absolute place on the page. Later documents of the same vendor (matched by
// seller name / tax id, else by a fingerprint of the words at the top of the first page)
// are read at those places first. Serialisable to JSON, as a whole or one layout at a time
// (storage keeps one row per vendor key and document type).
class VendorMemory
{
public:
    struct FieldPlace
    {
        QString field;
        QString kind;       // fieldKindName()
        QStringList anchor; // label tokens next to the value, empty when none
        QPointF offset;     // value top-left minus label top-left, points
        QSizeF size;        // value box size, points
        int page = 0;       // 0-based
        QRectF box;         // absolute value box, points
    };
    struct Layout
    {
        QString vendorKey;
        QString documentType;
        QStringList fingerprint; // words at the top of the first page
        QList<FieldPlace> fields;
        int samples = 0;

        QJsonObject toJson() const;
        static Layout fromJson(const QJsonObject &o);
    };

    // "tax:DE123456789" or "name:acme gmbh" from an extraction's tax id or issuer name.
    static QString vendorKey(const Extraction &extraction);
    // Normalised words at the top of the first page, without numbers.
    static QStringList fingerprint(const LayoutIndex &index);

    // Learns from an approved extraction of content: the fields in corrected (all fields
    // whose source is "reviewer" when empty). Returns the number of fields learnt.
    int learn(const DocumentContent &content, const Extraction &approved,
              const QStringList &corrected = {});

    // The layout for a document: by vendor key, else the best fingerprint match.
    const Layout *match(const LayoutIndex &index, const Extraction &current,
                        const QString &documentType) const;
    // Reads the remembered fields of the document's vendor into out (the extractor calls it).
    void apply(const LayoutIndex &index, const DocumentSchema &schema, const ValueReader &reader,
               Extraction &out) const;

    const QList<Layout> &layouts() const { return m_layouts; }
    void insert(const Layout &layout); // replaces the layout of the same key and type
    bool isEmpty() const { return m_layouts.isEmpty(); }

    QString toJson() const;
    static Result<VendorMemory> fromJson(const QString &json);
    // One layout, for storage by vendor key and document type.
    QString layoutJson(const QString &vendorKey, const QString &documentType) const;
    Status addLayoutJson(const QString &json);

private:
    QList<Layout> m_layouts;
};

} // namespace docket
