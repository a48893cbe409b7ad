#include "FieldPanel.h"

#include "ConfidenceIndicator.h"
#include "ConfidenceStyle.h"
#include "LineItemsEditor.h"
#include "LineItemsModel.h"
#include "ReviewField.h"
#include "core/SchemaRegistry.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QKeyEvent>
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
    if (field.source == QLatin1String("reviewer") && field.raw == field.value)
        return FieldPanel::tr("Entered by the reviewer");
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
// A field's editor tinted by its confidence level (no tint when high or empty).
QPalette tinted(const QPalette &base, ConfidenceStyle::Level level)
{
    QPalette pal = base;
    if (level != ConfidenceStyle::Level::Low && level != ConfidenceStyle::Level::Medium)
        return pal;
    QColor tint = ConfidenceStyle::color(level);
    tint.setAlpha(28);
    const QColor b = pal.color(QPalette::Base);
    const double a = tint.alphaF();
    pal.setColor(QPalette::Base, QColor::fromRgbF(b.redF() * (1 - a) + tint.redF() * a,
                                                  b.greenF() * (1 - a) + tint.greenF() * a,
                                                  b.blueF() * (1 - a) + tint.blueF() * a));
    return pal;
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
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("fieldPanelNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setStyleSheet(QStringLiteral("QLabel#fieldPanelNote { background: #e8f1fb; "
                                         "border: 1px solid #9cc0e8; border-radius: 3px; "
                                         "padding: 4px 6px; color: #202124; }"));
    m_note->setVisible(false);

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

    m_lineItems = new LineItemsEditor(this);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("fieldSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_scroll);
    m_splitter->addWidget(m_lineItems);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({500, 200});

    m_empty = new QLabel(tr("No document selected."), this);
    m_empty->setObjectName(QStringLiteral("fieldPanelEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 6, 4);
    layout->setSpacing(6);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_note);
    layout->addLayout(typeRow);
    layout->addWidget(m_documentIssues);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_empty, 1);

    connect(m_typeCombo, &QComboBox::currentIndexChanged, this, &FieldPanel::onTypeChosen);
    connect(m_lineItems, &LineItemsEditor::rowSelected, this, [this](int row) {
        if (m_loading)
            return;
        m_selected = ReviewField::rowName(m_extraction.tableName, row);
        Q_EMIT fieldSelected(m_selected);
    });
    connect(m_lineItems, &LineItemsEditor::cellEdited, this,
            [this](const QString &name, const Field &before, const Field &after) {
                Q_EMIT fieldEdited(name, before.value, after.value);
                Q_EMIT fieldChanged(name, before, after);
            });
    connect(m_lineItems, &LineItemsEditor::rowInserted, this, &FieldPanel::rowInserted);
    connect(m_lineItems, &LineItemsEditor::rowRemoved, this, &FieldPanel::rowRemoved);
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

QTableView *FieldPanel::tableView() const
{
    return m_lineItems->view();
}

void FieldPanel::clear()
{
    m_document = Document();
    m_extraction = Extraction();
    m_report = ValidationReport();
    m_current.clear();
    m_type.clear();
    m_edits.clear();
    m_selected.clear();
    rebuild();
    m_title->clear();
    m_subtitle->clear();
    setNote({});
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
    m_current = extraction.fields;
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
        if (!row(issue.field))
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
    if (hasTable)
        m_extraction.tableName = schema->tableName;
    m_lineItems->setTable(hasTable ? schema->tableName : QString(),
                          hasTable ? schema->columns : QList<FieldSpec>(),
                          hasTable ? m_extraction.lineItems : QList<LineItem>());
    const bool wasHidden = m_lineItems->isHidden();
    m_lineItems->setVisible(hasTable);
    if (hasTable && (wasHidden || m_splitter->sizes().value(1) <= 0)) {
        // A table that was hidden gets its share again (a hidden splitter child has none).
        const int total = qMax(m_splitter->height(), 300);
        const int table = qMax(m_lineItems->minimumSizeHint().height(), total * 2 / 7);
        m_splitter->setSizes({total - table, table});
    }
    m_loading = false;
}

void FieldPanel::addRow(const FieldSpec &spec, int gridRow)
{
    const Field extracted = m_extraction.fields.value(spec.name);
    Row row;
    row.name = spec.name;
    row.editor = new QLineEdit(m_form);
    row.editor->setObjectName(QStringLiteral("field_") + spec.name);
    row.editor->setAccessibleName(schemaText(spec.label));
    row.editor->installEventFilter(this);
    row.label = new QLabel(
        schemaText(spec.label) + (spec.required ? QStringLiteral(" *") : QString()), m_form);
    row.label->setBuddy(row.editor);
    row.label->setToolTip(spec.required ? tr("Required") : QString());
    row.indicator = new ConfidenceIndicator(m_form);
    row.indicator->setObjectName(QStringLiteral("confidence_") + spec.name);

    QStringList messages;
    for (const Issue &issue : m_report.forField(spec.name))
        messages << issue.message;
    row.attention = !messages.isEmpty() || (spec.required && extracted.value.isEmpty()) ||
                    (!extracted.value.isEmpty() && extracted.confidence < ConfidenceStyle::kHigh);
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
    // Shown now, not when the layout gets to it: the editor can take the focus at once.
    for (QWidget *w : {static_cast<QWidget *>(row.label), static_cast<QWidget *>(row.editor),
                       static_cast<QWidget *>(row.indicator)})
        w->show();
    m_editorNames.insert(row.editor, spec.name);
    const QString name = spec.name;
    connect(row.editor, &QLineEdit::editingFinished, this,
            [this, name] { onEditingFinished(name); });
    // Enter accepts the field and moves on to the next one, as Tab does.
    connect(row.editor, &QLineEdit::returnPressed, this, [this, name] {
        markChecked(name);
        focusAdjacentField(name, true);
    });
    m_rows.append(row);
    showField(row, m_current.value(spec.name));
}

void FieldPanel::showField(const Row &row, const Field &field)
{
    if (row.editor->text() != field.value) {
        row.editor->setText(field.value);
        row.editor->setCursorPosition(0);
    }
    row.editor->setToolTip(fieldToolTip(field));
    const auto level = field.value.isEmpty() ? ConfidenceStyle::Level::None
                                             : ConfidenceStyle::level(field.confidence);
    row.editor->setPalette(tinted(m_form->palette(), level));
    row.indicator->setConfidence(field.confidence, !field.value.isEmpty());
    row.indicator->setToolTip(fieldToolTip(field));
}

const FieldPanel::Row *FieldPanel::row(const QString &name) const
{
    for (const Row &r : m_rows)
        if (r.name == name)
            return &r;
    return nullptr;
}

void FieldPanel::trackEdit(const QString &name, const QString &value)
{
    if (value == m_extraction.fields.value(name).value)
        m_edits.remove(name);
    else
        m_edits.insert(name, value);
}

void FieldPanel::onEditingFinished(const QString &name)
{
    const Row *r = row(name);
    if (!r)
        return;
    Field before = m_current.value(name);
    before.name = name;
    const QString text = r->editor->text();
    if (text == before.value)
        return;
    const Field after = ReviewField::edited(before, text);
    m_current.insert(name, after);
    trackEdit(name, text);
    showField(*r, after);
    markChecked(name);
    Q_EMIT fieldEdited(name, before.value, after.value);
    Q_EMIT fieldChanged(name, before, after);
}

Field FieldPanel::currentField(const QString &name) const
{
    const ReviewField::CellName cell = ReviewField::parse(name);
    if (cell.isValid())
        return m_lineItems->model()->cell(cell.row, cell.column);
    Field f = m_current.value(name);
    f.name = name;
    return f;
}

void FieldPanel::setField(const QString &name, const Field &field)
{
    const ReviewField::CellName cell = ReviewField::parse(name);
    if (cell.isValid()) {
        m_lineItems->model()->setCell(cell.row, cell.column, field);
        return;
    }
    Field f = field;
    f.name = name;
    m_current.insert(name, f);
    trackEdit(name, f.value);
    if (const Row *r = row(name))
        showField(*r, f);
}

LineItem FieldPanel::lineItem(int row) const
{
    LineItemsModel *model = m_lineItems->model();
    return row >= 0 && row < model->rowCount() ? model->item(row) : LineItem();
}

void FieldPanel::insertLineItem(int row, const LineItem &item)
{
    m_lineItems->insertItem(row, item);
}

void FieldPanel::removeLineItem(int row)
{
    m_lineItems->removeItem(row);
}

Extraction FieldPanel::currentExtraction() const
{
    Extraction e = m_extraction;
    e.documentType = m_type;
    e.fields = m_current;
    e.lineItems = m_lineItems->model()->items();
    return e;
}

bool FieldPanel::hasPendingEdit() const
{
    if (m_lineItems->isEditing())
        return true;
    for (const Row &r : m_rows)
        if (r.editor->hasFocus() && r.editor->text() != m_current.value(r.name).value)
            return true;
    return false;
}

void FieldPanel::commitPendingEdit()
{
    m_lineItems->commitPendingEdit();
    for (const Row &r : std::as_const(m_rows))
        if (r.editor->hasFocus()) {
            onEditingFinished(r.name);
            return;
        }
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

void FieldPanel::setTabLowConfidenceOnly(bool on)
{
    m_tabLowOnly = on;
}

int FieldPanel::attentionCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [](const Row &r) { return r.attention && !r.checked; }));
}

