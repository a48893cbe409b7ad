#pragma once

#include <QList>
#include <QString>

namespace docket {

// One money amount or number found in text.
struct AmountMatch
{
    QString normalized; // "1041.25": '.' decimal point, no grouping, leading '-' when negative
    double value = 0;
    qsizetype start = 0;
    qsizetype length = 0;
    QString currency;         // ISO code of a symbol or code written next to it, else empty
    bool hasDecimals = false; // written with a decimal part ("9.00", "45,93")
    bool valid = false;
};

// Parses amounts in either decimal convention: 1,041.25 / 1.041,25 / 1 041,25 / 1'041.25 /
// RM9.00 / $4.11 / 45,93 € / (120.00) / -5.00.
class AmountParser
{
public:
    static QList<AmountMatch> findAll(const QString &text);
    // The amount text consists of (allowing a currency and punctuation around it).
    static AmountMatch parse(const QString &text);
    // A decimal string with two decimals ("1041.25", "9.00").
    static QString money(double value);
    // The number without grouping and without trailing zeros ("12", "3.5").
    static QString number(double value);
};

} // namespace docket
