#pragma once

#include "core/ProcessingResult.h"
#include "pipeline/PipelineConfig.h"

#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace docket {

// Options shared by the headless commands, and the environment variables of DESIGN.md.
class CommandLine
{
public:
    static void addDatabaseOption(QCommandLineParser &parser);
    static void addEngineOptions(QCommandLineParser &parser);

    // Fills config from the parsed options; returns false (and prints why) on a usage error.
    static bool toConfig(const QCommandLineParser &parser, PipelineConfig &config, bool withEngine);

    static int usageError(const QString &message); // prints to stderr, returns 2
    // One document's line of the human-readable output of process and worker.
    static QString summaryLine(const ProcessingResult &result);

    // Parses arguments; returns the exit code when the command must end here (2 on a usage
    // error, 0 after printing --help), or nothing to go on.
    static std::optional<int> parse(QCommandLineParser &parser, const QStringList &arguments);
};

} // namespace docket
