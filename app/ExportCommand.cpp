#include "ExportCommand.h"

#include "CommandLine.h"
#include "pipeline/Exporter.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>

namespace docket {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ExportCommand", text);
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        QTextStream(stderr) << "docket: "
                            << tr("cannot write \"%1\": %2").arg(path, file.errorString()) << '\n';
        return false;
    }
    return true;
}

// FILE.csv -> FILE-line_items.csv; FILE -> FILE-line_items.csv
QString lineItemsPath(const QString &output)
{
    QString base = output;
    if (base.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        base.chop(4);
    return base + QStringLiteral("-line_items.csv");
}

} // namespace

int runExportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Export documents with their fields and line items."));
    parser.addHelpOption();
    CommandLine::addDatabaseOption(parser);
    parser.addOption(
        {QStringLiteral("format"), tr("Output format: csv or json."), QStringLiteral("format")});
    parser.addOption({QStringLiteral("status"),
                      tr("Which documents: approved (by a reviewer or automatically, the "
                         "default), needs_review or all."),
                      QStringLiteral("status"), QStringLiteral("approved")});
    parser.addOption({QStringLiteral("output"),
                      tr("Write to FILE instead of standard output; CSV line items then go to "
                         "FILE-line_items.csv."),
                      QStringLiteral("file")});
    if (const auto exit = CommandLine::parse(parser, arguments))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return CommandLine::usageError(tr("export takes no paths."));
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("csv") && format != QLatin1String("json"))
        return CommandLine::usageError(tr("export needs --format csv or --format json."));
    const QString status = parser.value(QStringLiteral("status"));
    if (!Exporter::knownStatusFilters().contains(status))
        return CommandLine::usageError(
            tr("Unknown status \"%1\": use approved, needs_review or all.").arg(status));
    PipelineConfig config;
    if (!CommandLine::toConfig(parser, config, false))
        return 2;

    auto db = Database::open(config.effectiveDatabaseUrl());
    if (!db) {
        QTextStream(stderr) << "docket: " << db.error().message << '\n';
        return 1;
    }
    auto records = Exporter(*db.value()).load(status);
    if (!records) {
        QTextStream(stderr) << "docket: " << records.error().message << '\n';
        return 1;
    }
    const QString output = parser.value(QStringLiteral("output"));
    const bool toFile = !output.isEmpty();
    QByteArray data;
    if (format == QLatin1String("json"))
        data = Exporter::toJson(records.value());
    else
        data = Exporter::documentsCsv(records.value(), toFile);
    if (!toFile) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(data) != data.size())
            return 1;
        out.flush();
        return 0;
    }
    if (!writeFile(output, data))
        return 1;
    if (format == QLatin1String("csv") &&
        !writeFile(lineItemsPath(output), Exporter::lineItemsCsv(records.value())))
        return 1;
    QTextStream(stderr) << QCoreApplication::translate("ExportCommand", "%n documents exported",
                                                       nullptr, int(records.value().size()))
                        << '\n';
    return 0;
}

} // namespace docket
