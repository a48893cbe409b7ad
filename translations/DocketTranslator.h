#pragma once

#include <QByteArrayList>
#include <QTranslator>

namespace docket {

// A QTranslator that also finds strings lupdate filed under another context than the one
// they are looked up with at run time. Code outside a QObject often translates through a
// file-local helper, `tr(text)` calling QCoreApplication::translate("Storage", text);
// lupdate sees a tr() call and files the string under the class or namespace that calls
// it ("docket::sql", "docket", ...). When the asked context has no translation, the string
// is looked up in every context of the translation (setContexts), so such strings still
// appear translated. Qt's own contexts (QDialogButtonBox, ...) are left alone.
class DocketTranslator : public QTranslator
{
    Q_OBJECT
public:
    using QTranslator::QTranslator;

    // The contexts to search when the asked one has no translation.
    void setContexts(const QByteArrayList &contexts) { m_contexts = contexts; }

    QString translate(const char *context, const char *sourceText,
                      const char *disambiguation = nullptr, int n = -1) const override;

private:
    QByteArrayList m_contexts;
};

} // namespace docket
