#include "ExportDialog.h"
#include "ui_ExportDialog.h"

#include "Banner.h"
#include "core/DocumentSchema.h"
#include "core/SchemaRegistry.h"
#include "storage/Database.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

#include <algorithm>

Q_LOGGING_CATEGORY(lcExport, "docket.ui.export")

namespace docket {

struct ExportDialog::Outcome
{
    bool ok = false;
    bool stopped = false;
    int count = 0;
    QStringList files;
    QString message;
};

namespace {

constexpr int kPreviewDelayMs = 150;

QString suffixOf(Exporter::Format format)
{
    return format == Exporter::Format::Json ? QStringLiteral("json") : QStringLiteral("csv");
}

QString displayPath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

ExportDialog::ExportDialog(const QString &databaseUrl, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ExportDialog>()), m_databaseUrl(databaseUrl)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("exportDialog"));
    m_pool.setMaxThreadCount(2);

    m_banner = new Banner(this);
    m_banner->setObjectName(QStringLiteral("exportBanner"));
    m_ui->mainLayout->insertWidget(m_ui->mainLayout->indexOf(m_ui->buttonBox), m_banner);
    m_exportButton = m_ui->buttonBox->addButton(tr("&Export"), QDialogButtonBox::ActionRole);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setDefault(true);
    m_ui->progressBar->setVisible(false);
    m_ui->cancelButton->setVisible(false);

    fillChoices();
    restoreSettings();

    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(kPreviewDelayMs);
    connect(m_previewTimer, &QTimer::timeout, this, &ExportDialog::runPreview);

    const auto changed = [this] {
        updateState();
        schedulePreview();
    };
    connect(m_ui->formatCombo, &QComboBox::currentIndexChanged, this,
            &ExportDialog::onFormatChanged);
    connect(m_ui->statusCombo, &QComboBox::currentIndexChanged, this, changed);
    connect(m_ui->typeCombo, &QComboBox::currentIndexChanged, this, changed);
    connect(m_ui->dateCheck, &QCheckBox::toggled, this, changed);
    connect(m_ui->fromEdit, &QDateEdit::dateChanged, this, changed);
    connect(m_ui->toEdit, &QDateEdit::dateChanged, this, changed);
    connect(m_ui->lineItemsCheck, &QCheckBox::toggled, this, [this] { updateState(); });
    connect(m_ui->destinationEdit, &QLineEdit::textChanged, this, [this] { updateState(); });
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &ExportDialog::cancelExport);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    updateState();
    runPreview();
}

ExportDialog::~ExportDialog()
{
    if (m_running)
        m_running->store(true);
    m_pool.waitForDone();
}

void ExportDialog::fillChoices()
{
    m_ui->formatCombo->addItem(tr("CSV (spreadsheets)"), QStringLiteral("csv"));
    m_ui->formatCombo->addItem(tr("JSON"), QStringLiteral("json"));
    m_ui->statusCombo->addItem(tr("Approved"), QStringLiteral("approved"));
    m_ui->statusCombo->addItem(tr("Awaiting review"), QStringLiteral("needs_review"));
    m_ui->statusCombo->addItem(tr("All documents"), QStringLiteral("all"));
    m_ui->typeCombo->addItem(tr("All types"), QString());
    for (const DocumentSchema *schema : SchemaRegistry::builtin().schemas())
        m_ui->typeCombo->addItem(
            QCoreApplication::translate("Schema", schema->label.toUtf8().constData()),
            schema->name);
    const QDate today = QDate::currentDate();
    m_ui->fromEdit->setDate(today.addMonths(-1));
    m_ui->toEdit->setDate(today);
    QString dateFormat = QLocale().dateFormat(QLocale::ShortFormat);
    if (!dateFormat.contains(QLatin1String("yyyy")))
        dateFormat.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    m_ui->fromEdit->setDisplayFormat(dateFormat);
    m_ui->toEdit->setDisplayFormat(dateFormat);
}

void ExportDialog::restoreSettings()
{
    QSettings settings;
    const int formatIndex =
        m_ui->formatCombo->findData(settings.value(QStringLiteral("export/format")).toString());
    if (formatIndex >= 0)
        m_ui->formatCombo->setCurrentIndex(formatIndex);
    m_ui->lineItemsCheck->setChecked(
        settings.value(QStringLiteral("export/lineItems"), true).toBool());
    QString folder = settings.value(QStringLiteral("export/folder")).toString();
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = QStringLiteral("docket-export-%1.%2")
                             .arg(QDate::currentDate().toString(Qt::ISODate), suffixOf(format()));
    m_ui->destinationEdit->setText(displayPath(QDir(folder).filePath(name)));
}

