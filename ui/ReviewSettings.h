#pragma once

#include <QString>

namespace docket {

// The reviewer's own preferences (QSettings keys "review/..."), read by the review screen
// and edited in the settings dialog.
class ReviewSettings
{
public:
    // "review/reviewer"; default: the OS user name.
    static QString reviewerName();
    static void setReviewerName(const QString &name);
    // "review/tabLowConfidenceOnly": Tab and Shift+Tab visit only low-confidence and invalid
    // fields. Default false.
    static bool tabLowConfidenceOnly();
    static void setTabLowConfidenceOnly(bool on);
};

} // namespace docket
