#include "ImportCommand.h"

#include "CommandLine.h"
#include "ingest/Importer.h"
#include "storage/Database.h"
#include "storage/DocumentRepository.h"

#include <QCoreApplication>
#include <QTextStream>

namespace docket {

namespace {
// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(ImportCommand)
};
} // namespace

int runImportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Messages::tr("Queue documents as pending without processing them."));
    parser.addHelpOption();
    CommandLine::addDatabaseOption(parser);
    parser.addPositionalArgument(QStringLiteral("path"),
                                 Messages::tr("Files or folders to import."),
                                 QStringLiteral("PATH..."));
    if (const auto exit = CommandLine::parse(parser, arguments))
        return *exit;
    PipelineConfig config;
    if (!CommandLine::toConfig(parser, config, false))
        return 2;
    if (parser.positionalArguments().isEmpty())
        return CommandLine::usageError(Messages::tr("import needs at least one file or folder."));

    auto db = Database::open(config.effectiveDatabaseUrl());
    if (!db) {
        QTextStream(stderr) << "docket: " << db.error().message << '\n';
        return 1;
    }
    DocumentRepository documents(*db.value());
    const Importer importer(config.effectiveDataFolder(), config.limits);
    QTextStream out(stdout);
    int failures = 0;
    for (const QString &path : Importer::expandPaths(parser.positionalArguments())) {
        auto file = importer.import(path);
        if (!file) {
            ++failures;
            out << path << ": " << Messages::tr("failed") << " [" << file.error().code << "] "
                << file.error().message << '\n';
            continue;
        }
        const Document doc = file.value().toDocument();
        bool created = false;
        auto stored = documents.insertOrFind(doc, &created);
        if (!stored) {
            ++failures;
            out << path << ": " << Messages::tr("failed") << " [" << stored.error().code << "] "
                << stored.error().message << '\n';
            continue;
        }
        out << path << ": "
            << (created
                    ? Messages::tr("queued")
                    : Messages::tr("already imported (%1)").arg(statusLabel(stored.value().status)))
            << '\n';
    }
    return failures > 0 ? 1 : 0;
}

} // namespace docket
