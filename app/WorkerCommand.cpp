#include "WorkerCommand.h"

#include "CommandLine.h"
#include "pipeline/EngineFactory.h"
#include "pipeline/WorkerLoop.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace docket {

namespace {

// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(WorkerCommand)
};

// Self-pipe: the handler only writes a byte; the event loop reads it and stops the workers.
int g_signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const char byte = char(signal);
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

bool installSignalHandlers()
{
    if (::pipe(g_signalPipe) != 0)
        return false;
    for (int fd : g_signalPipe) {
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 &&
           ::sigaction(SIGINT, &action, nullptr) == 0;
}

bool parseSeconds(const QCommandLineParser &parser, const QString &name, double min, double max,
                  double &out)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || v < min || v > max) {
        CommandLine::usageError(Messages::tr("--%1 takes a number of seconds from %2 to %3.")
                                    .arg(name)
                                    .arg(min)
                                    .arg(max));
        return false;
    }
    out = v;
    return true;
}

} // namespace

int runWorkerCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Messages::tr(
        "Process the pending documents of a shared database until stopped. Several workers "
        "on several machines may share one PostgreSQL database; each document is claimed "
        "by one of them. The stored originals must be reachable: on other machines give the "
        "shared data folder with --data."));
    parser.addHelpOption();
    CommandLine::addDatabaseOption(parser);
    CommandLine::addEngineOptions(parser);
    parser.addOption(
        {QStringLiteral("json"), Messages::tr("Print one JSON object per document and line.")});
    parser.addOption(
        {QStringLiteral("until-empty"),
         Messages::tr("Exit when no document is pending and none is claimed by another worker.")});
    parser.addOption({QStringLiteral("lease"),
                      Messages::tr("Seconds a claim lasts without renewal (default: 900)."),
                      QStringLiteral("seconds"), QStringLiteral("900")});
    parser.addOption({QStringLiteral("poll"),
                      Messages::tr("Seconds between looks at an empty queue (default: 5)."),
                      QStringLiteral("seconds"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("worker-id"),
                      Messages::tr("Name of this worker in claims (default: host/pid)."),
                      QStringLiteral("name")});
    if (const auto exit = CommandLine::parse(parser, arguments))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return CommandLine::usageError(
            Messages::tr("worker takes no paths: import documents with 'docket import'."));
    WorkerLoop::Options options;
    if (!CommandLine::toConfig(parser, options.config, true))
        return 2;
    if (options.config.databaseUrl.isEmpty())
        return CommandLine::usageError(Messages::tr("worker needs --db URL."));
    double lease = options.leaseSeconds;
    if (!parseSeconds(parser, QStringLiteral("lease"), 1, 86400, lease) ||
        !parseSeconds(parser, QStringLiteral("poll"), 0.05, 3600, options.pollSeconds))
        return 2;
    options.leaseSeconds = qMax(1, int(lease));
    options.untilEmpty = parser.isSet(QStringLiteral("until-empty"));
    options.workerId = parser.value(QStringLiteral("worker-id"));
    if (!EngineFactory::availableEngines().contains(options.config.engine)) {
        auto probe = EngineFactory::create(options.config.engine, options.config);
        return CommandLine::usageError(probe ? QString() : probe.error().message);
    }
    {
        // Fail early and clearly when the database is unreachable (and run migrations once).
        auto db = Database::open(options.config.databaseUrl);
        if (!db) {
            QTextStream(stderr) << "docket: " << db.error().message << '\n';
            return 1;
        }
    }

    const bool json = parser.isSet(QStringLiteral("json"));
    WorkerLoop loop(options);
    QTextStream out(stdout);
    QTextStream err(stderr);
    QObject::connect(&loop, &WorkerLoop::documentFinished, &loop, [&](const ProcessingResult &r) {
        if (json)
            out << QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact);
        else
            out << CommandLine::summaryLine(r);
        out << '\n';
        out.flush();
    });
    QObject::connect(&loop, &WorkerLoop::problem, &loop, [&](const QString &message) {
        err << "docket: " << message << '\n';
        err.flush();
    });
    QObject::connect(&loop, &WorkerLoop::finished, qApp, &QCoreApplication::quit,
                     Qt::QueuedConnection);

    if (!installSignalHandlers())
        return CommandLine::usageError(Messages::tr("cannot install the signal handlers."));
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &loop, [&] {
        char buffer[16];
        while (::read(g_signalPipe[0], buffer, sizeof buffer) > 0) {
        }
        loop.stop();
    });
    loop.start();
    QCoreApplication::exec();
    if (!json)
        err << Messages::tr("%n document(s), %1 failed", nullptr, int(loop.processed()))
                   .arg(loop.failed())
            << (loop.discarded() > 0 ? Messages::tr(", %n result(s) discarded (claim taken over)",
                                                    nullptr, int(loop.discarded()))
                                     : QString())
            << '\n';
    return loop.failed() > 0 || loop.brokenThreads() > 0 ? 1 : 0;
}

} // namespace docket
