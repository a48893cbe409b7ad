#pragma once

#include "ReviewCoordinator.h"

#include <QCoreApplication>

namespace docket {

// The offline review policy (DESIGN.md "Review policy"): deterministic and explainable, it
// looks only at numbers and codes (type, confidences, validation issues, engine
// disagreements, page geometry and OCR confidence), never at what the page text says.
//
// Reasons, in this order (each group in schema or alphabetical order):
//   no_extraction
//   type_other | low_type_confidence
//   required_missing:<field>
//   low_confidence:<field>               (a header field below policy.fieldThreshold)
//   low_confidence:<table>               (any cell of the table below it)
//   validation_error:<code>              (distinct error codes, alphabetical)
//   engine_disagreement:<field>
//   too_many_pages | rotated_page | no_text | unusual_script | low_ocr_confidence
// Review is required when there is any reason.
//
// Priority: from the amount at stake (total_amount converted to a rough USD value:
// >= 10,000 high, >= 100,000 urgent, else normal), raised one step by a validation error,
// lowered one step when the only reasons are low confidences.
class PolicyReviewCoordinator : public ReviewCoordinator
{
    Q_DECLARE_TR_FUNCTIONS(PolicyReviewCoordinator)
public:
    static constexpr qint64 kHighAmountUsd = 10000;
    static constexpr qint64 kUrgentAmountUsd = 100000;
    // A document is "mostly OCR" when at least this share of its words were recognised...
    static constexpr double kOcrShare = 0.5;
    // ...and unusual when their mean confidence is below this. Measured with our OCR on
    // scanned till receipts (thermal paper, 300 dpi): mean word confidence 0.59-0.86, median
    // 0.78; clean office scans reach about 0.9. Below 0.70 is the worst fifth of receipts,
    // where a large share of the words is doubtful.
    static constexpr double kOcrConfidenceThreshold = 0.70;
    // A document is in an unusual language when fewer than half of its letters (of at least
    // 20) are Latin: the anchors, parsers and OCR language packs are made for Latin scripts.
    static constexpr double kLatinShare = 0.5;
    static constexpr int kMinLettersForScript = 20;

    explicit PolicyReviewCoordinator(ReviewPolicy policy = {});

    ReviewDecision decide(const ReviewInput &input) const override;
    const ReviewPolicy &policy() const { return m_policy; }

    // The priority a total of that currency deserves by its size alone. Unknown or missing
    // currencies count as USD; an unparsable amount as no amount.
    static Priority amountPriority(const QString &totalAmount, const QString &currency);
    // A translated sentence for a reason code, for the reviewer's screen.
    static QString explain(const QString &reason);

private:
    ReviewPolicy m_policy;
};

} // namespace docket
