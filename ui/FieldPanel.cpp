#include "FieldPanel.h"

#include "ConfidenceIndicator.h"
#include "ConfidenceStyle.h"
#include "LineItemsModel.h"
#include "core/SchemaRegistry.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace docket {

namespace {
QString schemaText(const QString &text)
{
    return QCoreApplication::translate("Schema", text.toUtf8().constData());
}

QString sourceLabel(const QString &source)
{
    if (source == QLatin1String("text_layer"))
        return FieldPanel::tr("PDF text");
    if (source == QLatin1String("ocr"))
        return FieldPanel::tr("OCR");
    if (source == QLatin1String("llm"))
        return FieldPanel::tr("Language model");
    if (source == QLatin1String("reviewer"))
        return FieldPanel::tr("Reviewer");
    if (source == QLatin1String("memory"))
        return FieldPanel::tr("Vendor memory");
    return source;
}

QString fieldToolTip(const Field &field)
{
    if (field.value.isEmpty())
        return FieldPanel::tr("Not found on the document");
    QStringList lines;
    lines << FieldPanel::tr("Confidence: %1 % (%2)")
                 .arg(qRound(field.confidence * 100))
                 .arg(ConfidenceStyle::label(ConfidenceStyle::level(field.confidence)));
    if (!field.raw.isEmpty())
        lines << FieldPanel::tr("Read: “%1”").arg(field.raw);
    if (!field.source.isEmpty())
        lines << FieldPanel::tr("Source: %1").arg(sourceLabel(field.source));
    if (field.page > 0)
        lines << FieldPanel::tr("Page: %1").arg(field.page);
    if (!field.model.isEmpty())
        lines << FieldPanel::tr("Model: %1").arg(field.model);
    return lines.join(QLatin1Char('\n'));
}
} // namespace

