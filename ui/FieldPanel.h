#pragma once

#include "core/Document.h"
#include "core/DocumentSchema.h"
#include "core/Extraction.h"
#include "core/Issue.h"

#include <QHash>
#include <QMap>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QScrollArea;
class QSplitter;
class QTableView;

namespace docket {

class ConfidenceIndicator;
class LineItemsEditor;

// The right side (objectName "fieldPanel"): the document type, one editor per field of
// the type's schema (objectName "field_<name>") with a confidence dot and its validation
// messages, and the editable table (line items or packages) below. Edits are applied in the
// panel at once and announced (fieldEdited, fieldChanged, rowInserted, rowRemoved); storing
// them is the caller's business. Tab and Shift+Tab move through the fields (optionally only
// those that need attention), Enter accepts a field and moves on.
class FieldPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FieldPanel(QWidget *parent = nullptr);
    ~FieldPanel() override;

    void setDocument(const Document &document, const Extraction &extraction,
                     const ValidationReport &report);
    void clear();
    qint64 documentId() const { return m_document.id; }
    QString documentType() const { return m_type; }

    // Focuses the field's editor (or table row) without emitting fieldSelected.
    void selectField(const QString &name);
    QString selectedField() const { return m_selected; }
    QLineEdit *editor(const QString &name) const;
    QString value(const QString &name) const;
    // The field as extracted (with its provenance), before any edit in this panel.
    Field extractedField(const QString &name) const { return m_extraction.fields.value(name); }
    QMap<QString, QString> edits() const { return m_edits; }
    bool hasEdits() const { return !m_edits.isEmpty(); }
    QTableView *tableView() const;
    LineItemsEditor *lineItemsEditor() const { return m_lineItems; }

    // The current state with the reviewer's edits: a field, or a cell
    // ("line_items[2].amount").
    Field currentField(const QString &name) const;
    // Sets a field or cell without announcing it (undo, a value read from a page region).
    void setField(const QString &name, const Field &field);
    LineItem lineItem(int row) const;
    void insertLineItem(int row, const LineItem &item); // without announcing
    void removeLineItem(int row);                       // without announcing
    Extraction currentExtraction() const;
    const ValidationReport &report() const { return m_report; }

    // What the reviewer typed into the focused editor (or an open cell) but has not
    // confirmed yet: confirms it (announced as an edit).
    void commitPendingEdit();
    bool hasPendingEdit() const;

    // Tab and Shift+Tab visit only fields that need attention: a value below the high
    // confidence threshold, a validation message, or a required field left empty.
    void setTabLowConfidenceOnly(bool on);
    bool tabLowConfidenceOnly() const { return m_tabLowOnly; }
    QStringList tabOrder() const; // the fields Tab visits, in order
    // Fields that need attention and that the reviewer has not yet corrected or accepted.
    int attentionCount() const;
    void focusFirstField();

    // A note under the title (e.g. while the document is read again); empty hides it.
    void setNote(const QString &text);
    QString note() const;

Q_SIGNALS:
    void fieldSelected(const QString &name);
    void fieldEdited(const QString &name, const QString &before, const QString &after);
    // The same edit with the whole fields (provenance kept, source "reviewer"); also for
    // table cells ("line_items[2].amount").
    void fieldChanged(const QString &name, const docket::Field &before, const docket::Field &after);
    void rowInserted(int row, const docket::LineItem &item);
    void rowRemoved(int row, const docket::LineItem &item);
    void documentTypeChanged(const QString &type);
    // attentionCount() changed: the reviewer corrected or accepted a field needing attention.
    void attentionChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Row
    {
        QString name;
        bool attention = false; // uncertain, named by a message, or required and empty
        bool checked = false;   // the reviewer corrected it or accepted it with Enter
        QLabel *label = nullptr;
        QLineEdit *editor = nullptr;
        ConfidenceIndicator *indicator = nullptr;
        QLabel *message = nullptr;
    };

    void rebuild();
    void addRow(const FieldSpec &spec, int gridRow);
    void showField(const Row &row, const Field &field);
    void onTypeChosen(int index);
    void onEditingFinished(const QString &name);
    void focusAdjacentField(const QString &name, bool forward);
    void focusEditor(QLineEdit *editor);
    void trackEdit(const QString &name, const QString &value);
    void markChecked(const QString &name);
    const Row *row(const QString &name) const;
    void showHeader();

    Document m_document;
    Extraction m_extraction;
    ValidationReport m_report;
    QMap<QString, Field> m_current;
    QString m_type;
    QString m_selected;
    QMap<QString, QString> m_edits;
    QList<Row> m_rows;
    QHash<QObject *, QString> m_editorNames;
    bool m_loading = false;
    bool m_tabLowOnly = false;

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_note = nullptr;
    QComboBox *m_typeCombo = nullptr;
    QLabel *m_documentIssues = nullptr;
    QScrollArea *m_scroll = nullptr;
    QSplitter *m_splitter = nullptr;
    QWidget *m_form = nullptr;
    QGridLayout *m_grid = nullptr;
    LineItemsEditor *m_lineItems = nullptr;
    QLabel *m_empty = nullptr;
};

} // namespace docket
