#pragma once

#include "LayoutIndex.h"

#include <QList>
#include <QSet>
#include <QStringList>

namespace docket {

// Finds organisation names and addresses by layout: the letterhead (the most prominent
// name near the top of the first page) and the address lines under a name.
class PartyFinder
{
public:
    // labelWords: words that are labels (never part of a name); titles: document titles
    // ("invoice") that are stripped from a letterhead line.
    PartyFinder(const LayoutIndex &index, const QSet<int> &labelWords, const QStringList &titles);

    // Words to keep out of the letterhead (e.g. the buyer's block).
    void exclude(const QList<int> &words);

    struct Name
    {
        QList<int> words;
        double score = 0; // how sure it is a name (0..1)
    };
    // The most prominent organisation name near the top of the first page.
    Name letterhead() const;
    // The issuing party: the letterhead, or where it names no organisation (no legal form), a
    // name from the footer, the signature block or the registered office with a legal form.
    Name issuer() const;
    // A name read with what follows it on its line, up to the next detail: "Acme GmbH IBAN
    // DE89 ..." gives "Acme GmbH".
    QList<int> nameOnly(const QList<int> &words) const;
    // The address lines under (or beside) a name: words of up to maxRows rows.
    QList<int> addressBelow(const QList<int> &nameWords, int maxRows = 5) const;
    // How likely the address lines are an address: a street word and a postcode say so.
    double addressConfidence(const QList<int> &words) const;
    // Whether a text looks like an organisation name (has a legal-form suffix).
    static bool hasCompanySuffix(const QString &text);

private:
    double segmentScore(const QList<int> &seg, int rowRank) const;
    QList<int> stripTitles(const QList<int> &seg) const;
    QList<int> stripAffixes(const QList<int> &seg) const; // registration numbers, labels
    bool continuesAddress(const QList<int> &seg) const;   // the line above is an address line
    bool addressFollows(const QList<int> &seg) const;     // street or postcode on the next line
    QList<int> lineBeside(const QList<int> &words, bool above) const; // the line above/below
    bool suffixOnly(const QList<int> &words) const;                   // "Sdn Bhd", "GmbH"

    const LayoutIndex &m_index;
    QSet<int> m_labelWords;
    QSet<int> m_excluded;
    QSet<QString> m_otherNames; // tokens of names of other parties (the customer's)
    QList<QStringList> m_titles;
};

} // namespace docket
