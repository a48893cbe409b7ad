#pragma once

#include "pipeline/PipelineConfig.h"

#include <QCommandLineParser>
#include <QStringList>

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
};

} // namespace docket
