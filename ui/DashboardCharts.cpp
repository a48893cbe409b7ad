#include "DashboardCharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDateTimeAxis>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QLocale>
#include <QValueAxis>

#include <algorithm>

namespace docket {

namespace {

// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(DashboardCharts)
};

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

// The value axis every chart has: from 0 to a tenth above the largest value.
void addValueAxis(QChart *chart, QAbstractSeries *series, double max, Qt::Alignment alignment,
                  const QString &format, const QString &title = {})
{
    auto *axis = new QValueAxis;
    axis->setRange(0, max > 0 ? max * 1.1 : 1);
    axis->setLabelFormat(format);
    if (!title.isEmpty())
        axis->setTitleText(title);
    chart->addAxis(axis, alignment);
    series->attachAxis(axis);
}

// A category axis (bar labels) on `alignment`.
void addCategoryAxis(QChart *chart, QAbstractSeries *series, const QStringList &categories,
                     Qt::Alignment alignment, int labelsAngle = 0)
{
    auto *axis = new QBarCategoryAxis;
    axis->append(categories);
    if (labelsAngle != 0)
        axis->setLabelsAngle(labelsAngle);
    chart->addAxis(axis, alignment);
    series->attachAxis(axis);
}

} // namespace

QChart *DashboardCharts::bars(const QString &title, Bars values, const QString &unit, int limit)
{
    std::sort(values.begin(), values.end(),
              [](const auto &a, const auto &b) { return a.second > b.second; });
    if (values.size() > limit) {
        double rest = 0;
        for (int i = limit - 1; i < values.size(); ++i)
            rest += values.at(i).second;
        values.resize(limit - 1);
        values.append({Messages::tr("Other"), rest});
    }
    std::reverse(values.begin(), values.end()); // largest on top
    QChart *chart = newChart(title);
    auto *set = new QBarSet(unit);
    QStringList categories;
    double max = 0;
    for (const auto &v : values) {
        categories << (v.first.isEmpty() ? Messages::tr("(none)") : v.first);
        *set << v.second;
        max = std::max(max, v.second);
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    chart->addSeries(series);
    addCategoryAxis(chart, series, categories, Qt::AlignLeft);
    addValueAxis(chart, series, max, Qt::AlignBottom, QStringLiteral("%.3g"), unit);
    return chart;
}

QChart *DashboardCharts::line(const QString &title, const QMap<QDateTime, double> &points,
                              const QString &unit)
{
    QChart *chart = newChart(title);
    auto *series = new QLineSeries;
    series->setPointsVisible(true);
    double max = 0;
    for (auto it = points.cbegin(); it != points.cend(); ++it) {
        series->append(double(it.key().toMSecsSinceEpoch()), it.value());
        max = std::max(max, it.value());
    }
    chart->addSeries(series);
    auto *x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("MMM d"));
    if (!points.isEmpty())
        x->setRange(points.firstKey().addSecs(-43200), points.lastKey().addSecs(43200));
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    addValueAxis(chart, series, max, Qt::AlignLeft, QStringLiteral("%.3g"), unit);
    return chart;
}

QChart *DashboardCharts::timeBars(const QString &title, const QMap<QDateTime, double> &points,
                                  const QString &format)
{
    QChart *chart = newChart(title);
    auto *set = new QBarSet(title);
    QStringList categories;
    double max = 0;
    const QLocale locale;
    for (auto it = points.cbegin(); it != points.cend(); ++it) {
        categories << locale.toString(it.key().toLocalTime(), format);
        *set << it.value();
        max = std::max(max, it.value());
    }
    auto *series = new QBarSeries;
    series->append(set);
    chart->addSeries(series);
    addCategoryAxis(chart, series, categories, Qt::AlignBottom, -60);
    addValueAxis(chart, series, max, Qt::AlignLeft, QStringLiteral("%.0f"));
    return chart;
}

void DashboardCharts::replaceChart(QChartView *view, QChart *chart)
{
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

} // namespace docket
