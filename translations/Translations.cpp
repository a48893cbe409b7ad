#include "Translations.h"

#include "DocketTranslator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcI18n, "docket.i18n")

namespace docket {

namespace {

const QString kResourceFolder = QStringLiteral(":/i18n");

} // namespace

QStringList Translations::available()
{
    QStringList languages;
    const QStringList files =
        QDir(kResourceFolder).entryList({QStringLiteral("docket_*.qm")}, QDir::Files);
    for (const QString &file : files)
        languages.append(file.mid(7, file.size() - 10)); // docket_<lang>.qm
    return languages;
}

QString Translations::install(QCoreApplication *app, const QLocale &locale)
{
    auto *own = new DocketTranslator(app);
    const auto load = [own](const QLocale &l) {
        return own->load(l, QStringLiteral("docket"), QStringLiteral("_"), kResourceFolder);
    };
    // A language Docket is not translated into gets English, with its plural forms.
    if (!load(locale) && !load(QLocale(QLocale::English))) {
        qCDebug(lcI18n) << "no translation for" << locale.uiLanguages();
        delete own;
        return {};
    }
    QFile contexts(kResourceFolder + QStringLiteral("/contexts.txt"));
    if (contexts.open(QIODevice::ReadOnly))
        own->setContexts(contexts.readAll().split('\n'));
    // Qt's own strings (standard buttons, file dialogs, context menus) in the same language.
    auto *qt = new QTranslator(app);
    if (qt->load(QLocale(own->language()), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    QCoreApplication::installTranslator(own);
    const QString file = QFileInfo(own->filePath()).fileName();
    qCDebug(lcI18n) << "user interface language:" << own->language() << file;
    return file;
}

} // namespace docket