void ExportDialog::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("export/format"), m_ui->formatCombo->currentData());
    settings.setValue(QStringLiteral("export/lineItems"), m_ui->lineItemsCheck->isChecked());
    settings.setValue(QStringLiteral("export/folder"), QFileInfo(destination()).absolutePath());
}

ExportOptions ExportDialog::options() const
{
    ExportOptions o;
    o.status = m_ui->statusCombo->currentData().toString();
    o.documentType = m_ui->typeCombo->currentData().toString();
    if (m_ui->dateCheck->isEnabled() && m_ui->dateCheck->isChecked()) {
        o.approvedFrom = m_ui->fromEdit->date();
        o.approvedTo = m_ui->toEdit->date();
    }
    o.lineItems = m_ui->lineItemsCheck->isChecked();
    return o;
}

Exporter::Format ExportDialog::format() const
{
    return m_ui->formatCombo->currentData().toString() == QLatin1String("json")
               ? Exporter::Format::Json
               : Exporter::Format::Csv;
}

QString ExportDialog::destination() const
{
    const QString text = m_ui->destinationEdit->text().trimmed();
    return text.isEmpty() ? QString() : QDir::fromNativeSeparators(text);
}

void ExportDialog::setDestination(const QString &path)
{
    m_ui->destinationEdit->setText(displayPath(path));
}

void ExportDialog::onFormatChanged()
{
    // Keep the destination's suffix in step with the format.
    const QString path = destination();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("json")) {
        QString renamed = path;
        renamed.chop(suffix.size());
        setDestination(renamed + suffixOf(format()));
    }
    updateState();
}

void ExportDialog::updateState()
{
    const bool running = isExporting();
    const bool approved = m_ui->statusCombo->currentData().toString() == QLatin1String("approved");
    m_ui->dateCheck->setEnabled(approved && !running);
    m_ui->fromEdit->setEnabled(approved && m_ui->dateCheck->isChecked() && !running);
    m_ui->toEdit->setEnabled(m_ui->fromEdit->isEnabled());
    for (QWidget *w :
         {static_cast<QWidget *>(m_ui->formatCombo), static_cast<QWidget *>(m_ui->statusCombo),
          static_cast<QWidget *>(m_ui->typeCombo), static_cast<QWidget *>(m_ui->lineItemsCheck),
          static_cast<QWidget *>(m_ui->destinationEdit),
          static_cast<QWidget *>(m_ui->browseButton)})
        w->setEnabled(!running);
    m_exportButton->setEnabled(!running && !destination().isEmpty() && m_previewCount != 0);
    m_ui->progressBar->setVisible(running);
    m_ui->cancelButton->setVisible(running);
    updateLayoutNote();
}

void ExportDialog::updateLayoutNote()
{
    const bool lineItems = m_ui->lineItemsCheck->isChecked();
    QString note;
    if (format() == Exporter::Format::Json) {
        note = lineItems ? tr("One JSON object per document: its fields, each with the value, "
                              "the text it was read from, confidence, page and box, and its "
                              "line items.")
                         : tr("One JSON object per document: its fields, each with the value, "
                              "the text it was read from, confidence, page and box.");
    } else {
        const QString path = destination();
        note = lineItems
                   ? tr("One row per document with its fields. The line items go to a second "
                        "file, %1, one row per item, linked to their document by sha256.")
                         .arg(QFileInfo(Exporter::lineItemsPath(
                                            path.isEmpty() ? QStringLiteral("export.csv") : path))
                                  .fileName())
                   : tr("One row per document with its fields.");
    }
    note += QLatin1Char(' ') + tr("The same files as “docket export --output”.");
    m_ui->layoutNote->setText(note);
}

void ExportDialog::schedulePreview()
{
    ++m_previewGeneration; // results of earlier counts are stale from now on
    m_previewCount = -1;
    m_ui->previewLabel->setText(tr("Counting documents…"));
    m_previewTimer->start();
}

