#include "ConfidenceStyle.h"

#include <QCoreApplication>
#include <QMutex>
#include <QSettings>

#include <algorithm>

namespace docket {

namespace {

const QString kHighKey = QStringLiteral("review/confidenceHigh");
const QString kMediumKey = QStringLiteral("review/confidenceMedium");

struct Thresholds
{
    QMutex mutex;
    bool loaded = false;
    double high = ConfidenceStyle::kHigh;
    double medium = ConfidenceStyle::kMedium;
};

Thresholds &thresholds()
{
    static Thresholds t;
    return t;
}

std::pair<double, double> sane(double high, double medium)
{
    high = std::clamp(high, 0.0, 1.0);
    medium = std::clamp(medium, 0.0, high);
    return {high, medium};
}

std::pair<double, double> current()
{
    Thresholds &t = thresholds();
    QMutexLocker lock(&t.mutex);
    if (!t.loaded) {
        const QSettings settings;
        bool highOk = false;
        bool mediumOk = false;
        const double high = settings.value(kHighKey).toDouble(&highOk);
        const double medium = settings.value(kMediumKey).toDouble(&mediumOk);
        std::tie(t.high, t.medium) = sane(highOk ? high : ConfidenceStyle::kHigh,
                                          mediumOk ? medium : ConfidenceStyle::kMedium);
        t.loaded = true;
    }
    return {t.high, t.medium};
}

} // namespace

double ConfidenceStyle::highThreshold()
{
    return current().first;
}

double ConfidenceStyle::mediumThreshold()
{
    return current().second;
}

void ConfidenceStyle::setThresholds(double high, double medium)
{
    const auto [h, m] = sane(high, medium);
    QSettings settings;
    settings.setValue(kHighKey, h);
    settings.setValue(kMediumKey, m);
    Thresholds &t = thresholds();
    QMutexLocker lock(&t.mutex);
    t.high = h;
    t.medium = m;
    t.loaded = true;
}

void ConfidenceStyle::reload()
{
    Thresholds &t = thresholds();
    QMutexLocker lock(&t.mutex);
    t.loaded = false;
}

ConfidenceStyle::Level ConfidenceStyle::level(double confidence)
{
    const auto [high, medium] = current();
    if (confidence >= high)
        return Level::High;
    if (confidence >= medium)
        return Level::Medium;
    return Level::Low;
}

QColor ConfidenceStyle::color(Level level)
{
    switch (level) {
    case Level::High:
        return QColor(0x2e, 0x9d, 0x5b); // green
    case Level::Medium:
        return QColor(0xe0, 0x9b, 0x1a); // amber
    case Level::Low:
        return QColor(0xd6, 0x3b, 0x3b); // red
    case Level::None:
        break;
    }
    return QColor(0x9a, 0xa0, 0xa6); // grey
}

QString ConfidenceStyle::label(Level level)
{
    switch (level) {
    case Level::High:
        return QCoreApplication::translate("ConfidenceStyle", "High confidence");
    case Level::Medium:
        return QCoreApplication::translate("ConfidenceStyle", "Medium confidence");
    case Level::Low:
        return QCoreApplication::translate("ConfidenceStyle", "Low confidence");
    case Level::None:
        break;
    }
    return QCoreApplication::translate("ConfidenceStyle", "No value");
}

} // namespace docket
