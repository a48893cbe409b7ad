#include "ExportCommand.h"

#include "CommandLine.h"
#include "pipeline/Exporter.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDate>
#include <QFile>
#include <QTextStream>

#include <cstdio>

namespace docket {

namespace {

// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(ExportCommand)
};

// A YYYY-MM-DD option; true when it is absent or valid.
bool dateOption(const QCommandLineParser &parser, const QString &name, QDate &date)
{
    if (!parser.isSet(name))
        return true;
    date = QDate::fromString(parser.value(name), Qt::ISODate);
    return date.isValid();
}

} // namespace

int runExportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Messages::tr("Export documents with their fields and line items."));
    parser.addHelpOption();
    CommandLine::addDatabaseOption(parser);
    parser.addOption({QStringLiteral("format"), Messages::tr("Output format: csv or json."),
                      QStringLiteral("format")});
    parser.addOption({QStringLiteral("status"),
                      Messages::tr("Which documents: approved (by a reviewer or automatically, the "
                                   "default), needs_review or all."),
                      QStringLiteral("status"), QStringLiteral("approved")});
    parser.addOption(
        {QStringLiteral("output"),
         Messages::tr("Write to FILE instead of standard output; CSV line items then go to "
                      "FILE-line_items.csv."),
         QStringLiteral("file")});
    parser.addOption(
        {QStringLiteral("type"),
         Messages::tr("Only documents of this type (a schema name such as commercial_invoice)."),
         QStringLiteral("type")});
    parser.addOption({QStringLiteral("approved-from"),
                      Messages::tr("Only documents approved on or after this day (YYYY-MM-DD)."),
                      QStringLiteral("date")});
    parser.addOption({QStringLiteral("approved-to"),
                      Messages::tr("Only documents approved on or before this day (YYYY-MM-DD)."),
                      QStringLiteral("date")});
    parser.addOption({QStringLiteral("no-line-items"), Messages::tr("Leave the line items out.")});
    if (const auto exit = CommandLine::parse(parser, arguments))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return CommandLine::usageError(Messages::tr("export takes no paths."));
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("csv") && format != QLatin1String("json"))
        return CommandLine::usageError(Messages::tr("export needs --format csv or --format json."));
    const QString status = parser.value(QStringLiteral("status"));
    if (!Exporter::knownStatusFilters().contains(status))
        return CommandLine::usageError(
            Messages::tr("Unknown status \"%1\": use approved, needs_review or all.").arg(status));
    ExportOptions options;
    options.status = status;
    options.documentType = parser.value(QStringLiteral("type"));
    options.lineItems = !parser.isSet(QStringLiteral("no-line-items"));
    if (!dateOption(parser, QStringLiteral("approved-from"), options.approvedFrom) ||
        !dateOption(parser, QStringLiteral("approved-to"), options.approvedTo))
        return CommandLine::usageError(Messages::tr("Dates are written YYYY-MM-DD."));
    PipelineConfig config;
    if (!CommandLine::toConfig(parser, config, false))
        return 2;

    auto db = Database::open(config.effectiveDatabaseUrl());
    if (!db) {
        QTextStream(stderr) << "docket: " << db.error().message << '\n';
        return 1;
    }
    auto records = Exporter(*db.value()).load(options);
    if (!records) {
        QTextStream(stderr) << "docket: " << records.error().message << '\n';
        return 1;
    }
    const QString output = parser.value(QStringLiteral("output"));
    const bool json = format == QLatin1String("json");
    if (output.isEmpty()) {
        // Standard output carries one stream: CSV line items as a JSON column.
        const QByteArray data = json ? Exporter::toJson(records.value(), options.lineItems)
                                     : Exporter::documentsCsv(records.value(), !options.lineItems);
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(data) != data.size())
            return 1;
        out.flush();
        return 0;
    }
    const auto written =
        Exporter::write(records.value(), json ? Exporter::Format::Json : Exporter::Format::Csv,
                        options.lineItems, output);
    if (!written) {
        QTextStream(stderr) << "docket: " << written.error().message << '\n';
        return 1;
    }
    QTextStream(stderr) << QCoreApplication::translate("ExportCommand", "%n documents exported",
                                                       nullptr, int(records.value().size()))
                        << '\n';
    return 0;
}

} // namespace docket
