#pragma once

#include "LayoutIndex.h"
#include "core/DocumentSchema.h"

#include <QHash>
#include <QList>
#include <QSet>

namespace docket {

// One place where a field's label (anchor) was found.
struct AnchorHit
{
    QString field;
    int anchorIndex = 0; // position of the anchor in the field's list
    int tokenCount = 0;  // tokens of the anchor: longer labels are more specific
    // The label is qualified as another party's or an earlier number ("Alt Order #",
    // "Previous Invoice No", "Old Contract"): a value of it is a reference, not the
    // document's own number.
    bool secondary = false;
    PhraseHit hit;
};

// Finds the label anchors of a set of fields. Where labels overlap, the longer one wins
// ("sub total" over "total", "total tax" over "tax"), so that every label word belongs to
// at most one field.
class AnchorMatcher
{
public:
    explicit AnchorMatcher(const LayoutIndex &index);

    QHash<QString, QList<AnchorHit>> match(const QList<FieldSpec> &specs);
    // Words that are part of a label found by the last match().
    const QSet<int> &labelWords() const { return m_labelWords; }
    // First word of every label: a value read to the right stops before these.
    const QSet<int> &labelStarts() const { return m_labelStarts; }

private:
    const LayoutIndex &m_index;
    QSet<int> m_labelWords;
    QSet<int> m_labelStarts;
};

} // namespace docket
