#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace docket {

// Order of day and month in numeric dates such as 03/08/2014.
enum class DateOrder
{
    Unknown,
    DayMonth,
    MonthDay
};

// One date found in a piece of text.
struct DateMatch
{
    QDate date;
    qsizetype start = 0;    // position in the text
    qsizetype length = 0;   // length of the matched text
    bool ambiguous = false; // day and month could be swapped and the order was a guess
    bool textual = false;   // the month was written as a word

    QString iso() const { return date.toString(Qt::ISODate); }
};

// Finds and normalises dates written in the usual numeric and textual forms: 03/08/2014,
// 2014-08-03, 20.11.2022, 12-Jan-19, 3 Aug 2014, August 3, 2014, 3. März 2022, 28 novembre
// 2022 ... Day/month order of ambiguous numeric dates follows the given hint.
class DateParser
{
public:
    static QList<DateMatch> findAll(const QString &text, DateOrder hint = DateOrder::Unknown);
    // The first date in text, or an invalid match.
    static DateMatch parse(const QString &text, DateOrder hint = DateOrder::Unknown);
    // The order proven by unambiguous numeric dates among texts (e.g. 25/12/2018 proves
    // day-first) or by a yyyyMMdd stamp that reads an ambiguous date one way only, Unknown
    // when none proves it or they disagree.
    static DateOrder inferOrder(const QStringList &texts);
    // OCR misreads digits of thermal print (0 as 6, 8 or 9; 1 as 7 or 4): a numeric date whose
    // day, month or year cannot be ("43/03/2018", "19/62/2018", "10/03/2078") is repaired
    // when exactly one such confusion in that part makes it valid. Returns the text with the
    // repaired dates, unchanged when there was nothing to repair.
    static QString repairOcr(const QString &text);
    // Dates whose separator between day and month OCR lost ("2703/2018", "27/032018"); only
    // for OCR text, where a number such as "1203/2018" is rarely anything else.
    static QList<DateMatch> findCompact(const QString &text, DateOrder hint = DateOrder::Unknown);
    // Month number (1..12) of an English, German, French, Spanish or Dutch month name or
    // abbreviation, 0 when it is none.
    static int monthFromName(const QString &name);
};

} // namespace docket
