#pragma once

#include "LayoutIndex.h"

#include <QList>
#include <QSet>

namespace docket {

// Reads the address printed with a party's name: the lines under it (skipping taglines,
// labelled details and OCR noise, stopping at registration numbers, phone lines, greetings,
// dates and amounts), or the rest of a sender line ("Acme AG - Street 4 - City").
class AddressFinder
{
public:
    // blocked: words that belong to something else (labels, other fields, recipient blocks);
    // the address ends where they start.
    AddressFinder(const LayoutIndex &index, const QSet<int> &blocked);

    // The address lines under (or beside) a name: words of up to maxRows rows.
    QList<int> below(const QList<int> &nameWords, int maxRows = 5) const;
    // How likely the words are an address: a street word and a postcode say so.
    double confidence(const QList<int> &words) const;

private:
    QList<int> senderRest(const QList<int> &nameWords) const; // "- Street 4 - City" after it
    QList<int> stripLabel(const QList<int> &words) const;     // "Warehouse Address:"
    bool labelledDetail(const QList<int> &words) const;       // "Company No: ...", "Site: 2395"

    const LayoutIndex &m_index;
    QSet<int> m_blocked;
};

} // namespace docket
