#include "TextLayerQuality.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>

namespace docket {

namespace {

constexpr int MinWords = 5;
constexpr double UsableScore = 0.55;

bool isBadChar(char32_t c)
{
    if (c == 0xFFFD || c == 0xFFFE || c == 0xFFFF)
        return true;
    if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000) // private use
        return true;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F); // controls (words hold no whitespace)
}

bool isCommonPunct(char32_t c)
{
    switch (c) {
    case '.':
    case ',':
    case ':':
    case ';':
    case '-':
    case '/':
    case '(':
    case ')':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '"':
    case '#':
    case '@':
    case '+':
    case '*':
    case '?':
    case '!':
    case '_':
    case 0x20AC: // euro
    case 0x00A3: // pound
    case 0x00A5: // yen
    case 0x2013: // en dash
    case 0x2014:
    case 0x2019:
    case 0x201C:
    case 0x201D:
    case 0x00B0: // degree
        return true;
    default:
        return false;
    }
}

char16_t baseLatin(char32_t c)
{
    QString s = QString::fromUcs4(&c, 1).normalized(QString::NormalizationForm_D);
    return s.isEmpty() ? 0 : s.at(0).toLower().unicode();
}

bool isVowel(char32_t c)
{
    switch (baseLatin(c)) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
        return true;
    default:
        return false;
    }
}

// The commonest letter pairs of English, German, French, Spanish and Italian. Text in
// these languages has most of its pairs here; text in a shifted or wrong font encoding
// ("Jowpjdf" for "Invoice") has almost none.
bool commonBigram(char16_t a, char16_t b)
{
    static const char *const pairs =
        "th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io "
        "le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns ge ie ei "
        "ni un di us et em ac il pe ol no ct ss tr nc lo mo pa po so sc ue qu ec rt ut ci am ia "
        "na ga ai ot ow wa we wi sh ad id ab im ig ly ir ee oo ts ay rs ds ls ck ex pr pl ap op "
        "mp ul um ho fo fi fr ba bo bu da do du fa fe gr gu ka ke ku mi mu nu pi pu ru sa su ty";
    static const std::array<bool, 26 * 26> table = [] {
        std::array<bool, 26 * 26> t{};
        for (const char *p = pairs; p[0] && p[1]; p += 3)
            t[size_t((p[0] - 'a') * 26 + (p[1] - 'a'))] = true;
        return t;
    }();
    if (a < 'a' || a > 'z' || b < 'a' || b > 'z')
        return false;
    return table[size_t((a - 'a') * 26 + (b - 'a'))];
}

bool isLatin(char32_t c)
{
    return (c < 0x250) && QChar::isLetter(c);
}

// Whether a token looks like something written: a number or amount, a code, or a word whose
// letters alternate vowels and consonants the way natural languages do.
bool plausibleToken(const QList<uint> &chars)
{
    int letters = 0, latin = 0, vowels = 0, digits = 0, upper = 0, lower = 0, other = 0;
    int consonantRun = 0, maxConsonantRun = 0, caseFlips = 0;
    int lastCase = 0;
    for (char32_t c : chars) {
        if (QChar::isLetter(c)) {
            ++letters;
            const int kase = QChar::isUpper(c) ? 1 : (QChar::isLower(c) ? 2 : 0);
            if (kase == 1)
                ++upper;
            if (kase == 2)
                ++lower;
            if (kase && lastCase && kase != lastCase)
                ++caseFlips;
            if (kase)
                lastCase = kase;
            if (isLatin(c)) {
                ++latin;
                if (isVowel(c)) {
                    ++vowels;
                    consonantRun = 0;
                } else {
                    maxConsonantRun = std::max(maxConsonantRun, ++consonantRun);
                }
            }
        } else if (QChar::isDigit(c)) {
            ++digits;
            consonantRun = 0;
        } else if (isCommonPunct(c)) {
            consonantRun = 0;
        } else {
            ++other;
        }
    }
    const int n = int(chars.size());
    if (other * 2 > n)
        return false;
    if (letters == 0)
        return digits > 0; // numbers, amounts, dates
    if (digits > 0 || letters < 3)
        return true; // codes (INV-2024-001, M8) and short words: no evidence either way
    if (latin * 2 < letters)
        return true; // other scripts: no vowel test
    // Words flip case at most once or twice (McDonald, iPhone), not every letter.
    if (caseFlips > 2 && upper > 1 && lower > 1)
        return false;
    const double vowelShare = double(vowels) / latin;
    if (latin >= 4 && (vowelShare < 0.12 || vowelShare > 0.85))
        return false;
    if (latin == 3 && vowels == 0 && upper != 3) // e.g. "xzq"; acronyms such as "USD" pass
        return false;
    return maxConsonantRun <= 5;
}

} // namespace