void FieldPanel::markChecked(const QString &name)
{
    for (Row &r : m_rows)
        if (r.name == name && r.attention && !r.checked) {
            r.checked = true;
            Q_EMIT attentionChanged();
        }
}

QStringList FieldPanel::tabOrder() const
{
    QStringList all, attention;
    for (const Row &r : m_rows) {
        all << r.name;
        if (r.attention)
            attention << r.name;
    }
    // With nothing left that needs attention, Tab still moves through all fields.
    return m_tabLowOnly && !attention.isEmpty() ? attention : all;
}

void FieldPanel::focusFirstField()
{
    const QStringList order = tabOrder();
    if (!order.isEmpty())
        focusEditor(editor(order.first()));
}

void FieldPanel::focusAdjacentField(const QString &name, bool forward)
{
    const QStringList order = tabOrder();
    if (order.isEmpty())
        return;
    // The position of name among all fields, so that a field outside the order still
    // leads to its neighbours.
    qsizetype at = -1;
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).name == name)
            at = i;
    const qsizetype n = m_rows.size();
    for (qsizetype step = 1; step <= n; ++step) {
        const qsizetype i = ((at + (forward ? step : -step)) % n + n) % n;
        if (order.contains(m_rows.at(i).name)) {
            focusEditor(m_rows.at(i).editor);
            return;
        }
    }
}

