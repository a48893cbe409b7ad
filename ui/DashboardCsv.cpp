#include "DashboardCsv.h"

#include "pipeline/Exporter.h"

namespace docket {

namespace {

class Writer
{
public:
    void row(const QString &section, const QString &name, const QString &metric,
             const QString &value)
    {
        m_out += (Exporter::csvField(section) + QLatin1Char(',') + Exporter::csvField(name) +
                  QLatin1Char(',') + Exporter::csvField(metric) + QLatin1Char(',') +
                  Exporter::csvField(value))
                     .toUtf8();
        m_out += "\r\n";
    }
    void number(const QString &section, const QString &name, const QString &metric, double v)
    {
        row(section, name, metric, QString::number(v, 'g', 12));
    }
    void usage(const QString &section, const QString &name, const Usage &u)
    {
        number(section, name, QStringLiteral("requests"), u.requests);
        number(section, name, QStringLiteral("input_tokens"), double(u.inputTokens));
        number(section, name, QStringLiteral("cached_tokens"), double(u.cachedTokens));
        number(section, name, QStringLiteral("output_tokens"), double(u.outputTokens));
        number(section, name, QStringLiteral("cost_usd"), u.costUsd);
    }
    void usages(const QString &section, const QMap<QString, Usage> &map)
    {
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            usage(section, it.key(), it.value());
    }
    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
};

} // namespace

QByteArray DashboardCsv::write(const DashboardSnapshot &snapshot)
{
    const DashboardFigures &f = snapshot.figures;
    Writer w;
    w.row(QStringLiteral("section"), QStringLiteral("name"), QStringLiteral("metric"),
          QStringLiteral("value"));
    w.row(QStringLiteral("period"), {}, QStringLiteral("from"), f.from.toString(Qt::ISODate));
    w.row(QStringLiteral("period"), {}, QStringLiteral("to"), f.to.toString(Qt::ISODate));
    w.usage(QStringLiteral("summary"), QStringLiteral("period"), f.total);
    w.usage(QStringLiteral("summary"), QStringLiteral("today"), f.today);
    w.usage(QStringLiteral("summary"), QStringLiteral("this_month"), f.thisMonth);
    const QString s = QStringLiteral("summary");
    w.number(s, {}, QStringLiteral("cache_hit_rate"), f.cacheHitRate());
    w.number(s, {}, QStringLiteral("documents_processed"), f.quality.processed);
    w.number(s, {}, QStringLiteral("documents_per_hour"), f.documentsPerHour());
    w.number(s, {}, QStringLiteral("documents_per_active_hour"), f.documentsPerActiveHour());
    w.number(s, {}, QStringLiteral("review_rate"), f.reviewRate());
    w.number(s, {}, QStringLiteral("auto_approval_rate"), f.autoApprovalRate());
    w.number(s, {}, QStringLiteral("approved"), f.quality.approved);
    w.number(s, {}, QStringLiteral("rejected"), f.quality.rejected);
    w.number(s, {}, QStringLiteral("corrections"), f.quality.corrections);
    for (double p : {50.0, 90.0, 99.0})
        w.number(s, {}, QStringLiteral("processing_ms_p%1").arg(int(p)),
                 double(f.processingPercentile(p)));
    if (snapshot.budgets.daily)
        w.number(QStringLiteral("budget"), QStringLiteral("daily"), QStringLiteral("usd"),
                 snapshot.budgets.daily->toDouble());
    if (snapshot.budgets.monthly)
        w.number(QStringLiteral("budget"), QStringLiteral("monthly"), QStringLiteral("usd"),
                 snapshot.budgets.monthly->toDouble());
    w.usages(QStringLiteral("by_provider"), f.byProvider);
    w.usages(QStringLiteral("by_model"), f.byModel);
    w.usages(QStringLiteral("by_step"), f.byStep);
    w.usages(QStringLiteral("by_document_type"), f.byDocumentType);
    const QMap<QDate, double> perDocument = f.costPerDocumentPerDay();
    for (auto it = f.usagePerDay.cbegin(); it != f.usagePerDay.cend(); ++it)
        w.number(QStringLiteral("per_day"), it.key().toString(Qt::ISODate),
                 QStringLiteral("cost_usd"), it.value().costUsd);
    for (auto it = f.processedPerDay.cbegin(); it != f.processedPerDay.cend(); ++it)
        w.number(QStringLiteral("per_day"), it.key().toString(Qt::ISODate),
                 QStringLiteral("documents_processed"), it.value());
    for (auto it = perDocument.cbegin(); it != perDocument.cend(); ++it)
        w.number(QStringLiteral("per_day"), it.key().toString(Qt::ISODate),
                 QStringLiteral("cost_per_document_usd"), it.value());
    for (auto it = f.processedPerHour.cbegin(); it != f.processedPerHour.cend(); ++it)
        w.number(QStringLiteral("per_hour"), it.key().toUTC().toString(Qt::ISODate),
                 QStringLiteral("documents_processed"), it.value());
    for (auto it = f.quality.correctionsByField.cbegin(); it != f.quality.correctionsByField.cend();
         ++it)
        w.number(QStringLiteral("corrections_by_field"), it.key(), QStringLiteral("corrections"),
                 it.value());
    for (auto it = f.byReviewer.cbegin(); it != f.byReviewer.cend(); ++it) {
        w.number(QStringLiteral("by_reviewer"), it.key(), QStringLiteral("approved"),
                 it.value().approved);
        w.number(QStringLiteral("by_reviewer"), it.key(), QStringLiteral("rejected"),
                 it.value().rejected);
        w.number(QStringLiteral("by_reviewer"), it.key(), QStringLiteral("corrections"),
                 it.value().corrections);
    }
    return w.take();
}

} // namespace docket
