// Under a German locale (LANGUAGE=de, LANG/LC_ALL=de_DE.UTF-8, set by CMakeLists.txt) the
// compiled translation installs from the resources and the real main window shows German
// menus; strings of every kind come out in German: Q_OBJECT classes, Designer forms,
// schema labels, plurals, and strings translated through a file-local tr() helper.
#include "pipeline/ProcessingService.h"
#include "storage/Database.h"
#include "translations/Translations.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenuBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <memory>

using namespace docket;

class TestTranslationsLoad : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("DocketTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_translations_load"));
        QVERIFY(m_dir.isValid());
        QVERIFY2(QLocale().uiLanguages().value(0).startsWith(QLatin1String("de")),
                 qPrintable(QLocale().uiLanguages().join(QLatin1Char(' '))));
        QVERIFY(Translations::available().contains(QStringLiteral("de")));
        QCOMPARE(Translations::install(qApp), QStringLiteral("docket_de.qm"));
    }

    void strings_data()
    {
        QTest::addColumn<QByteArray>("context");
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *name, const char *context, const char *source, int n,
                            const QString &expected) {
            QTest::newRow(name) << QByteArray(context) << QByteArray(source) << n << expected;
        };
        row("menu", "docket::MainWindow", "&File", -1, QStringLiteral("&Datei"));
        row("form", "ExportDialog", "Export Documents", -1,
            QStringLiteral("Dokumente exportieren"));
        row("schema type", "Schema", "Commercial invoice", -1, QStringLiteral("Handelsrechnung"));
        row("schema field", "Schema", "Due date", -1, QStringLiteral("Fälligkeitsdatum"));
        row("status", "Status", "Needs review", -1, QStringLiteral("Zu prüfen"));
        row("plural one", "docket::ExportDialog", "%n document(s) will be exported.", 1,
            QStringLiteral("1 Dokument wird exportiert."));
        row("plural many", "docket::ExportDialog", "%n document(s) will be exported.", 12,
            QStringLiteral("12 Dokumente werden exportiert."));
        // Sql.cpp's helper asks with "Storage"; lupdate filed the string under "docket::sql".
        row("helper context", "Storage", "The database is busy. Please try again in a moment.", -1,
            QStringLiteral(
                "Die Datenbank ist ausgelastet. Bitte versuchen Sie es gleich noch einmal."));
    }

    void strings()
    {
        QFETCH(QByteArray, context);
        QFETCH(QByteArray, source);
        QFETCH(int, n);
        QFETCH(QString, expected);
        QCOMPARE(QCoreApplication::translate(context.constData(), source.constData(), nullptr, n),
                 expected);
    }

    void unknownStaysSource()
    {
        QCOMPARE(QCoreApplication::translate("docket::MainWindow", "No such string, surely"),
                 QStringLiteral("No such string, surely"));
    }

    void mainWindowMenus()
    {
        PipelineConfig config;
        config.databaseUrl = m_dir.filePath(QStringLiteral("docket.sqlite"));
        config.dataFolder = m_dir.filePath(QStringLiteral("data"));
        config.jobs = 1;
        ProcessingService service(config);
        MainWindow window(&service, config.databaseUrl);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList titles;
        for (QAction *action : window.menuBar()->actions())
            titles << action->text();
        for (const QString &title :
             {QStringLiteral("&Datei"), QStringLiteral("&Ansicht"), QStringLiteral("&Hilfe")})
            QVERIFY2(titles.contains(title), qPrintable(titles.join(QLatin1Char(' '))));
        QVERIFY(!titles.contains(QStringLiteral("&File")));
    }

    void qtOwnStrings()
    {
        if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) +
                           QStringLiteral("/qtbase_de.qm")))
            QSKIP("Qt's German translation (qt6-translations-l10n) is not installed");
        QDialogButtonBox box(QDialogButtonBox::Close);
        QCOMPARE(box.button(QDialogButtonBox::Close)->text(), QStringLiteral("Schließen"));
    }

    void englishPlurals_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one") << 1 << QStringLiteral("1 document will be exported.");
        QTest::newRow("many") << 4 << QStringLiteral("4 documents will be exported.");
    }

    void englishPlurals()
    {
        QFETCH(int, n);
        QFETCH(QString, expected);
        QTranslator english;
        QVERIFY(english.load(QStringLiteral(":/i18n/docket_en.qm")));
        // The translator picks the form; QCoreApplication::translate fills in %n.
        QCOMPARE(
            english
                .translate("docket::ExportDialog", "%n document(s) will be exported.", nullptr, n)
                .replace(QLatin1String("%n"), QString::number(n)),
            expected);
    }

    // Last: it installs English over German. A language Docket has no translation for gets
    // English with its plural forms.
    void otherLanguagesGetEnglish()
    {
        QCOMPARE(Translations::install(qApp, QLocale(QLocale::Japanese)),
                 QStringLiteral("docket_en.qm"));
        QCOMPARE(QCoreApplication::translate("docket::ExportDialog",
                                             "%n document(s) will be exported.", nullptr, 2),
                 QStringLiteral("2 documents will be exported."));
    }
};

QTEST_MAIN(TestTranslationsLoad)
#include "test_translations_load.moc"
