#include "DateParser.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace docket {

namespace {

const QHash<QString, int> &monthNames()
{
    static const QHash<QString, int> names = [] {
        QHash<QString, int> h;
        const char *const table[12][12] = {
            {"january", "jan", "januar", "janvier", "janv", "enero", "januari", "jänner", "ene",
             nullptr},
            {"february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero",
             "februari", nullptr},
            {"march", "mar", "märz", "maerz", "mars", "marzo", "maart", "mär", "mrz", nullptr},
            {"april", "apr", "avril", "avr", "abril", "abr", nullptr},
            {"may", "mai", "mayo", "mei", nullptr},
            {"june", "jun", "juni", "juin", "junio", nullptr},
            {"july", "jul", "juli", "juillet", "juil", "julio", nullptr},
            {"august", "aug", "août", "aout", "agosto", "augustus", "ago", nullptr},
            {"september", "sep", "sept", "septembre", "septiembre", nullptr},
            {"october", "oct", "oktober", "okt", "octobre", "octubre", nullptr},
            {"november", "nov", "novembre", "noviembre", nullptr},
            {"december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre",
             "dic", nullptr},
        };
        for (int m = 0; m < 12; ++m)
            for (int i = 0; i < 12 && table[m][i]; ++i)
                h.insert(QString::fromUtf8(table[m][i]), m + 1);
        return h;
    }();
    return names;
}

QString monthAlternation()
{
    QStringList names = monthNames().keys();
    std::sort(names.begin(), names.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (QString &n : names)
        n = QRegularExpression::escape(n);
    return names.join(QLatin1Char('|'));
}

int fullYear(int y, int digits)
{
    if (digits == 2)
        return y < 70 ? 2000 + y : 1900 + y;
    return y;
}

bool plausibleYear(int y)
{
    // Documents are not dated decades ahead; OCR turns 2018 into 2078.
    static const int limit = QDate::currentDate().year() + 5;
    return y >= 1950 && y <= limit;
}

struct Patterns
{
    QRegularExpression iso;     // 2014-08-03, 2014/08/03
    QRegularExpression numeric; // 03/08/2014, 20.11.2022, 12-01-19
    QRegularExpression dayName; // 3 Aug 2014, 12-Jan-19, 3. März 2022, 28th November 2022
    QRegularExpression nameDay; // August 3, 2014 / Aug 3 2014
};

const Patterns &patterns()
{
    static const Patterns p = [] {
        const QString months = monthAlternation();
        const auto opts = QRegularExpression::CaseInsensitiveOption |
                          QRegularExpression::UseUnicodePropertiesOption;
        Patterns out;
        out.iso = QRegularExpression(
            QStringLiteral("(?<![\\d])(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?![\\d])"), opts);
        out.numeric = QRegularExpression(
            QStringLiteral("(?<![\\d.,/-])(\\d{1,2})\\s?([-/"
                           ".])\\s?(\\d{1,2})\\s?\\2\\s?(\\d{4}|\\d{2})(?![\\d])"),
            opts);
        out.dayName = QRegularExpression(
            QStringLiteral("(?<![\\d\\w])(\\d{1,2})(?:st|nd|rd|th|er)?[\\s.\\-/]{0,3}(") + months +
                QStringLiteral(")\\.?(?![\\w])[\\s.,\\-/']{0,3}(\\d{4}|\\d{2})(?![\\d])"),
            opts);
        out.nameDay = QRegularExpression(
            QStringLiteral("(?<![\\w])(") + months +
                QStringLiteral(")\\.?\\s{0,3}(\\d{1,2})(?:st|nd|rd|th)?(?![\\d])\\s{0,3},?\\s{0,3}"
                               "(\\d{4})(?![\\d])"),
            opts);
        return out;
    }();
    return p;
}

bool overlaps(const QList<DateMatch> &found, qsizetype start, qsizetype length)
{
    for (const DateMatch &m : found)
        if (start < m.start + m.length && m.start < start + length)
            return true;
    return false;
}

} // namespace

int DateParser::monthFromName(const QString &name)
{
    QString n = name.toLower();
    if (n.endsWith(QLatin1Char('.')))
        n.chop(1);
    return monthNames().value(n, 0);
}

QList<DateMatch> DateParser::findAll(const QString &text, DateOrder hint)
{
    QList<DateMatch> out;
    if (text.size() < 6)
        return out;
    bool hasDigit = false;
    for (QChar c : text)
        if (c.isDigit()) {
            hasDigit = true;
            break;
        }
    if (!hasDigit)
        return out;
    const Patterns &p = patterns();

    auto add = [&](const QRegularExpressionMatch &m, QDate date, bool ambiguous, bool textual) {
        if (!date.isValid() || !plausibleYear(date.year()))
            return;
        if (overlaps(out, m.capturedStart(), m.capturedLength()))
            return;
        DateMatch d;
        d.date = date;
        d.start = m.capturedStart();
        d.length = m.capturedLength();
        d.ambiguous = ambiguous;
        d.textual = textual;
        out.append(d);
    };

    for (auto it = p.iso.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        add(m, QDate(m.captured(1).toInt(), m.captured(3).toInt(), m.captured(4).toInt()), false,
            false);
    }
    for (auto it = p.dayName.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        add(m,
            QDate(fullYear(m.captured(3).toInt(), int(m.captured(3).size())),
                  monthFromName(m.captured(2)), m.captured(1).toInt()),
            false, true);
    }
    for (auto it = p.nameDay.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        add(m, QDate(m.captured(3).toInt(), monthFromName(m.captured(1)), m.captured(2).toInt()),
            false, true);
    }
    for (auto it = p.numeric.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const int a = m.captured(1).toInt();
        const int b = m.captured(3).toInt();
        const int year = fullYear(m.captured(4).toInt(), int(m.captured(4).size()));
        int day = a, month = b;
        bool ambiguous = false;
        if (a > 12 && b <= 12) {
            day = a;
            month = b;
        } else if (b > 12 && a <= 12) {
            day = b;
            month = a;
        } else if (a != b) {
            ambiguous = true;
            if (hint == DateOrder::MonthDay) {
                day = b;
                month = a;
            }
        }
        add(m, QDate(year, month, day), ambiguous, false);
    }
    std::sort(out.begin(), out.end(),
              [](const DateMatch &x, const DateMatch &y) { return x.start < y.start; });
    return out;
}

DateMatch DateParser::parse(const QString &text, DateOrder hint)
{
    const QList<DateMatch> all = findAll(text, hint);
    return all.isEmpty() ? DateMatch{} : all.first();
}

QString DateParser::repairOcr(const QString &text)
{
    // What a misread digit most often was (thermal receipts, Tesseract LSTM).
    static const QHash<QChar, QString> confusions = {
        {QLatin1Char('6'), QStringLiteral("05")}, {QLatin1Char('8'), QStringLiteral("03")},
        {QLatin1Char('9'), QStringLiteral("0")},  {QLatin1Char('7'), QStringLiteral("1")},
        {QLatin1Char('4'), QStringLiteral("1")},  {QLatin1Char('5'), QStringLiteral("6")},
        {QLatin1Char('3'), QStringLiteral("8")}};
    // The values a part may be read as: itself when valid, else its one-digit repairs.
    auto repairs = [](const QString &part, auto valid) {
        if (valid(part.toInt()))
            return QStringList{part};
        QStringList out;
        for (qsizetype i = 0; i < part.size(); ++i)
            for (QChar c : confusions.value(part.at(i))) {
                QString t = part;
                t[i] = c;
                if (valid(t.toInt()) && !out.contains(t))
                    out.append(t);
            }
        return out;
    };
    static const int thisYear = QDate::currentDate().year();
    QString out = text;
    const QRegularExpression &re = patterns().numeric;
    // Replaced from the end so that earlier positions stay right.
    QList<QRegularExpressionMatch> matches;
    for (auto it = re.globalMatch(text); it.hasNext();)
        matches.prepend(it.next());
    for (const QRegularExpressionMatch &m : std::as_const(matches)) {
        const QString a = m.captured(1), b = m.captured(3), y = m.captured(4);
        const QStringList ys = repairs(y, [&](int v) {
            const int full = fullYear(v, int(y.size()));
            return full >= 1950 && full <= thisYear + 1;
        });
        // Day and month in either order: each must become a day (1..31) or a month (1..12).
        const QStringList as = repairs(a, [](int v) { return v >= 1 && v <= 31; });
        const QStringList bs = repairs(b, [](int v) { return v >= 1 && v <= 31; });
        if (ys.size() != 1 || as.size() != 1 || bs.size() != 1)
            continue;
        if (as.first().toInt() > 12 && bs.first().toInt() > 12)
            continue;
        if (as.first() == a && bs.first() == b && ys.first() == y)
            continue;
        out.replace(m.capturedStart(4), y.size(), ys.first());
        out.replace(m.capturedStart(3), b.size(), bs.first());
        out.replace(m.capturedStart(1), a.size(), as.first());
    }
    return out;
}

QList<DateMatch> DateParser::findCompact(const QString &text, DateOrder hint)
{
    // Day and month run together before a four-digit year ("2703/2018") or after the first
    // separator ("27/032018").
    static const QRegularExpression re(
        QStringLiteral("(?<![\\d.,/-])(?:(\\d{2})(\\d{2})([-/.])|(\\d{2})([-/.])(\\d{2}))"
                       "((?:19|20)\\d{2})(?![\\d])"));
    QList<DateMatch> out;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const bool first = m.capturedLength(1) > 0;
        const int a = m.captured(first ? 1 : 4).toInt();
        const int b = m.captured(first ? 2 : 6).toInt();
        const int year = m.captured(7).toInt();
        const QDate dayFirst(year, b, a), monthFirst(year, a, b);
        DateMatch d;
        d.start = m.capturedStart();
        d.length = m.capturedLength();
        if (dayFirst.isValid() && monthFirst.isValid() && a != b) {
            d.date = hint == DateOrder::MonthDay ? monthFirst : dayFirst;
            d.ambiguous = true;
        } else {
            d.date = dayFirst.isValid() ? dayFirst : monthFirst;
        }
        if (d.date.isValid() && plausibleYear(year))
            out.append(d);
    }
    return out;
}

