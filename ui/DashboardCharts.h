#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

class QChart;
class QChartView;

namespace docket {

// Builders of the dashboard's charts (Qt Charts). Each returns a new chart the caller hands
// to a QChartView (replaceChart deletes the view's previous chart).
class DashboardCharts
{
public:
    using Bars = QList<QPair<QString, double>>;

    // Horizontal bars, largest first, at most `limit` bars (the rest summed as "Other").
    static QChart *bars(const QString &title, Bars values, const QString &unit, int limit = 12);
    // A line over time (points in time order).
    static QChart *line(const QString &title, const QMap<QDateTime, double> &points,
                        const QString &unit);
    // Vertical bars over time (e.g. documents per hour).
    static QChart *timeBars(const QString &title, const QMap<QDateTime, double> &points,
                            const QString &format);

    static void replaceChart(QChartView *view, QChart *chart);
};

} // namespace docket