void ExportDialog::runPreview()
{
    const int generation = ++m_previewGeneration;
    m_previewCount = -1;
    m_ui->previewLabel->setText(tr("Counting documents…"));
    m_pool.start([this, generation, url = m_databaseUrl, options = options()] {
        int count = -1;
        QString error;
        auto db = Database::open(url);
        if (db) {
            auto selected = Exporter(*db.value()).select(options);
            if (selected)
                count = int(selected.value().size());
            else
                error = selected.error().message;
        } else {
            error = db.error().message;
        }
        QMetaObject::invokeMethod(
            this,
            [this, generation, count, error] {
                if (generation != m_previewGeneration)
                    return;
                m_previewCount = count;
                if (count < 0)
                    m_ui->previewLabel->setText(tr("Cannot count the documents: %1").arg(error));
                else if (count == 0)
                    m_ui->previewLabel->setText(tr("No document matches these choices."));
                else
                    m_ui->previewLabel->setText(
                        tr("%n document(s) will be exported.", nullptr, count));
                updateState();
                Q_EMIT previewUpdated(count);
            },
            Qt::QueuedConnection);
    });
}

void ExportDialog::browse()
{
    auto *dialog = new QFileDialog(this, tr("Export To"), destination());
    dialog->setObjectName(QStringLiteral("exportFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(suffixOf(format()));
    dialog->setNameFilters(format() == Exporter::Format::Json
                               ? QStringList{tr("JSON files (*.json)"), tr("All files (*)")}
                               : QStringList{tr("CSV files (*.csv)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, &ExportDialog::setDestination);
    dialog->open();
}

bool ExportDialog::startExport()
{
    const QString path = destination();
    if (isExporting() || path.isEmpty())
        return false;
    m_banner->dismiss();
    m_written.clear();
    auto stop = std::make_shared<std::atomic_bool>(false);
    m_running = stop;
    m_ui->progressBar->setRange(0, 0);
    updateState();
    qCDebug(lcExport) << "export started";
    m_pool.start([this, stop, path, format = format(), options = options(), url = m_databaseUrl] {
        Outcome out;
        auto db = Database::open(url);
        if (!db) {
            out.message = db.error().message;
        } else {
            int reported = -1;
            auto records = Exporter(*db.value()).load(options, [&](int done, int total) {
                // A few hundred updates at most, whatever the number of documents.
                const int step = std::max(1, total / 200);
                if (done == total || done / step != reported) {
                    reported = done / step;
                    QMetaObject::invokeMethod(
                        this, [this, done, total] { onProgress(done, total); },
                        Qt::QueuedConnection);
                }
                return !stop->load();
            });
            if (!records) {
                out.stopped = records.error().code == QLatin1String("cancelled");
                out.message = records.error().message;
            } else {
                auto written = Exporter::write(records.value(), format, options.lineItems, path);
                out.ok = written.ok();
                out.count = int(records.value().size());
                if (written)
                    out.files = written.value();
                else
                    out.message = written.error().message;
            }
        }
        QMetaObject::invokeMethod(
            this, [this, out] { onFinished(out); }, Qt::QueuedConnection);
    });
    return true;
}

void ExportDialog::cancelExport()
{
    if (m_running)
        m_running->store(true);
}

void ExportDialog::onProgress(int done, int total)
{
    if (!isExporting())
        return;
    m_ui->progressBar->setRange(0, total);
    m_ui->progressBar->setValue(done);
    m_ui->progressBar->setFormat(tr("%1 of %2 documents").arg(done).arg(total));
}

void ExportDialog::onFinished(const Outcome &outcome)
{
    m_running.reset();
    updateState();
    if (outcome.ok) {
        m_written = outcome.files;
        saveSettings();
        const QString where = displayPath(outcome.files.value(0));
        const QString text =
            outcome.files.size() > 1
                ? tr("Exported %n document(s) to %1 and %2.", nullptr, outcome.count)
                      .arg(where, QFileInfo(outcome.files.at(1)).fileName())
                : tr("Exported %n document(s) to %1.", nullptr, outcome.count).arg(where);
        m_banner->showMessage(Banner::Kind::Info, text, tr("Open Folder"),
                              [this] { openFolder(); });
        qCInfo(lcExport) << "exported" << outcome.count << "documents";
    } else if (outcome.stopped) {
        m_banner->showMessage(Banner::Kind::Warning,
                              tr("The export was stopped; no file was written."));
    } else {
        m_banner->showMessage(Banner::Kind::Error,
                              tr("The export failed: %1").arg(outcome.message));
    }
    Q_EMIT exportFinished(outcome.ok, m_banner->text());
}

void ExportDialog::openFolder() const
{
    if (!m_written.isEmpty())
        QDesktopServices::openUrl(
            QUrl::fromLocalFile(QFileInfo(m_written.constFirst()).absolutePath()));
}

void ExportDialog::reject()
{
    cancelExport();
    QDialog::reject();
}

} // namespace docket
