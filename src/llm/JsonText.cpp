#include "JsonText.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

namespace docket {

QString JsonText::stripThinking(const QString &text)
{
    // Kimi-VL Thinking uses ◁think▷…◁/think▷; other open models <think>…</think>. An
    // unterminated block (output cut inside the thoughts) leaves nothing usable.
    static const QRegularExpression closed(
        QStringLiteral("(◁think▷.*?◁/think▷|<think>.*?</think>)"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression open(QStringLiteral("(◁think▷|<think>).*$"),
                                         QRegularExpression::DotMatchesEverythingOption);
    QString out = text;
    out.remove(closed);
    out.remove(open);
    return out.trimmed();
}

Result<QJsonObject> JsonText::parseObject(const QString &text)
{
    QString s = text.trimmed();
    static const QRegularExpression fence(QStringLiteral("^```[A-Za-z]*\\s*(.*?)\\s*```$"),
                                          QRegularExpression::DotMatchesEverythingOption);
    const auto m = fence.match(s);
    if (m.hasMatch())
        s = m.captured(1);
    QJsonParseError error{};
    QJsonDocument doc = QJsonDocument::fromJson(s.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        // Prose around one object: take the outermost braces.
        const qsizetype first = s.indexOf(QLatin1Char('{'));
        const qsizetype last = s.lastIndexOf(QLatin1Char('}'));
        if (first >= 0 && last > first)
            doc = QJsonDocument::fromJson(s.mid(first, last - first + 1).toUtf8(), &error);
    }
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Result<QJsonObject>::failure(
            QStringLiteral("llm_bad_json"),
            QCoreApplication::translate("JsonText",
                                        "The model's answer is not the JSON object asked for (%1).")
                .arg(error.error != QJsonParseError::NoError
                         ? error.errorString()
                         : QCoreApplication::translate("JsonText", "not an object")));
    return doc.object();
}

QString JsonText::compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace docket
