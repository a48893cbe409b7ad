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
class QTableView;

namespace docket {

class ConfidenceIndicator;
class LineItemsModel;

// The right side (objectName "fieldPanel"): the document type, one editor per field of
// the type's schema (objectName "field_<name>") with a confidence dot and its validation
// messages, and the table (line items or packages) below. Edits are kept in memory and
// announced with fieldEdited; storing them is the caller's business.
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
    QTableView *tableView() const { return m_table; }

Q_SIGNALS:
    void fieldSelected(const QString &name);
    void fieldEdited(const QString &name, const QString &before, const QString &after);
    void documentTypeChanged(const QString &type);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Row
    {
        QString name;
        QLabel *label = nullptr;
        QLineEdit *editor = nullptr;
        ConfidenceIndicator *indicator = nullptr;
        QLabel *message = nullptr;
    };

    void rebuild();
    void addRow(const FieldSpec &spec, int gridRow);
    void onTypeChosen(int index);
    void onEditingFinished(const QString &name);
    void focusNextField(const QString &name);
    void showHeader();

    Document m_document;
    Extraction m_extraction;
    ValidationReport m_report;
    QString m_type;
    QString m_selected;
    QMap<QString, QString> m_edits;
    QList<Row> m_rows;
    QHash<QObject *, QString> m_editorNames;
    bool m_loading = false;

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QComboBox *m_typeCombo = nullptr;
    QLabel *m_documentIssues = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_form = nullptr;
    QGridLayout *m_grid = nullptr;
    QLabel *m_tableLabel = nullptr;
    QTableView *m_table = nullptr;
    LineItemsModel *m_tableModel = nullptr;
    QLabel *m_empty = nullptr;
};

} // namespace docket