FieldPanel::FieldPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("fieldPanel"));

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("fieldPanelTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("fieldPanelStatus"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);

    m_typeCombo = new QComboBox(this);
    m_typeCombo->setObjectName(QStringLiteral("documentType"));
    m_typeCombo->setAccessibleName(tr("Document type"));
    for (const DocumentSchema *schema : SchemaRegistry::builtin().schemas())
        m_typeCombo->addItem(schemaText(schema->label), schema->name);
    auto *typeRow = new QFormLayout;
    typeRow->setContentsMargins(0, 0, 0, 0);
    auto *typeLabel = new QLabel(tr("&Type"), this);
    typeLabel->setBuddy(m_typeCombo);
    typeRow->addRow(typeLabel, m_typeCombo);

    m_documentIssues = new QLabel(this);
    m_documentIssues->setObjectName(QStringLiteral("documentIssues"));
    m_documentIssues->setWordWrap(true);
    m_documentIssues->setTextFormat(Qt::PlainText);
    m_documentIssues->setVisible(false);

    m_form = new QWidget;
    m_form->setObjectName(QStringLiteral("fieldForm"));
    m_grid = new QGridLayout(m_form);
    m_grid->setContentsMargins(0, 4, 8, 4);
    m_grid->setHorizontalSpacing(8);
    m_grid->setVerticalSpacing(2);
    m_grid->setColumnStretch(1, 1);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("fieldScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_form);

    m_tableModel = new LineItemsModel(this);
    auto *tableBox = new QWidget(this);
    m_tableLabel = new QLabel(tableBox);
    m_tableLabel->setObjectName(QStringLiteral("lineItemsLabel"));
    m_table = new QTableView(tableBox);
    m_table->setObjectName(QStringLiteral("lineItemsTable"));
    m_table->setModel(m_tableModel);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Line items"));
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 6, 0, 0);
    tableLayout->setSpacing(4);
    tableLayout->addWidget(m_tableLabel);
    tableLayout->addWidget(m_table, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("fieldSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_scroll);
    splitter->addWidget(tableBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({500, 200});

    m_empty = new QLabel(tr("No document selected."), this);
    m_empty->setObjectName(QStringLiteral("fieldPanelEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 6, 4);
    layout->setSpacing(6);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addLayout(typeRow);
    layout->addWidget(m_documentIssues);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_empty, 1);

    connect(m_typeCombo, &QComboBox::currentIndexChanged, this, &FieldPanel::onTypeChosen);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid() || m_loading)
                    return;
                m_selected =
                    QStringLiteral("%1[%2]").arg(m_extraction.tableName).arg(current.row());
                Q_EMIT fieldSelected(m_selected);
            });
    clear();
}

FieldPanel::~FieldPanel()
{
    // Editors losing focus while the panel goes must not call back into it.
    for (const Row &row : std::as_const(m_rows)) {
        row.editor->removeEventFilter(this);
        disconnect(row.editor, nullptr, this, nullptr);
    }
}

void FieldPanel::clear()
{
    m_document = Document();
    m_extraction = Extraction();
    m_report = ValidationReport();
    m_type.clear();
    m_edits.clear();
    m_selected.clear();
    rebuild();
    m_title->clear();
    m_subtitle->clear();
    m_typeCombo->setEnabled(false);
    m_scroll->parentWidget()->setVisible(false);
    m_empty->setVisible(true);
}

void FieldPanel::setDocument(const Document &document, const Extraction &extraction,
                             const ValidationReport &report)
{
    m_document = document;
    m_extraction = extraction;
    m_report = report;
    m_edits.clear();
    m_selected.clear();
    m_type = !extraction.documentType.isEmpty() ? extraction.documentType : document.documentType;
    if (!SchemaRegistry::builtin().schema(m_type))
        m_type = QStringLiteral("other");
    m_scroll->parentWidget()->setVisible(true);
    m_empty->setVisible(false);
    m_typeCombo->setEnabled(true);
    rebuild();
}

void FieldPanel::showHeader()
{
    m_title->setText(m_document.fileName);
    QString status = statusLabel(m_document.status);
    if (m_document.status == DocumentStatus::Failed && !m_document.errorMessage.isEmpty())
        status = tr("%1: %2").arg(status, m_document.errorMessage);
    else if (m_extraction.typeConfidence > 0)
        status =
            tr("%1 · type %2 % sure").arg(status).arg(qRound(m_extraction.typeConfidence * 100));
    m_subtitle->setText(m_document.id ? status : QString());
    const QSignalBlocker blocker(m_typeCombo);
    m_typeCombo->setCurrentIndex(qMax(0, m_typeCombo->findData(m_type)));
}

void FieldPanel::rebuild()
{
    m_loading = true;
    m_editorNames.clear();
    const QList<Row> old = std::exchange(m_rows, {});
    for (const Row &row : old) {
        row.editor->removeEventFilter(this);
        disconnect(row.editor, nullptr, this, nullptr);
        for (QWidget *w :
             {static_cast<QWidget *>(row.label), static_cast<QWidget *>(row.editor),
              static_cast<QWidget *>(row.indicator), static_cast<QWidget *>(row.message)})
            delete w;
    }
    showHeader();

    const DocumentSchema *schema = SchemaRegistry::builtin().schema(m_type);
    int gridRow = 0;
    if (schema && m_document.id) {
        for (const FieldSpec &spec : schema->fields) {
            addRow(spec, gridRow);
            gridRow += 2;
        }
    }
    m_grid->setRowStretch(gridRow, 1);

    // Issues that concern no field of the form go above it.
    QStringList general;
    for (const Issue &issue : std::as_const(m_report.issues)) {
        const bool shown = std::any_of(m_rows.cbegin(), m_rows.cend(),
                                       [&](const Row &r) { return r.name == issue.field; });
        if (!shown)
            general << (issue.severity == Issue::Severity::Error ? tr("Error: %1")
                                                                 : tr("Warning: %1"))
                           .arg(issue.message);
    }
    m_documentIssues->setText(general.join(QLatin1Char('\n')));
    m_documentIssues->setVisible(!general.isEmpty());
    m_documentIssues->setStyleSheet(
        QStringLiteral("color: %1;")
            .arg(ConfidenceStyle::color(ConfidenceStyle::Level::Low).darker(120).name()));

    const bool hasTable = schema && !schema->tableName.isEmpty() && m_document.id;
    m_tableModel->setItems(hasTable ? schema->columns : QList<FieldSpec>(),
                           hasTable ? m_extraction.lineItems : QList<LineItem>());
    m_tableLabel->setText(schema && schema->tableName == QLatin1String("packages")
                              ? tr("Packages (%1)").arg(m_extraction.lineItems.size())
                              : tr("Line items (%1)").arg(m_extraction.lineItems.size()));
    // An empty table only takes room from the fields (rows cannot be added yet).
    m_table->parentWidget()->setVisible(hasTable && !m_extraction.lineItems.isEmpty());
    m_loading = false;
}

void FieldPanel::addRow(const FieldSpec &spec, int gridRow)
{
    const Field field = m_extraction.fields.value(spec.name);
    Row row;
    row.name = spec.name;
    row.editor = new QLineEdit(m_form);
    row.editor->setObjectName(QStringLiteral("field_") + spec.name);
    row.editor->setText(field.value);
    row.editor->setCursorPosition(0);
    row.editor->setToolTip(fieldToolTip(field));
    row.editor->setAccessibleName(schemaText(spec.label));
    row.editor->installEventFilter(this);
    const auto level = field.value.isEmpty() ? ConfidenceStyle::Level::None
                                             : ConfidenceStyle::level(field.confidence);
    if (level == ConfidenceStyle::Level::Low || level == ConfidenceStyle::Level::Medium) {
        QPalette pal = row.editor->palette();
        QColor tint = ConfidenceStyle::color(level);
        tint.setAlpha(28);
        const QColor base = pal.color(QPalette::Base);
        const double a = tint.alphaF();
        pal.setColor(QPalette::Base, QColor::fromRgbF(base.redF() * (1 - a) + tint.redF() * a,
                                                      base.greenF() * (1 - a) + tint.greenF() * a,
                                                      base.blueF() * (1 - a) + tint.blueF() * a));
        row.editor->setPalette(pal);
    }
    row.label = new QLabel(
        schemaText(spec.label) + (spec.required ? QStringLiteral(" *") : QString()), m_form);
    row.label->setBuddy(row.editor);
    row.label->setToolTip(spec.required ? tr("Required") : QString());
    row.indicator = new ConfidenceIndicator(m_form);
    row.indicator->setObjectName(QStringLiteral("confidence_") + spec.name);
    row.indicator->setConfidence(field.confidence, !field.value.isEmpty());
    row.indicator->setToolTip(fieldToolTip(field));

    QStringList messages;
    for (const Issue &issue : m_report.forField(spec.name))
        messages << issue.message;
    row.message = new QLabel(messages.join(QLatin1Char('\n')), m_form);
    row.message->setObjectName(QStringLiteral("issue_") + spec.name);
    row.message->setWordWrap(true);
    row.message->setTextFormat(Qt::PlainText);
    row.message->setVisible(!messages.isEmpty());
    QFont small = row.message->font();
    small.setPointSizeF(small.pointSizeF() * 0.92);
    row.message->setFont(small);
    row.message->setStyleSheet(
        QStringLiteral("color: %1;")
            .arg(ConfidenceStyle::color(ConfidenceStyle::Level::Low).darker(120).name()));

    m_grid->addWidget(row.label, gridRow, 0);
    m_grid->addWidget(row.editor, gridRow, 1);
    m_grid->addWidget(row.indicator, gridRow, 2);
    m_grid->addWidget(row.message, gridRow + 1, 1, 1, 2);
    m_editorNames.insert(row.editor, spec.name);
    const QString name = spec.name;
    connect(row.editor, &QLineEdit::editingFinished, this,
            [this, name] { onEditingFinished(name); });
    // Enter accepts the field and moves on to the next one, as Tab does.
    connect(row.editor, &QLineEdit::returnPressed, this, [this, name] { focusNextField(name); });
    m_rows.append(row);
}

void FieldPanel::onEditingFinished(const QString &name)
{
    QLineEdit *e = editor(name);
    if (!e)
        return;
    const QString original = m_extraction.fields.value(name).value;
    const QString before = m_edits.value(name, original);
    const QString after = e->text();
    if (after == before)
        return;
    if (after == original)
        m_edits.remove(name);
    else
        m_edits.insert(name, after);
    Q_EMIT fieldEdited(name, before, after);
}

void FieldPanel::onTypeChosen(int index)
{
    const QString type = m_typeCombo->itemData(index).toString();
    if (type.isEmpty() || type == m_type)
        return;
    m_type = type;
    rebuild();
    Q_EMIT documentTypeChanged(type);
}

void FieldPanel::focusNextField(const QString &name)
{
    for (qsizetype i = 0; i + 1 < m_rows.size(); ++i) {
        if (m_rows.at(i).name == name) {
            QLineEdit *next = m_rows.at(i + 1).editor;
            next->setFocus(Qt::TabFocusReason);
            next->selectAll();
            m_scroll->ensureWidgetVisible(next);
            return;
        }
    }
}

QLineEdit *FieldPanel::editor(const QString &name) const
{
    for (const Row &row : m_rows)
        if (row.name == name)
            return row.editor;
    return nullptr;
}

QString FieldPanel::value(const QString &name) const
{
    QLineEdit *e = editor(name);
    return e ? e->text() : QString();
}

void FieldPanel::selectField(const QString &name)
{
    m_selected = name;
    if (QLineEdit *e = editor(name)) {
        m_loading = true;
        e->setFocus(Qt::OtherFocusReason);
        e->selectAll();
        m_scroll->ensureWidgetVisible(e);
        m_loading = false;
        return;
    }
    const QString prefix = m_extraction.tableName + QLatin1Char('[');
    if (name.startsWith(prefix) && name.endsWith(QLatin1Char(']'))) {
        const int row =
            QStringView(name).mid(prefix.size(), name.size() - prefix.size() - 1).toInt();
        m_loading = true;
        m_table->selectRow(row);
        m_table->scrollTo(m_tableModel->index(row, 0));
        m_loading = false;
    }
}

bool FieldPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusIn && !m_loading) {
        const QString name = m_editorNames.value(watched);
        if (!name.isEmpty() && name != m_selected) {
            m_selected = name;
            Q_EMIT fieldSelected(name);
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace docket
