#pragma once

#include <QColor>
#include <QString>

namespace docket {

// How confidence is shown: thresholds and colours shared by the page view and field panel.
class ConfidenceStyle
{
public:
    // The default thresholds; the user's are settings ("review/confidenceHigh",
    // "review/confidenceMedium"), edited in the settings dialog.
    static constexpr double kHigh = 0.95;   // at or above: green
    static constexpr double kMedium = 0.80; // at or above: amber; below: red

    // The thresholds in use (read from the settings once, then cached).
    static double highThreshold();
    static double mediumThreshold();
    // Stores both (clamped to 0..1, medium at most high) and uses them from now on.
    static void setThresholds(double high, double medium);
    // Forgets the cache, so that the next call reads the settings again.
    static void reload();

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
