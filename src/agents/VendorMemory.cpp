#include "VendorMemory.h"

#include "LayoutIndex.h"
#include "ValueReader.h"
#include "core/SchemaRegistry.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineF>
#include <QSet>

#include <algorithm>

namespace docket {

namespace {

QJsonArray strings(const QStringList &l)
{
    QJsonArray a;
    for (const QString &s : l)
        a.append(s);
    return a;
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out.append(x.toString());
    return out;
}

QString issuerName(const Extraction &e)
{
    for (const QString &f : {QStringLiteral("seller_name"), QStringLiteral("shipper_name"),
                             QStringLiteral("issuer"), QStringLiteral("exporter_name")})
        if (e.has(f))
            return e.value(f);
    return {};
}

double jaccard(const QStringList &a, const QStringList &b)
{
    const QSet<QString> sa(a.cbegin(), a.cend()), sb(b.cbegin(), b.cend());
    if (sa.isEmpty() || sb.isEmpty())
        return 0;
    int inter = 0;
    for (const QString &s : sa)
        if (sb.contains(s))
            ++inter;
    return double(inter) / double(sa.size() + sb.size() - inter);
}

// Whether a candidate read from the words equals the wanted (normalised) value.
bool sameValue(FieldKind kind, const QString &got, const QString &want)
{
    if (kind == FieldKind::Text || kind == FieldKind::Address || kind == FieldKind::Country)
        return LayoutIndex::tokenize(got) == LayoutIndex::tokenize(want);
    if (kind == FieldKind::Identifier) {
        QString a = got, b = want;
        a.remove(QLatin1Char(' '));
        b.remove(QLatin1Char(' '));
        return a.compare(b, Qt::CaseInsensitive) == 0;
    }
    if (kind == FieldKind::Amount || kind == FieldKind::Number || kind == FieldKind::Weight)
        return std::abs(got.toDouble() - want.toDouble()) < 0.005;
    return got == want;
}

} // namespace

QJsonObject VendorMemory::Layout::toJson() const
{
    QJsonArray fs;
    for (const FieldPlace &f : fields)
        fs.append(QJsonObject{{QStringLiteral("field"), f.field},
                              {QStringLiteral("kind"), f.kind},
                              {QStringLiteral("anchor"), strings(f.anchor)},
                              {QStringLiteral("offset"), QJsonArray{f.offset.x(), f.offset.y()}},
                              {QStringLiteral("size"), QJsonArray{f.size.width(), f.size.height()}},
                              {QStringLiteral("page"), f.page},
                              {QStringLiteral("box"),
                               QJsonArray{f.box.x(), f.box.y(), f.box.width(), f.box.height()}}});
    return QJsonObject{{QStringLiteral("vendor_key"), vendorKey},
                       {QStringLiteral("document_type"), documentType},
                       {QStringLiteral("fingerprint"), strings(fingerprint)},
                       {QStringLiteral("samples"), samples},
                       {QStringLiteral("fields"), fs}};
}

VendorMemory::Layout VendorMemory::Layout::fromJson(const QJsonObject &o)
{
    Layout l;
    l.vendorKey = o.value(QStringLiteral("vendor_key")).toString();
    l.documentType = o.value(QStringLiteral("document_type")).toString();
    l.fingerprint = strings(o.value(QStringLiteral("fingerprint")));
    l.samples = o.value(QStringLiteral("samples")).toInt();
    for (const QJsonValue &v : o.value(QStringLiteral("fields")).toArray()) {
        const QJsonObject f = v.toObject();
        FieldPlace p;
        p.field = f.value(QStringLiteral("field")).toString();
        p.kind = f.value(QStringLiteral("kind")).toString();
        p.anchor = strings(f.value(QStringLiteral("anchor")));
        const QJsonArray off = f.value(QStringLiteral("offset")).toArray();
        const QJsonArray size = f.value(QStringLiteral("size")).toArray();
        const QJsonArray box = f.value(QStringLiteral("box")).toArray();
        p.offset = QPointF(off.at(0).toDouble(), off.at(1).toDouble());
        p.size = QSizeF(size.at(0).toDouble(), size.at(1).toDouble());
        p.page = f.value(QStringLiteral("page")).toInt();
        p.box = QRectF(box.at(0).toDouble(), box.at(1).toDouble(), box.at(2).toDouble(),
                       box.at(3).toDouble());
        if (!p.field.isEmpty())
            l.fields.append(p);
    }
    return l;
}

QString VendorMemory::vendorKey(const Extraction &extraction)
{
    QString tax = extraction.value(QStringLiteral("seller_tax_id"));
    tax.remove(QLatin1Char(' '));
    if (!tax.isEmpty())
        return QStringLiteral("tax:") + tax.toUpper();
    const QStringList toks = LayoutIndex::tokenize(issuerName(extraction));
    if (toks.isEmpty())
        return {};
    return QStringLiteral("name:") + toks.join(QLatin1Char(' '));
}

QStringList VendorMemory::fingerprint(const LayoutIndex &index)
{
    QStringList out;
    if (index.pageCount() == 0)
        return out;
    const double limit = 0.3 * index.pageSize(0).height();
    for (int r : index.pageRows(0)) {
        const LayoutRow &row = index.rows().at(r);
        if (row.box.top() > limit || out.size() >= 40)
            break;
        for (const LayoutToken &t : row.tokens) {
            bool letters = t.norm.size() >= 2;
            for (QChar c : t.norm)
                if (!c.isLetter())
                    letters = false;
            if (letters)
                out.append(t.norm);
        }
    }
    return out;
}

int VendorMemory::learn(const DocumentContent &content, const Extraction &approved,
                        const QStringList &corrected)
{
    const LayoutIndex index(content);
    Layout layout;
    layout.vendorKey = vendorKey(approved);
    layout.documentType = approved.documentType;
    layout.fingerprint = fingerprint(index);
    if (layout.vendorKey.isEmpty())
        layout.vendorKey =
            QStringLiteral("layout:") + layout.fingerprint.mid(0, 8).join(QLatin1Char(' '));
    for (const Layout &l : std::as_const(m_layouts))
        if (l.vendorKey == layout.vendorKey && l.documentType == layout.documentType) {
            layout.fields = l.fields;
            layout.samples = l.samples;
        }
    QStringList fields = corrected;
    if (fields.isEmpty())
        for (auto it = approved.fields.cbegin(); it != approved.fields.cend(); ++it)
            if (it.value().source == QLatin1String("reviewer"))
                fields.append(it.key());

    const ValueReader reader(index, DateOrder::Unknown, {}, {});
    int learnt = 0;
    for (const QString &name : std::as_const(fields)) {
        const Field f = approved.fields.value(name);
        if (f.value.isEmpty())
            continue;
        // The kind decides how words are compared with the corrected value: from the schema,
        // else guessed from the canonical name.
        FieldKind kind = FieldKind::Text;
        const DocumentSchema *schema = SchemaRegistry::builtin().schema(approved.documentType);
        const FieldSpec *spec = schema ? schema->field(name) : nullptr;
        if (spec)
            kind = spec->kind;
        else if (name.contains(QLatin1String("date")))
            kind = FieldKind::Date;
        else if (name.contains(QLatin1String("amount")) || name == QLatin1String("subtotal") ||
                 name.contains(QLatin1String("total")))
            kind = FieldKind::Amount;
        else if (name.contains(QLatin1String("number")) || name.endsWith(QLatin1String("_id")) ||
                 name == QLatin1String("purchase_order"))
            kind = FieldKind::Identifier;
        else if (name == QLatin1String("currency"))
            kind = FieldKind::Currency;
        // Find the words that read as the corrected value; prefer those inside the box the
        // reviewer pointed at.
        QList<int> found;
        double bestDist = 1e300;
        for (int w = 0; w < index.words().size(); ++w) {
            const LayoutWord &lw = index.words().at(w);
            const QList<int> &rowWords = index.rows().at(lw.row).words;
            for (int n = 1; n <= 6 && lw.pos + n <= rowWords.size(); ++n) {
                const QList<int> ws = rowWords.mid(lw.pos, n);
                const FieldCandidate c = reader.parse(kind, ws);
                if (!c.valid() || !sameValue(kind, c.value, f.value))
                    continue;
                const QRectF b = index.box(c.words.isEmpty() ? ws : c.words);
                double d = 0;
                if (f.page > 0 && !f.bbox.isNull())
                    d = (f.page - 1 == lw.page ? 0 : 1e6) +
                        QLineF(b.center(), f.bbox.center()).length();
                else
                    d = lw.page * 1e6 + b.top();
                if (d < bestDist) {
                    bestDist = d;
                    found = c.words.isEmpty() ? ws : c.words;
                }
                break;
            }
        }
        FieldPlace place;
        place.field = name;
        place.kind = fieldKindName(kind);
        if (found.isEmpty()) {
            if (f.page <= 0 || f.bbox.isNull())
                continue;
            place.page = f.page - 1;
            place.box = f.bbox;
        } else {
            place.page = index.words().at(found.first()).page;
            place.box = index.box(found);
            // The label: the words just left of the value on its line, else the line above.
            const LayoutWord &first = index.words().at(found.first());
            const LayoutRow &row = index.rows().at(first.row);
            QList<int> label;
            for (int p = first.pos - 1; p >= 0 && label.size() < 4; --p) {
                const int w = row.words.at(p);
                const QString t = index.words().at(w).text;
                bool digit = false;
                for (QChar c : t)
                    if (c.isDigit())
                        digit = true;
                if (digit)
                    break;
                if (!label.isEmpty() &&
                    index.words().at(label.first()).box.left() - index.words().at(w).box.right() >
                        1.5 * row.height)
                    break;
                label.prepend(w);
            }
            if (label.isEmpty()) {
                const int above = [&] {
                    const QList<int> &rows = index.pageRows(row.page);
                    const qsizetype at = rows.indexOf(first.row);
                    for (qsizetype i = at - 1; i >= 0 && i >= at - 2; --i)
                        for (int w : index.rows().at(rows.at(i)).words) {
                            const QRectF &b = index.words().at(w).box;
                            if (b.right() > place.box.left() && b.left() < place.box.right())
                                return rows.at(i);
                        }
                    return -1;
                }();
                if (above >= 0)
                    for (int w : index.rows().at(above).words) {
                        const QRectF &b = index.words().at(w).box;
                        if (b.right() > place.box.left() - 5 && b.left() < place.box.right() + 5)
                            label.append(w);
                    }
            }
            place.anchor = LayoutIndex::tokenize(index.text(label));
            if (!place.anchor.isEmpty())
                place.offset = place.box.topLeft() - index.box(label).topLeft();
        }
        place.size = place.box.size();
        layout.fields.erase(std::remove_if(layout.fields.begin(), layout.fields.end(),
                                           [&](const FieldPlace &p) { return p.field == name; }),
                            layout.fields.end());
        layout.fields.append(place);
        ++learnt;
    }
    if (learnt == 0)
        return 0;
    ++layout.samples;
    insert(layout);
    return learnt;
}

void VendorMemory::insert(const Layout &layout)
{
    for (Layout &l : m_layouts)
        if (l.vendorKey == layout.vendorKey && l.documentType == layout.documentType) {
            l = layout;
            return;
        }
    m_layouts.append(layout);
}

const VendorMemory::Layout *VendorMemory::match(const LayoutIndex &index, const Extraction &current,
                                                const QString &documentType) const
{
    const QString key = vendorKey(current);
    const QStringList fp = fingerprint(index);
    const Layout *best = nullptr;
    double bestSim = 0.5;
    for (const Layout &l : m_layouts) {
        if (l.documentType != documentType)
            continue;
        if (!key.isEmpty() && l.vendorKey == key)
            return &l;
        const double sim = jaccard(fp, l.fingerprint);
        if (sim > bestSim) {
            bestSim = sim;
            best = &l;
        }
    }
    return best;
}

void VendorMemory::apply(const LayoutIndex &index, const DocumentSchema &schema,
                         const ValueReader &reader, Extraction &out) const
{
    const Layout *layout = match(index, out, schema.name);
    if (!layout)
        return;
    for (const FieldPlace &place : layout->fields) {
        const FieldSpec *spec = schema.field(place.field);
        if (!spec || place.page >= index.pageCount())
            continue;
        QList<QRectF> regions;
        if (!place.anchor.isEmpty())
            for (const PhraseHit &h : index.find(place.anchor))
                if (index.rows().at(h.row).page == place.page) {
                    const LayoutRow &row = index.rows().at(h.row);
                    const int p0 = index.words().at(h.firstWord).pos;
                    const QRectF labelBox = index.box(row.words.mid(p0, 1));
                    regions.append(QRectF(labelBox.topLeft() + place.offset, place.size));
                }
        regions.append(place.box);
        for (const QRectF &r0 : std::as_const(regions)) {
            const double lineH = index.lineHeight(place.page);
            // Values of other documents are longer or shorter: widen to the right.
            const QRectF r = r0.adjusted(-0.3 * lineH, -0.4 * lineH,
                                         std::max(r0.width(), 8.0 * lineH), 0.4 * lineH);
            QList<int> words;
            for (int row : index.pageRows(place.page)) {
                const LayoutRow &lr = index.rows().at(row);
                if (lr.box.bottom() < r.top() || lr.box.top() > r.bottom())
                    continue;
                for (int w : lr.words)
                    if (r.contains(index.words().at(w).box.center()))
                        words.append(w);
            }
            if (words.isEmpty())
                continue;
            FieldCandidate c = reader.parse(spec->kind, words);
            if (!c.valid())
                continue;
            Field f;
            f.name = spec->name;
            f.value = c.value;
            f.raw = c.raw;
            f.page = place.page + 1;
            f.bbox = index.box(c.words.isEmpty() ? words : c.words);
            f.confidence =
                (&r0 == &regions.last() ? 0.85 : 0.95) * (0.8 + 0.2 * index.confidence(words));
            f.source = index.sourceName(place.page);
            f.engine = QStringLiteral("local");
            f.promptVersion = QStringLiteral("local-rules-1");
            out.fields.insert(spec->name, f);
            break;
        }
    }
}

QString VendorMemory::toJson() const
{
    QJsonArray a;
    for (const Layout &l : m_layouts)
        a.append(l.toJson());
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("layouts"), a}})
            .toJson(QJsonDocument::Compact));
}

