#pragma once

#include "core/Page.h"

#include <QHash>
#include <QList>
#include <QRectF>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

namespace docket {

// One word of the document with its page (0-based index into DocumentContent::pages).
struct LayoutWord
{
    int page = 0;
    QString text;
    QRectF box;
    double confidence = 1.0;
    int row = -1; // index into LayoutIndex::rows()
    int pos = -1; // position in its row (left to right)
};

// A normalised piece of a word: lower case letters and digits, or '#' / '%'.
struct LayoutToken
{
    QString norm;
    int word = -1;          // index into LayoutIndex::words()
    bool wordStart = false; // first token of its word
    qsizetype end = 0;      // end of this token in the word's text
};

// A visual text line: words whose boxes overlap vertically, left to right.
struct LayoutRow
{
    int page = 0;
    QList<int> words; // indices into words(), sorted by x
    QList<LayoutToken> tokens;
    QRectF box;
    double height = 0; // median word height
};

// Where a phrase (label) was found.
struct PhraseHit
{
    int row = -1;
    int firstWord = -1; // indices into words()
    int lastWord = -1;
    int lastToken = -1;        // index into the row's tokens
    bool labelLike = false;    // starts a text segment or ends with ':' (a label, not prose)
    bool segmentStart = false; // first words of their text segment (no qualifier before)
    QString remainder;         // text glued after the phrase in its last word ("#123" of "Inv#123")
    QRectF box;
};

// Geometry index of a document's words: rows per page, normalised tokens, phrase lookup
// (exact on text layers, tolerant of one or two OCR errors on OCR pages) and segments.
// Built once per document; lookups are hash based.
class LayoutIndex
{
public:
    explicit LayoutIndex(const DocumentContent &content);

    // The index of content kept in cache when it was built for that same content, else a
    // new one, which is kept there (agents of one document share it through AgentContext).
    static std::shared_ptr<const LayoutIndex> shared(const DocumentContent &content,
                                                     std::shared_ptr<const LayoutIndex> &cache);

    const DocumentContent &content() const { return m_content; }
    const QList<LayoutWord> &words() const { return m_words; }
    const QList<LayoutRow> &rows() const { return m_rows; }
    const QList<int> &pageRows(int page) const { return m_pageRows.at(page); }
    int pageCount() const { return int(m_pageRows.size()); }
    QSizeF pageSize(int page) const;
    double lineHeight(int page) const { return m_lineHeight.value(page, 10.0); }
    bool isOcr(int page) const;
    QString sourceName(int page) const;

    // Lower-case tokens of a text, split at spaces and punctuation; '#' and '%' are tokens.
    static QStringList tokenize(const QString &text);
    static bool tokensMatch(const QString &a, const QString &b, bool fuzzy);

    // Every occurrence of the phrase (already tokenised) in the document.
    QList<PhraseHit> find(const QStringList &phrase) const;
    QList<PhraseHit> find(const QString &phrase) const { return find(tokenize(phrase)); }

    // The words of row that follow position pos, up to a horizontal gap larger than
    // gap * row height (the first gap may be up to firstGap points). Stops before any word
    // index in stop.
    QList<int> runAfter(int row, int pos, double firstGap, double gap,
                        const QSet<int> &stop = {}) const;
    // The text segment (words separated by small gaps) of row containing position pos.
    QList<int> segmentAt(int row, int pos, double gap = 1.2) const;
    // Segments of a row: runs of words separated by gaps of at most gap * height.
    QList<QList<int>> segments(int row, double gap = 1.2) const;
    // The row below row on the same page whose words overlap [x0, x1], within maxDy points.
    int rowBelow(int row, double x0, double x1, double maxDy) const;

    QString text(const QList<int> &words) const;
    QRectF box(const QList<int> &words) const;
    double confidence(const QList<int> &words) const; // mean word confidence

private:
    void buildRows(int page);

    const DocumentContent &m_content;
    int m_sourceWords = 0; // words of m_content when indexed
    QList<LayoutWord> m_words;
    QList<LayoutRow> m_rows;
    QList<QList<int>> m_pageRows;
    QHash<int, double> m_lineHeight;
    QHash<QString, QList<QPair<int, int>>> m_tokenIndex; // norm -> (row, token)
    QList<QString> m_ocrTokens;                          // distinct tokens of OCR pages
    mutable QHash<QString, QList<QPair<int, int>>> m_fuzzyCache;
};

} // namespace docket
