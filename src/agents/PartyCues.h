#pragma once

#include "LayoutIndex.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace docket {

// What a careful reader knows about the lines that name a party: which words make a text an
// organisation's name, which lines are labels, registration numbers, taglines or OCR noise,
// and where the blocks of the recipient (bill-to, ship-to) are. Used by PartyFinder.
class PartyCues
{
public:
    enum class Form
    {
        None,
        Trade, // a trade word: "MART", "STORE", "RESTAURANT"
        Legal  // a legal form or registered business: "SDN BHD", "GmbH", "B.V.", "ENTERPRISE"
    };
    // The strongest organisation marker in the text. fuzzy: tolerate one OCR error in long
    // markers ("ENIERPRISE").
    static Form companyForm(const QString &text, bool fuzzy);
    // A word of a legal form or a trade word ("GmbH", "SDN", "MART").
    static bool isFormToken(const QString &token);
    // A line naming only a kind of business ("BISTRO & CAFE", "HARDWARE & ELECTRICAL"): a
    // tagline under a name, not the name.
    static bool isDescriptor(const QStringList &tokens);
    // Words that qualify a document title ("PAYMENT" receipt, "Kopie" factuur, "CUSTOMER COPY").
    static bool isTitleQualifier(const QStringList &tokens);
    // A section heading ("Hotel Details", "Payment Information").
    static bool isHeading(const QStringList &tokens);
    // A line that is no name and no address line: phone, fax, e-mail, tax or registration
    // number, a title or a label of the document's body ("TEL:", "GST ID No", "Invoice").
    static bool isStopLine(const QString &text);
    // A label such as "Company No:" or "Receipt#" (it ends with ':' or '#').
    static bool isLabel(const QString &text);
    // A registration, tax or account number line ("GST ID No: 001092886528", "1D. NO: ..."):
    // a long run of digits without a street word.
    static bool isRegistrationLine(const QString &text);
    // A greeting or notice of a receipt's body ("THANK YOU", "SHOPPING HOURS").
    static bool isGreeting(const QString &text);
    // A web address or a greeting.
    static bool endsAddress(const QString &text);
    // OCR noise: few letters, mostly punctuation, or words the engine was unsure of.
    static bool isNoise(const LayoutIndex &index, const QList<int> &words);
    // Words of the recipient's blocks: the words under and right of "Ship to", "Bill to",
    // "Delivery address", "Afleveradres" ... labels, in the label's column.
    static QList<int> recipientWords(const LayoutIndex &index);
    // The issuer's name outside the letterhead: the signature block ("For X Ltd", the line
    // above "Authorised Signatory"), the registered office ("Regd. office: X Ltd, ...") or the
    // legal mentions ("X SAS au capital de ...", "X GmbH, Sitz ..."). Only names with a legal
    // form count. Empty when there is none.
    static QList<int> footerName(const LayoutIndex &index);
    // Words of a street address.
    static const QSet<QString> &addressTokens();
};

} // namespace docket