Result<VendorMemory> VendorMemory::fromJson(const QString &json)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Result<VendorMemory>::failure(
            QStringLiteral("vendor_memory_invalid"),
            QCoreApplication::translate("VendorMemory", "The vendor memory is not valid JSON: %1")
                .arg(err.errorString()));
    VendorMemory m;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("layouts")).toArray())
        m.insert(Layout::fromJson(v.toObject()));
    return m;
}

QString VendorMemory::layoutJson(const QString &vendorKey, const QString &documentType) const
{
    for (const Layout &l : m_layouts)
        if (l.vendorKey == vendorKey && l.documentType == documentType)
            return QString::fromUtf8(QJsonDocument(l.toJson()).toJson(QJsonDocument::Compact));
    return {};
}

Status VendorMemory::addLayoutJson(const QString &json)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Status::failure(
            QStringLiteral("vendor_memory_invalid"),
            QCoreApplication::translate("VendorMemory", "The vendor layout is not valid JSON: %1")
                .arg(err.errorString()));
    const Layout l = Layout::fromJson(doc.object());
    if (l.vendorKey.isEmpty())
        return Status::failure(
            QStringLiteral("vendor_memory_invalid"),
            QCoreApplication::translate("VendorMemory", "The vendor layout has no vendor key."));
    insert(l);
    return {};
}

} // namespace docket
