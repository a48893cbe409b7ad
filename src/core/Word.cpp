#include "Word.h"

namespace docket {

QString textSourceName(TextSource source)
{
    switch (source) {
    case TextSource::TextLayer:
        return QStringLiteral("text_layer");
    case TextSource::Ocr:
        return QStringLiteral("ocr");
    case TextSource::None:
        break;
    }
    return QStringLiteral("none");
}

} // namespace docket
