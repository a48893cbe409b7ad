#pragma once

#include <QColor>
#include <QString>

namespace docket {

// How confidence is shown: thresholds and colours shared by the page view and field panel.
class ConfidenceStyle
{
public:
    static constexpr double kHigh = 0.95;   // at or above: green
    static constexpr double kMedium = 0.80; // at or above: amber; below: red

    enum class Level
    {
        High,
        Medium,
        Low,
        None // no value
    };

    static Level level(double confidence);
    static QColor color(Level level);
    static QColor color(double confidence) { return color(level(confidence)); }
    static QString label(Level level); // translated ("High", "Medium", "Low")
};

} // namespace docket
