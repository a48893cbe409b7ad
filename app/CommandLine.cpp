#include "CommandLine.h"

#include "pipeline/EngineFactory.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

namespace docket {

namespace {
// This file's messages, under the context lupdate files them in.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};
} // namespace

void CommandLine::addDatabaseOption(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("db"),
         Messages::tr("Database: an SQLite file path or postgresql://user@host:port/db "
                      "(default: the local database)."),
         QStringLiteral("url")});
    parser.addOption(
        {QStringLiteral("data"),
         Messages::tr("Folder for the stored originals (default: the application data folder)."),
         QStringLiteral("dir")});
}

void CommandLine::addEngineOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("engine"),
                      Messages::tr("Engine: local, openai, kimi or auto (default: local)."),
                      QStringLiteral("name"), QStringLiteral("local")});
    parser.addOption(
        {QStringLiteral("jobs"),
         Messages::tr("Documents processed in parallel (default: the number of cores)."),
         QStringLiteral("n")});
    parser.addOption({QStringLiteral("lang"),
                      Messages::tr("OCR languages, Tesseract codes joined by + (default: eng)."),
                      QStringLiteral("codes"), QStringLiteral("eng")});
    parser.addOption(
        {QStringLiteral("threshold"),
         Messages::tr("Field confidence below which a person must review (default: 0.95)."),
         QStringLiteral("0..1")});
}

bool CommandLine::toConfig(const QCommandLineParser &parser, PipelineConfig &config,
                           bool withEngine)
{
    if (parser.isSet(QStringLiteral("db")))
        config.databaseUrl = parser.value(QStringLiteral("db"));
    if (parser.isSet(QStringLiteral("data")))
        config.dataFolder = parser.value(QStringLiteral("data"));
    if (withEngine) {
        config.engine = parser.value(QStringLiteral("engine"));
        if (!EngineFactory::knownEngines().contains(config.engine)) {
            usageError(Messages::tr("Unknown engine \"%1\": use local, openai, kimi or auto.")
                           .arg(config.engine));
            return false;
        }
    }
    if (withEngine && parser.isSet(QStringLiteral("jobs"))) {
        bool ok = false;
        config.jobs = parser.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || config.jobs < 1 || config.jobs > 256) {
            usageError(Messages::tr("--jobs takes a number from 1 to 256."));
            return false;
        }
    }
    if (withEngine && parser.isSet(QStringLiteral("lang")))
        config.ocr.languages = parser.value(QStringLiteral("lang"));
    if (withEngine && parser.isSet(QStringLiteral("threshold"))) {
        bool ok = false;
        const double t = parser.value(QStringLiteral("threshold")).toDouble(&ok);
        if (!ok || t < 0 || t > 1) {
            usageError(Messages::tr("--threshold takes a number from 0 to 1."));
            return false;
        }
        config.policy.fieldThreshold = t;
    }
    return true;
}

std::optional<int> CommandLine::parse(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    return std::nullopt;
}

int CommandLine::usageError(const QString &message)
{
    QTextStream(stderr) << "docket: " << message << '\n';
    return 2;
}

QString CommandLine::summaryLine(const ProcessingResult &r)
{
    QString line =
        QFileInfo(r.file).fileName() + QStringLiteral(": ") + statusName(r.document.status);
    if (!r.error.isNull())
        return line + QStringLiteral(" [") + r.error.code + QStringLiteral("] ") + r.error.message;
    line += QStringLiteral(" ") + r.document.documentType;
    if (r.duplicate)
        line += QStringLiteral(" ") + Messages::tr("(already imported)");
    if (!r.review.reasons.isEmpty())
        line += QStringLiteral(" — ") + r.review.reasons.join(QStringLiteral(", "));
    return line;
}

} // namespace docket
