#include "ProcessCommand.h"

#include "CommandLine.h"
#include "pipeline/EngineFactory.h"
#include "pipeline/ProcessingService.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

#include <csignal>

namespace docket {

namespace {

// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(ProcessCommand)
};

ProcessingService *g_service = nullptr;

void onInterrupt(int)
{
    // Second Ctrl+C ends at once; the first asks the workers to stop after their step.
    std::signal(SIGINT, SIG_DFL);
    if (g_service)
        QMetaObject::invokeMethod(g_service, &ProcessingService::cancelAll, Qt::QueuedConnection);
}

} // namespace

int runProcessCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Messages::tr("Process documents headless and store the results."));
    parser.addHelpOption();
    CommandLine::addDatabaseOption(parser);
    CommandLine::addEngineOptions(parser);
    parser.addOption(
        {QStringLiteral("json"), Messages::tr("Print one JSON object per document and line.")});
    parser.addPositionalArgument(QStringLiteral("path"),
                                 Messages::tr("Files or folders to process."),
                                 QStringLiteral("PATH..."));
    if (const auto exit = CommandLine::parse(parser, arguments))
        return *exit;
    PipelineConfig config;
    if (!CommandLine::toConfig(parser, config, true))
        return 2;
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        return CommandLine::usageError(Messages::tr("process needs at least one file or folder."));
    if (!EngineFactory::availableEngines().contains(config.engine)) {
        auto probe = EngineFactory::create(config.engine, config);
        if (!probe)
            return CommandLine::usageError(probe.error().message);
    }

    const bool json = parser.isSet(QStringLiteral("json"));
    ProcessingService service(config);
    g_service = &service;
    std::signal(SIGINT, onInterrupt);
    int failures = 0;
    int count = 0;
    QTextStream out(stdout);
    QObject::connect(&service, &ProcessingService::documentFinished, &service,
                     [&](const ProcessingResult &r) {
                         ++count;
                         if (r.document.status == DocumentStatus::Failed)
                             ++failures;
                         if (json)
                             out << QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact);
                         else
                             out << CommandLine::summaryLine(r);
                         out << '\n';
                         out.flush();
                     });
    QObject::connect(&service, &ProcessingService::idle, qApp, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    service.enqueue(paths);
    if (!service.isIdle())
        QCoreApplication::exec();
    g_service = nullptr;
    if (count == 0) {
        QTextStream(stderr) << "docket: " << Messages::tr("no supported documents found") << '\n';
        return 1;
    }
    if (!json)
        QTextStream(stderr)
            << Messages::tr("%n document(s), %1 failed", nullptr, int(count)).arg(failures) << '\n';
    return failures > 0 ? 1 : 0;
}

} // namespace docket
