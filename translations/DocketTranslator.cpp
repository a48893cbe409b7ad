#include "DocketTranslator.h"

namespace docket {

namespace {

bool isQtContext(const char *context)
{
    return context[0] == 'Q' && context[1] >= 'A' && context[1] <= 'Z';
}

} // namespace

QString DocketTranslator::translate(const char *context, const char *sourceText,
                                    const char *disambiguation, int n) const
{
    QString text = QTranslator::translate(context, sourceText, disambiguation, n);
    if (!text.isNull() || !context || !*context || isQtContext(context))
        return text;
    for (const QByteArray &other : m_contexts) {
        if (other.isEmpty() || other == context)
            continue;
        text = QTranslator::translate(other.constData(), sourceText, disambiguation, n);
        if (!text.isNull())
            return text;
    }
    return text;
}

} // namespace docket
