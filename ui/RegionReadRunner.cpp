#include "RegionReadRunner.h"

#include "pipeline/PipelineConfig.h"

#include <QtConcurrent>

namespace docket {

namespace {
struct Outcome
{
    Field field;
    Error error;
};
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
