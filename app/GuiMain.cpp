#include "GuiMain.h"

#include "llm/KeychainKeyStore.h"
#include "llm/LlmSettings.h"
#include "pipeline/ProcessingService.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "translations/Translations.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDatabaseProfile.h"
#include "ui/SettingsStartup.h"

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

    // The database and the engines' keys come from the settings and the keychain, read
    // without blocking before the window shows; --db overrides the settings' database.
    QSettings settings;
    auto startupSettings = std::make_unique<SettingsStartup>(
        SettingsDatabaseProfile::load(settings), std::make_shared<KeychainKeyStore>(),
        parser.value(QStringLiteral("db")));
    std::unique_ptr<ProcessingService> service;
    std::unique_ptr<MainWindow> window;
    // A question about the database may be the only window for a while: closing it must
    // not end the application.
    QApplication::setQuitOnLastWindowClosed(false);
    QObject::connect(startupSettings.get(), &SettingsStartup::cancelled, &app,
                     [] { QApplication::exit(1); });
    QObject::connect(
        startupSettings.get(), &SettingsStartup::ready, &app, [&](const QString &databaseUrl) {
            PipelineConfig config;
            config.databaseUrl = databaseUrl;
            config.dataFolder = parser.isSet(QStringLiteral("data"))
                                    ? parser.value(QStringLiteral("data"))
                                    : SettingsDatabaseProfile::load(QSettings()).originalsFolder;
            config.engine = LlmSettings::engineSetting(QSettings());
            config.offlineFallback = LlmSettings::fromSettings(QSettings()).offlineFallback;
            config.llm = startupSettings->llmSettings();
            service = std::make_unique<ProcessingService>(config);
            window = std::make_unique<MainWindow>(service.get(), config.effectiveDatabaseUrl());
            window->setKeyStore(std::make_shared<KeychainKeyStore>());
            window->show();
            QApplication::setQuitOnLastWindowClosed(true);
            qCInfo(lcGui) << "window shown after" << startup.elapsed() << "ms";
            if (!parser.isSet(QStringLiteral("no-samples"))) {
                const QStringList samples =
                    firstStartSamples(config.effectiveDatabaseUrl(), config.effectiveDataFolder());
                MainWindow *w = window.get();
                if (!samples.isEmpty())
                    QTimer::singleShot(0, w, [w, samples] { w->importPaths(samples); });
            }
        });
    startupSettings->start();
    const int code = QApplication::exec();
    window.reset(); // before the service its views observe
    service.reset();
    return code;
}

} // namespace docket
