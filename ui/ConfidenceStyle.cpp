#include "ConfidenceStyle.h"

#include <QCoreApplication>

namespace docket {

ConfidenceStyle::Level ConfidenceStyle::level(double confidence)
{
    if (confidence >= kHigh)
        return Level::High;
    if (confidence >= kMedium)
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
