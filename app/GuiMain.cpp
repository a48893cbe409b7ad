#include "GuiMain.h"

#include "pipeline/ProcessingService.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "translations/Translations.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

Q_LOGGING_CATEGORY(lcGui, "docket.app")

namespace docket {

namespace {

// On the very first start, with an empty queue, the sample documents are copied out of the
// resources and imported, so that a new user sees the workstation at work at once.
QStringList firstStartSamples(const QString &databaseUrl, const QString &dataFolder)
{
    QSettings settings;
    if (settings.value(QStringLiteral("samples/offered")).toBool())
        return {};
    settings.setValue(QStringLiteral("samples/offered"), true);
    auto db = Database::open(databaseUrl);
    if (!db)
        return {};
    auto count = DocumentRepository(*db.value()).count({});
    if (!count || count.value() > 0)
        return {};
    const QString folder = dataFolder + QStringLiteral("/samples");
    QDir().mkpath(folder);
    QStringList paths;
    const QDir samples(QStringLiteral(":/samples"));
    for (const QString &name : samples.entryList(QDir::Files)) {
        const QString target = folder + QLatin1Char('/') + name;
        if (!QFile::exists(target))
            QFile::copy(samples.filePath(name), target);
        paths.append(target);
    }
    return paths;
}

} // namespace

int runGui(int argc, char **argv, void (*setIdentity)())
{
    QElapsedTimer startup;
    startup.start();
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Docket"));
    QApplication::setDesktopFileName(QStringLiteral("docket"));
    Translations::install(&app); // the system locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)

    QCommandLineParser parser;
    parser.addOption({QStringLiteral("db"), QStringLiteral("database URL"), QStringLiteral("url")});
    parser.addOption(
        {QStringLiteral("data"), QStringLiteral("data folder"), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("no-samples"), QStringLiteral("do not import the samples")});
    parser.parse(QApplication::arguments());

    PipelineConfig config;
    QSettings settings;
    config.databaseUrl = parser.isSet(QStringLiteral("db"))
                             ? parser.value(QStringLiteral("db"))
                             : settings.value(QStringLiteral("database/url")).toString();
    config.dataFolder = parser.value(QStringLiteral("data"));
    ProcessingService service(config);
    MainWindow window(&service, config.effectiveDatabaseUrl());
    window.show();
    qCInfo(lcGui) << "window shown after" << startup.elapsed() << "ms";
    if (!parser.isSet(QStringLiteral("no-samples"))) {
        const QStringList samples =
            firstStartSamples(config.effectiveDatabaseUrl(), config.effectiveDataFolder());
        if (!samples.isEmpty())
            QTimer::singleShot(0, &window, [&window, samples] { window.importPaths(samples); });
    }
    return QApplication::exec();
}

} // namespace docket
