#pragma once

#include "RuleDecimal.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace docket {

// Static currency tables for the rules and the review policy: the ISO 4217 active codes
// (list of 2025, with XCG and ZWG), a few recently withdrawn codes that still appear on
// older documents, and rough USD values used only to bucket review priorities.
class RuleCurrencies
{
public:
    // Upper-case three-letter code on the ISO 4217 active list. XTS (testing) and
    // XXX (no currency) are not accepted for documents.
    static bool isActive(QStringView code);
    // Withdrawn in recent years (HRK, ANG, SLL, ZWL, ...): valid on older documents only.
    static bool isWithdrawn(QStringView code);
    // Roughly how many USD one unit is worth (order of magnitude, for priorities only,
    // never for money shown to anyone). nullopt for codes without an entry.
    static std::optional<RuleDecimal> roughUsdValue(QStringView code);
};

} // namespace docket
