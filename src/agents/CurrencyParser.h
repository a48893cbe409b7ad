#pragma once

#include <QString>
#include <QStringList>

namespace docket {

// The currency a document is written in, with the evidence for it.
struct CurrencyGuess
{
    QString code; // ISO 4217, empty when nothing points to one
    QString raw;  // the symbol or code as printed
    double confidence = 0;
};

// Currency symbols, codes and names to ISO 4217.
class CurrencyParser
{
public:
    // "€" -> EUR, "RM" -> MYR, "Rs." -> INR, "usd" -> USD, "US$" -> USD, "$" -> USD (weak);
    // empty when the token names no currency.
    static QString fromToken(const QString &token);
    // True for a 3-letter ISO 4217 code this parser knows.
    static bool isIsoCode(const QString &code);
    // Weight of the evidence one token gives (code 3, specific symbol 2, "$" 1, 0 none).
    static int tokenWeight(const QString &token);
    // The currency of a document from all its tokens (codes and symbols, then country names).
    static CurrencyGuess detect(const QStringList &tokens);
    // Currency symbol or code glued to the start or end of an amount ("RM9.00", "45,93€"):
    // returns the ISO code and strips it from text.
    static QString stripAffix(QString &text);
};

} // namespace docket
