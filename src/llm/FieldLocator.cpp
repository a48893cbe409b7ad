#include "FieldLocator.h"

#include <QDate>
#include <QLocale>
#include <QSet>

namespace docket {

namespace {

constexpr int kMaxWords = 8;

} // namespace

QString FieldLocator::key(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text)
        if (c.isLetterOrNumber())
            out += c.toLower();
    return out;
}

QStringList FieldLocator::candidates(const QString &value, FieldKind kind)
{
    QStringList out;
    const QString base = key(value);
    if (base.isEmpty())
        return out;
    out.append(base);
    if (kind == FieldKind::Amount || kind == FieldKind::Number || kind == FieldKind::Weight) {
        // "1041.00" is often printed "1,041" or "1041"; "1041.5" as "1,041.50".
        QString v = value.trimmed();
        if (v.contains(QLatin1Char('.'))) {
            QString trimmed = v;
            while (trimmed.endsWith(QLatin1Char('0')))
                trimmed.chop(1);
            if (trimmed.endsWith(QLatin1Char('.')))
                trimmed.chop(1);
            out.append(key(trimmed));
            const qsizetype dot = v.indexOf(QLatin1Char('.'));
            if (v.size() - dot - 1 == 1)
                out.append(key(v + QLatin1Char('0')));
        } else {
            out.append(key(v + QStringLiteral(".00")));
        }
    } else if (kind == FieldKind::Date) {
        const QDate d = QDate::fromString(value.trimmed(), Qt::ISODate);
        if (d.isValid()) {
            const QLocale c = QLocale::c();
            const QStringList days{QString::number(d.day()),
                                   QStringLiteral("%1").arg(d.day(), 2, 10, QLatin1Char('0'))};
            const QStringList months{QString::number(d.month()),
                                     QStringLiteral("%1").arg(d.month(), 2, 10, QLatin1Char('0')),
                                     c.monthName(d.month(), QLocale::LongFormat).toLower(),
                                     c.monthName(d.month(), QLocale::ShortFormat).toLower()};
            const QStringList years{
                QString::number(d.year()),
                QStringLiteral("%1").arg(d.year() % 100, 2, 10, QLatin1Char('0'))};
            for (const QString &day : days)
                for (const QString &month : months)
                    for (const QString &year : years) {
                        out.append(day + month + year);
                        out.append(month + day + year);
                        out.append(year + month + day);
                    }
        }
    }
    out.removeDuplicates();
    return out;
}

FieldLocator::FieldLocator(const DocumentContent &content) : m_content(content)
{
    for (const Page &p : content.pages) {
        QStringList keys;
        for (const Word &w : p.words)
            keys.append(key(w.text));
        m_keys.append(keys);
    }
}

std::optional<FieldLocator::Location> FieldLocator::find(const QString &value, FieldKind kind) const
{
    const QStringList wanted = candidates(value, kind);
    if (wanted.isEmpty())
        return std::nullopt;
    const QSet<QString> set(wanted.begin(), wanted.end());
    // Every beginning of a candidate: a run of words stops as soon as it spells none, which
    // for most words is the first one.
    QSet<QString> prefixes;
    qsizetype longest = 0;
    for (const QString &w : wanted) {
        longest = std::max(longest, w.size());
        for (qsizetype n = 1; n < w.size(); ++n)
            prefixes.insert(w.left(n));
    }
    // Very short values ("1", "kg") would match anywhere: not located.
    if (longest < 2)
        return std::nullopt;

    for (int p = 0; p < m_content.pages.size(); ++p) {
        const Page &page = m_content.pages.at(p);
        const QStringList &keys = m_keys.at(p);
        for (int i = 0; i < keys.size(); ++i) {
            if (keys.at(i).isEmpty())
                continue;
            QString acc;
            for (int j = i; j < keys.size() && j < i + kMaxWords; ++j) {
                if (j > i && page.words.at(j).line != page.words.at(i).line)
                    break;
                acc += keys.at(j);
                if (acc.size() > longest)
                    break;
                if (set.contains(acc)) {
                    Location loc;
                    loc.page = page.number;
                    QStringList raw;
                    for (int k = i; k <= j; ++k) {
                        loc.box = loc.box.isNull() ? page.words.at(k).box
                                                   : loc.box.united(page.words.at(k).box);
                        raw.append(page.words.at(k).text);
                    }
                    loc.raw = raw.join(QLatin1Char(' '));
                    return loc;
                }
                if (!prefixes.contains(acc))
                    break;
            }
        }
    }
    return std::nullopt;
}

} // namespace docket