void FieldPanel::focusEditor(QLineEdit *editor)
{
    if (!editor)
        return;
    editor->setFocus(Qt::TabFocusReason);
    editor->selectAll();
    m_scroll->ensureWidgetVisible(editor);
}

void FieldPanel::setNote(const QString &text)
{
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

QString FieldPanel::note() const
{
    return m_note->text();
}

QLineEdit *FieldPanel::editor(const QString &name) const
{
    const Row *r = row(name);
    return r ? r->editor : nullptr;
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
    const ReviewField::CellName cell = ReviewField::parse(name);
    if (cell.isValid() && cell.table == m_lineItems->tableName()) {
        m_loading = true;
        m_lineItems->selectRow(cell.row);
        m_loading = false;
    }
}

bool FieldPanel::eventFilter(QObject *watched, QEvent *event)
{
    const QString name = m_editorNames.value(watched);
    if (name.isEmpty())
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::FocusIn:
        if (!m_loading && name != m_selected) {
            m_selected = name;
            Q_EMIT fieldSelected(name);
        }
        break;
    case QEvent::KeyPress: {
        auto *key = static_cast<QKeyEvent *>(event);
        const auto mods = key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
        if (mods == Qt::NoModifier &&
            (key->key() == Qt::Key_Tab || key->key() == Qt::Key_Backtab)) {
            const bool forward =
                key->key() == Qt::Key_Tab && !(key->modifiers() & Qt::ShiftModifier);
            focusAdjacentField(name, forward);
            return true;
        }
        break;
    }
    case QEvent::ShortcutOverride: {
        // Ctrl+Z in an editor whose text is its field's value undoes the last correction
        // (the window's action), not the editor's own typing history.
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) &&
            static_cast<QLineEdit *>(watched)->text() == m_current.value(name).value)
            return true;
        break;
    }
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace docket
