#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace docket {

// The user interface's languages. Docket's own translations are compiled into this
// library (":/i18n/docket_<language>.qm", from translations/docket_<language>.ts by
// lrelease at build time); Qt's own (qtbase_<language>.qm) come from the Qt installation.
class Translations
{
public:
    // Installs Qt's and Docket's translations for the first of locale's UI languages that
    // Docket has (the system locale by default: LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else
    // English (the source text with its plural forms: "1 document", "2 documents").
    // Returns the file name of Docket's translation it installed ("docket_de.qm").
    static QString install(QCoreApplication *app, const QLocale &locale = QLocale());

    // The languages Docket is translated into, from the resources ("de", ...).
    static QStringList available();
};

} // namespace docket
