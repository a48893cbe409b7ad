// Docket: the workstation (no command) and the headless commands.
#include "ExportCommand.h"
#include "GuiMain.h"
#include "ImportCommand.h"
#include "ProcessCommand.h"
#include "WorkerCommand.h"
#include "translations/Translations.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QStringList>
#include <QTextStream>

#include <cstring>

namespace {

const char *const kCommands[] = {"process", "import", "worker", "export"};

bool isCommand(const char *arg)
{
    for (const char *c : kCommands)
        if (std::strcmp(arg, c) == 0)
            return true;
    return false;
}

QString usage()
{
    return QCoreApplication::translate(
        "main",
        "Usage: docket [COMMAND] [OPTIONS]\n"
        "\n"
        "Without a command, opens the Docket workstation.\n"
        "\n"
        "Commands:\n"
        "  process [--engine local|openai|kimi|auto] [--db URL] [--jobs N] [--json] PATH...\n"
        "                 process files and folders headless\n"
        "  import  [--db URL] PATH...\n"
        "                 queue documents as pending without processing them\n"
        "  worker  --db URL [--engine ...] [--until-empty] [--json]\n"
        "                 process pending documents of a shared database\n"
        "  export  [--db URL] --format csv|json [--status approved|needs_review|all]\n"
        "                 write reviewed data to standard output\n"
        "\n"
        "Options:\n"
        "  -h, --help     show this help (COMMAND --help for a command's options)\n"
        "  -v, --version  show the version\n");
}

void setIdentity()
{
    // Settings live in ~/.config/docket/docket.conf (not under "Unknown Organization").
    QCoreApplication::setOrganizationName(QStringLiteral("docket"));
    QCoreApplication::setApplicationName(QStringLiteral("docket"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DOCKET_VERSION));
}

} // namespace

int main(int argc, char **argv)
{
    // Detail logs (docket.*.debug) are for developers: QT_LOGGING_RULES turns them on.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("docket.*.debug=false"));
    if (argc > 1 && isCommand(argv[1])) {
        QCoreApplication app(argc, argv);
        setIdentity();
        // Messages in the user's language, as in the workstation; --json keeps its codes.
        docket::Translations::install(&app);
        QStringList args = QCoreApplication::arguments();
        const QString command = args.takeAt(1);
        args[0] = QStringLiteral("docket ") + command;
        if (command == QLatin1String("process"))
            return docket::runProcessCommand(args);
        if (command == QLatin1String("import"))
            return docket::runImportCommand(args);
        if (command == QLatin1String("worker"))
            return docket::runWorkerCommand(args);
        if (command == QLatin1String("export"))
            return docket::runExportCommand(args);
        QTextStream(stderr) << "docket: "
                            << QCoreApplication::translate("main",
                                                           "'%1' is not available in this version.")
                                   .arg(command)
                            << '\n';
        return 2;
    }
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            QCoreApplication app(argc, argv);
            setIdentity();
            QTextStream(stdout) << usage();
            return 0;
        }
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            QTextStream(stdout) << "docket " << DOCKET_VERSION << '\n';
            return 0;
        }
    }
    return docket::runGui(argc, argv, setIdentity);
}