DateOrder DateParser::inferOrder(const QStringList &texts)
{
    int dayFirst = 0, monthFirst = 0;
    const QRegularExpression &re = patterns().numeric;
    for (const QString &t : texts) {
        for (auto it = re.globalMatch(t); it.hasNext();) {
            const auto m = it.next();
            const int a = m.captured(1).toInt();
            const int b = m.captured(3).toInt();
            if (a > 12 && a <= 31 && b >= 1 && b <= 12)
                ++dayFirst;
            else if (b > 12 && b <= 31 && a >= 1 && a <= 12)
                ++monthFirst;
        }
    }
    // A date stamp in a document or transaction number ("BAT0220180312 0255" beside
    // "12/03/18") shows which of day and month an ambiguous date prints first.
    static const QRegularExpression stamp(QStringLiteral("(?:19|20)\\d{6}"));
    QSet<QString> stamps;
    for (const QString &t : texts)
        for (auto it = stamp.globalMatch(t); it.hasNext();)
            stamps.insert(it.next().captured());
    for (const QString &t : texts) {
        if (stamps.isEmpty())
            break;
        for (const DateMatch &d : findAll(t, DateOrder::DayMonth)) {
            if (!d.ambiguous)
                continue;
            const QDate swapped(d.date.year(), d.date.day(), d.date.month());
            const bool asRead = stamps.contains(d.date.toString(QStringLiteral("yyyyMMdd")));
            const bool other = stamps.contains(swapped.toString(QStringLiteral("yyyyMMdd")));
            if (asRead != other)
                ++(asRead ? dayFirst : monthFirst);
        }
    }
    if (dayFirst > 0 && monthFirst == 0)
        return DateOrder::DayMonth;
    if (monthFirst > 0 && dayFirst == 0)
        return DateOrder::MonthDay;
    if (dayFirst != monthFirst)
        return dayFirst > monthFirst ? DateOrder::DayMonth : DateOrder::MonthDay;
    return DateOrder::Unknown;
}

} // namespace docket