TextLayerQuality TextLayerQuality::assess(const Page &page)
{
    TextLayerQuality q;
    if (page.words.isEmpty()) {
        q.reason = QStringLiteral("empty");
        return q;
    }
    static const QRegularExpression cid(QStringLiteral("\\(cid:\\d+\\)"));

    qint64 total = 0, bad = 0, symbols = 0;
    int tokens = 0, plausible = 0, bigrams = 0, common = 0;
    for (const Word &w : page.words) {
        QString text = w.text;
        // "(cid:12)" is what extractors print for glyphs without a Unicode mapping.
        qsizetype cidChars = 0;
        for (auto it = cid.globalMatch(text); it.hasNext();)
            cidChars += it.next().capturedLength();
        if (cidChars > 0) {
            bad += cidChars;
            total += cidChars;
            text.remove(cid);
            ++tokens;
            if (text.isEmpty())
                continue;
        }
        const QList<uint> chars = text.toUcs4();
        bool anyBad = false;
        for (char32_t c : chars) {
            ++total;
            if (isBadChar(c)) {
                ++bad;
                anyBad = true;
            } else if (!QChar::isLetterOrNumber(c) && !isCommonPunct(c) && !QChar::isMark(c)) {
                ++symbols;
            }
        }
        if (cidChars > 0)
            continue;
        ++tokens;
        if (!anyBad && plausibleToken(chars))
            ++plausible;
        // Letter pairs of words of three or more letters, short all-capital acronyms aside.
        bool hasLower = false;
        for (char32_t c : chars)
            hasLower = hasLower || QChar::isLower(c);
        if (chars.size() >= 3 && (hasLower || chars.size() >= 5)) {
            char16_t prev = 0;
            for (char32_t c : chars) {
                const char16_t base = isLatin(c) ? baseLatin(c) : 0;
                if (prev && base) {
                    ++bigrams;
                    common += commonBigram(prev, base) ? 1 : 0;
                }
                prev = base;
            }
        }
    }
    if (total == 0) {
        q.reason = QStringLiteral("empty");
        return q;
    }
    const double badShare = double(bad) / double(total);
    const double symbolShare = double(symbols) / double(total);
    const double plausibleShare = tokens > 0 ? double(plausible) / tokens : 0;

    double score = 1.0;
    score *= std::max(0.0, 1.0 - 4.0 * badShare);                          // 25% bad -> 0
    score *= std::max(0.0, 1.0 - 2.5 * std::max(0.0, symbolShare - 0.08)); // symbol soup
    score *= std::clamp((plausibleShare - 0.3) / 0.5, 0.0, 1.0);           // 80% words -> 1
    if (bigrams >= 20) // Latin text whose letter pairs are not those of any language
        score *= std::clamp((double(common) / bigrams - 0.28) / 0.17, 0.0, 1.0);
    q.score = std::clamp(score, 0.0, 1.0);

    if (q.score < UsableScore)
        q.reason = QStringLiteral("garbled");
    else if (page.words.size() < MinWords)
        q.reason = QStringLiteral("sparse");
    q.usable = q.reason.isEmpty();
    return q;
}

} // namespace docket
