// FieldPanel built from a schema: one editor per field with the extracted value, a
// confidence dot per field, validation messages under their field, the line items table,
// selection and edits announced, and a type change rebuilding the form.
#include "ui/ConfidenceIndicator.h"
#include "ui/ConfidenceStyle.h"
#include "ui/FieldPanel.h"
#include "ui/LineItemsEditor.h"
#include "ui/LineItemsModel.h"

#include "core/SchemaRegistry.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace docket;

namespace {

Field field(const QString &name, const QString &value, double confidence)
{
    Field f;
    f.name = name;
    f.value = value;
    f.raw = value;
    f.confidence = confidence;
    f.page = 1;
    f.bbox = QRectF(10, 10, 50, 10);
    f.source = QStringLiteral("text_layer");
    return f;
}

struct Fixture
{
    Document document;
    Extraction extraction;
    ValidationReport report;
};

Fixture invoice()
{
    Fixture f;
    f.document.id = 7;
    f.document.fileName = QStringLiteral("inv.pdf");
    f.document.documentType = QStringLiteral("commercial_invoice");
    f.document.status = DocumentStatus::NeedsReview;
    f.extraction.documentType = QStringLiteral("commercial_invoice");
    f.extraction.typeConfidence = 0.97;
    for (const Field &x : {field(QStringLiteral("invoice_number"), QStringLiteral("4711"), 0.99),
                           field(QStringLiteral("invoice_date"), QStringLiteral("2024-03-05"), 0.6),
                           field(QStringLiteral("total_amount"), QStringLiteral("1041.25"), 0.85),
                           field(QStringLiteral("currency"), QStringLiteral("USD"), 0.95)})
        f.extraction.fields.insert(x.name, x);
    LineItem item;
    item.cells.insert(QStringLiteral("description"),
                      field(QStringLiteral("description"), QStringLiteral("Bolts"), 0.9));
    item.cells.insert(QStringLiteral("amount"),
                      field(QStringLiteral("amount"), QStringLiteral("41.25"), 0.9));
    f.extraction.lineItems = {item, item};
    f.report.issues.append({Issue::Severity::Error, QStringLiteral("sum_mismatch"),
                            QStringLiteral("total_amount"),
                            QStringLiteral("line items sum to 82.50 but total is 1041.25")});
    f.report.issues.append({Issue::Severity::Warning, QStringLiteral("unusual"), QString(),
                            QStringLiteral("The document has an unusual layout")});
    return f;
}

} // namespace

class TestFieldPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsEmpty()
    {
        FieldPanel panel;
        QCOMPARE(panel.objectName(), QStringLiteral("fieldPanel"));
        QVERIFY(panel.findChildren<QLineEdit *>(QRegularExpression(QStringLiteral("^field_")))
                    .isEmpty());
    }

    void buildsEditorsFromSchema()
    {
        FieldPanel panel;
        const Fixture f = invoice();
        panel.setDocument(f.document, f.extraction, f.report);
        const DocumentSchema *schema =
            SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"));
        QVERIFY(schema);
        for (const FieldSpec &spec : schema->fields) {
            auto *editor = panel.findChild<QLineEdit *>(QStringLiteral("field_") + spec.name);
            QVERIFY2(editor, qPrintable(spec.name));
            QCOMPARE(editor->text(), f.extraction.value(spec.name));
        }
        QCOMPARE(panel.documentType(), QStringLiteral("commercial_invoice"));
        auto *type = panel.findChild<QComboBox *>(QStringLiteral("documentType"));
        QVERIFY(type);
        QCOMPARE(type->currentData().toString(), QStringLiteral("commercial_invoice"));
        auto *table = panel.findChild<QTableView *>(QStringLiteral("lineItemsTable"));
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), 2);
    }

    void confidenceIndicators_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("level");
        QTest::newRow("high") << QStringLiteral("invoice_number")
                              << int(ConfidenceStyle::Level::High);
        QTest::newRow("at the high threshold")
            << QStringLiteral("currency") << int(ConfidenceStyle::Level::High);
        QTest::newRow("medium") << QStringLiteral("total_amount")
                                << int(ConfidenceStyle::Level::Medium);
        QTest::newRow("low") << QStringLiteral("invoice_date") << int(ConfidenceStyle::Level::Low);
        QTest::newRow("missing") << QStringLiteral("due_date") << int(ConfidenceStyle::Level::None);
    }

    void confidenceIndicators()
    {
        QFETCH(QString, name);
        QFETCH(int, level);
        FieldPanel panel;
        const Fixture f = invoice();
        panel.setDocument(f.document, f.extraction, f.report);
        auto *dot = panel.findChild<ConfidenceIndicator *>(QStringLiteral("confidence_") + name);
        QVERIFY(dot);
        QCOMPARE(dot->color(), ConfidenceStyle::color(ConfidenceStyle::Level(level)));
        QVERIFY(!dot->toolTip().isEmpty());
    }

    void validationMessagesUnderTheirField()
    {
        FieldPanel panel;
        const Fixture f = invoice();
        panel.setDocument(f.document, f.extraction, f.report);
        panel.show();
        auto *total = panel.findChild<QLabel *>(QStringLiteral("issue_total_amount"));
        QVERIFY(total);
        QVERIFY(total->isVisible());
        QVERIFY(total->text().contains(QStringLiteral("82.50")));
        auto *number = panel.findChild<QLabel *>(QStringLiteral("issue_invoice_number"));
        QVERIFY(number);
        QVERIFY(!number->isVisible());
        auto *general = panel.findChild<QLabel *>(QStringLiteral("documentIssues"));
        QVERIFY(general);
        QVERIFY(general->isVisible());
        QVERIFY(general->text().contains(QStringLiteral("unusual layout")));
    }

    void announcesSelectionAndEdits()
    {
        FieldPanel panel;
        const Fixture f = invoice();
        panel.setDocument(f.document, f.extraction, f.report);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy selected(&panel, &FieldPanel::fieldSelected);
        QSignalSpy edited(&panel, &FieldPanel::fieldEdited);

        auto *total = panel.editor(QStringLiteral("total_amount"));
        QVERIFY(total);
        total->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(selected.count(), 1);
        QCOMPARE(selected.last().first().toString(), QStringLiteral("total_amount"));

        total->selectAll();
        QTest::keyClicks(total, QStringLiteral("1040.25"));
        QTest::keyClick(total, Qt::Key_Return);
        QCOMPARE(edited.count(), 1);
        QCOMPARE(edited.last().at(0).toString(), QStringLiteral("total_amount"));
        QCOMPARE(edited.last().at(1).toString(), QStringLiteral("1041.25"));
        QCOMPARE(edited.last().at(2).toString(), QStringLiteral("1040.25"));
        QCOMPARE(panel.edits().value(QStringLiteral("total_amount")), QStringLiteral("1040.25"));

        // Enter accepted the field and moved on to the next one of the schema.
        const auto &specs =
            SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"))->fields;
        qsizetype at = 0;
        while (at < specs.size() && specs.at(at).name != QLatin1String("total_amount"))
            ++at;
        QVERIFY(at + 1 < specs.size());
        QTRY_VERIFY(panel.editor(specs.at(at + 1).name)->hasFocus());
        QCOMPARE(selected.count(), 2);
        QCOMPARE(selected.last().first().toString(), specs.at(at + 1).name);

        // Selecting from the page focuses the editor without echoing the selection back.
        panel.selectField(QStringLiteral("invoice_number"));
        QTRY_VERIFY(panel.editor(QStringLiteral("invoice_number"))->hasFocus());
        QCOMPARE(selected.count(), 2);
    }

    void typeChangeRebuildsForm()
    {
        FieldPanel panel;
        const Fixture f = invoice();
        panel.setDocument(f.document, f.extraction, f.report);
        QSignalSpy changed(&panel, &FieldPanel::documentTypeChanged);
        auto *type = panel.findChild<QComboBox *>(QStringLiteral("documentType"));
        type->setCurrentIndex(type->findData(QStringLiteral("packing_list")));
        QCOMPARE(changed.count(), 1);
        QVERIFY(panel.editor(QStringLiteral("packing_list_number")));
        QVERIFY(!panel.editor(QStringLiteral("invoice_date")));
        QCOMPARE(panel.value(QStringLiteral("invoice_number")), QStringLiteral("4711"));
    }

    void tabVisitsUncertainFieldsOnly()
    {
        FieldPanel panel;
        const Fixture f = invoice();
        panel.setDocument(f.document, f.extraction, f.report);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const DocumentSchema *schema =
            SchemaRegistry::builtin().schema(QStringLiteral("commercial_invoice"));
        QStringList expected;
        for (const FieldSpec &spec : schema->fields) {
            const Field field = f.extraction.fields.value(spec.name);
            if ((!field.value.isEmpty() && field.confidence < ConfidenceStyle::kHigh) ||
                !f.report.forField(spec.name).isEmpty() || (spec.required && field.value.isEmpty()))
                expected << spec.name;
        }
        panel.setTabLowConfidenceOnly(true);
        QCOMPARE(panel.tabOrder(), expected);
        QVERIFY(expected.contains(QStringLiteral("invoice_date")));    // 0.6
        QVERIFY(expected.contains(QStringLiteral("total_amount")));    // 0.85 and an error
        QVERIFY(!expected.contains(QStringLiteral("invoice_number"))); // 0.99
        QVERIFY(!expected.contains(QStringLiteral("currency")));       // at the threshold
        QVERIFY(!expected.contains(QStringLiteral("incoterms")));      // optional, empty
        QCOMPARE(panel.attentionCount(), int(expected.size()));

        panel.focusFirstField();
        QTRY_VERIFY(panel.editor(expected.first())->hasFocus());
        QTest::keyClick(panel.editor(expected.first()), Qt::Key_Tab);
        QVERIFY(panel.editor(expected.at(1))->hasFocus());
        QTest::keyClick(panel.editor(expected.at(1)), Qt::Key_Backtab, Qt::ShiftModifier);
        QVERIFY(panel.editor(expected.first())->hasFocus());
        // Enter moves on the same way.
        QTest::keyClick(panel.editor(expected.first()), Qt::Key_Return);
        QVERIFY(panel.editor(expected.at(1))->hasFocus());
    }

    void checkedFieldsLeaveTheCount()
    {
        FieldPanel panel;
        const Fixture f = invoice();
        panel.setDocument(f.document, f.extraction, f.report);
        panel.setTabLowConfidenceOnly(true);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QStringList order = panel.tabOrder();
        const int start = panel.attentionCount();
        QVERIFY(start >= 2);
        QSignalSpy changed(&panel, &FieldPanel::attentionChanged);
        // Accepting a field with Enter checks it.
        panel.focusFirstField();
        QTRY_VERIFY(panel.editor(order.first())->hasFocus());
        QTest::keyClick(panel.editor(order.first()), Qt::Key_Return);
        QCOMPARE(panel.attentionCount(), start - 1);
        QCOMPARE(changed.count(), 1);
        // So does correcting one; accepting it again counts nothing.
        QLineEdit *second = panel.editor(order.at(1));
        QVERIFY(second->hasFocus());
        second->selectAll();
        QTest::keyClicks(second, QStringLiteral("2024-05-06"));
        QTest::keyClick(second, Qt::Key_Return);
        QCOMPARE(panel.attentionCount(), start - 2);
        QCOMPARE(changed.count(), 2);
        panel.editor(order.first())->setFocus();
        QTest::keyClick(panel.editor(order.first()), Qt::Key_Return);
        QCOMPARE(panel.attentionCount(), start - 2);
        // The Tab order stays as it was while the reviewer works through it.
        QCOMPARE(panel.tabOrder(), order);
        // A field that needs no attention changes nothing.
        const QString sure = QStringLiteral("invoice_number");
        QVERIFY(!order.contains(sure));
        panel.editor(sure)->setFocus();
        QTest::keyClick(panel.editor(sure), Qt::Key_Return);
        QCOMPARE(panel.attentionCount(), start - 2);
        // Another document starts afresh.
        panel.setDocument(f.document, f.extraction, f.report);
        QCOMPARE(panel.attentionCount(), start);
    }

    void setFieldIsSilentAndKeepsTheBox()
    {
        FieldPanel panel;
        const Fixture f = invoice();
        panel.setDocument(f.document, f.extraction, f.report);
        QSignalSpy edited(&panel, &FieldPanel::fieldChanged);
        Field read = field(QStringLiteral("total_amount"), QStringLiteral("1040.00"), 0.9);
        read.bbox = QRectF(300, 400, 80, 12);
        panel.setField(QStringLiteral("total_amount"), read);
        QCOMPARE(edited.count(), 0);
        QCOMPARE(panel.value(QStringLiteral("total_amount")), QStringLiteral("1040.00"));
        QCOMPARE(panel.edits().value(QStringLiteral("total_amount")), QStringLiteral("1040.00"));
        QCOMPARE(panel.currentExtraction().fields.value(QStringLiteral("total_amount")).bbox,
                 read.bbox);
        // Back to the value as extracted: no edit left.
        panel.setField(QStringLiteral("total_amount"),
                       f.extraction.fields.value(QStringLiteral("total_amount")));
        QVERIFY(!panel.hasEdits());
    }

    void cellEditsAndPendingTextAnnounced()
    {
        FieldPanel panel;
        const Fixture f = invoice();
        panel.setDocument(f.document, f.extraction, f.report);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy changed(&panel, &FieldPanel::fieldChanged);
        LineItemsModel *model = panel.lineItemsEditor()->model();
        QVERIFY(model->setData(model->index(1, model->columnOf(QStringLiteral("amount"))),
                               QStringLiteral("40.00"), Qt::EditRole));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.last().at(0).toString(), QStringLiteral("line_items[1].amount"));
        QCOMPARE(changed.last().at(1).value<Field>().value, QStringLiteral("41.25"));
        const Field after = changed.last().at(2).value<Field>();
        QCOMPARE(after.value, QStringLiteral("40.00"));
        QCOMPARE(after.source, QStringLiteral("reviewer"));
        QCOMPARE(panel.currentField(QStringLiteral("line_items[1].amount")).value,
                 QStringLiteral("40.00"));

        // Typed but not confirmed: commitPendingEdit makes it an edit.
        QLineEdit *po = panel.editor(QStringLiteral("purchase_order"));
        po->setFocus();
        QTRY_VERIFY(po->hasFocus());
        QTest::keyClicks(po, QStringLiteral("PO-9"));
        QVERIFY(panel.hasPendingEdit());
        panel.commitPendingEdit();
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.last().at(0).toString(), QStringLiteral("purchase_order"));
        QVERIFY(!panel.hasPendingEdit());
    }
};

QTEST_MAIN(TestFieldPanel)
#include "test_fieldpanel.moc"
