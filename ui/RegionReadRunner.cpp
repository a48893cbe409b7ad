#include "RegionReadRunner.h"

#include "core/Document.h"
#include "core/SchemaRegistry.h"
#include "pipeline/PipelineConfig.h"

#include <QRegularExpression>

#include <QtConcurrent>

namespace docket {

namespace {
struct Outcome
{
    Field field;
    Error error;
};

// The schema kind of a field or table cell ("line_items[2].amount"), Text when unknown.
FieldKind kindOf(const QString &documentType, const QString &name)
{
    const DocumentSchema *schema = SchemaRegistry::builtin().schema(documentType);
    if (!schema)
        return FieldKind::Text;
    if (const FieldSpec *spec = schema->field(name))
        return spec->kind;
    static const QRegularExpression cell(QStringLiteral("^\\w+\\[\\d+\\]\\.(\\w+)$"));
    const auto match = cell.match(name);
    if (match.hasMatch())
        if (const FieldSpec *spec = schema->column(match.captured(1)))
            return spec->kind;
    return FieldKind::Text;
}

} // namespace

RegionReadRunner::RegionReadRunner(QObject *parent) : QObject(parent)
{
    const PipelineConfig defaults;
    m_ocr = defaults.ocr;
    m_limits = defaults.limits;
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // keep the thread, and its OCR engine, for the next region
    m_pool.setObjectName(QStringLiteral("RegionReader"));
}

RegionReadRunner::~RegionReadRunner()
{
    ++m_generation;
    m_pool.waitForDone();
}

void RegionReadRunner::start(const Document &document, int page, const QRectF &rect, int rotation,
                             const QString &field)
{
    RegionRequest request;
    request.path = document.storedPath;
    request.page = page;
    request.rect = rect;
    request.rotation = rotation;
    request.fieldName = field;
    request.kind = kindOf(document.documentType, field);
    start(request);
}

void RegionReadRunner::start(const RegionRequest &request)
{
    const quint64 generation = ++m_generation;
    m_busy = true;
    const RegionReader reader(m_ocr, m_limits);
    QtConcurrent::run(&m_pool, [reader, request] {
        auto read = reader.read(request);
        return read ? Outcome{read.value(), {}} : Outcome{{}, read.error()};
    }).then(this, [this, generation, name = request.fieldName](const Outcome &outcome) {
        if (generation != m_generation)
            return; // a newer region, another document, or cancelled
        m_busy = false;
        if (outcome.error.isNull())
            Q_EMIT finished(name, outcome.field);
        else
            Q_EMIT failed(name, outcome.error.message);
    });
}

} // namespace docket
