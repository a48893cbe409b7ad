// Every translation is complete against the current sources: lupdate, run as the
// docket_lupdate target runs it (same folders, same options, the schemas' labels generated
// afresh) into a copy of each .ts file, must find no new or changed string. The committed
// translations are also well-formed: the placeholders of the source, every plural form,
// an accelerator where the source has one.
#include "I18nTestConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context;
    QString source;
    bool numerus = false;
    QString type; // "" (finished), "unfinished", "vanished", "obsolete"
    QStringList forms;

    QString where() const { return context + QStringLiteral(": ") + source.left(80); }
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    bool inPlural = false;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::EndElement && inPlural &&
            xml.name() == QLatin1String("translation")) {
            inPlural = false;
            messages.append(current);
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = Message();
            current.context = context;
            current.numerus =
                xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            if (current.numerus) {
                inPlural = true;
            } else {
                current.forms = {xml.readElementText()};
                messages.append(current);
            }
        } else if (name == QLatin1String("numerusform") && inPlural) {
            current.forms.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(?:\\d{1,2}|n)"));
    QSet<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured());
    return found;
}

bool hasAccelerator(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("(^|[^&])&[^&\\s]"));
    return re.match(text).hasMatch();
}

QStringList split(const char *joined)
{
    return QString::fromUtf8(joined).split(QLatin1Char('|'), Qt::SkipEmptyParts);
}

struct Run
{
    bool ok = false;
    QString output;
};

Run run(const QString &program, const QStringList &arguments)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, arguments);
    Run r;
    if (!p.waitForFinished(100000)) {
        p.kill();
        p.waitForFinished();
        r.output = QStringLiteral("timed out");
        return r;
    }
    r.output = QString::fromLocal8Bit(p.readAll());
    r.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return r;
}

} // namespace

class TestTranslationsComplete : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_schemaStrings;

    static QString committedSchemaStrings()
    {
        return QStringLiteral(DOCKET_SOURCE_DIR "/translations/SchemaStrings.cpp");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The schemas' labels as they are now, not as SchemaStrings.cpp last recorded them.
        m_schemaStrings = m_dir.filePath(QStringLiteral("SchemaStrings.cpp"));
        const Run generated =
            run(QStringLiteral(DOCKET_CMAKE),
                {QStringLiteral("-DSCHEMA_DIR=" DOCKET_SOURCE_DIR "/resources/schemas"),
                 QStringLiteral("-DOUTPUT=") + m_schemaStrings, QStringLiteral("-P"),
                 QStringLiteral(DOCKET_SOURCE_DIR "/translations/GenerateSchemaStrings.cmake")});
        QVERIFY2(generated.ok, qPrintable(generated.output));
    }

    void schemaStringsCurrent()
    {
        QFile fresh(m_schemaStrings);
        QFile committed(committedSchemaStrings());
        QVERIFY(fresh.open(QIODevice::ReadOnly));
        QVERIFY(committed.open(QIODevice::ReadOnly));
        QVERIFY2(fresh.readAll() == committed.readAll(),
                 "translations/SchemaStrings.cpp is older than resources/schemas: build the "
                 "docket_lupdate target and translate the new labels");
    }

    void complete_data()
    {
        QTest::addColumn<QString>("ts");
        QTest::addColumn<bool>("pluralOnly"); // English: only the plural forms
        for (const QString &ts : split(DOCKET_TS_FILES))
            QTest::newRow(qPrintable(QFileInfo(ts).fileName())) << ts << false;
        for (const QString &ts : split(DOCKET_PLURAL_TS_FILES))
            QTest::newRow(qPrintable(QFileInfo(ts).fileName())) << ts << true;
    }

    void complete()
    {
        QFETCH(QString, ts);
        QFETCH(bool, pluralOnly);
        const QString copy = m_dir.filePath(QFileInfo(ts).fileName());
        QFile::remove(copy);
        QVERIFY(QFile::copy(ts, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QStringList arguments = split(DOCKET_LUPDATE_OPTIONS);
        arguments += split(DOCKET_I18N_DIRS);
        if (pluralOnly)
            arguments << QStringLiteral("-pluralonly");
        arguments << m_schemaStrings << QStringLiteral("-ts") << copy;
        const Run updated = run(QStringLiteral(DOCKET_LUPDATE), arguments);
        QVERIFY2(updated.ok, qPrintable(updated.output));

        QString error;
        const QList<Message> messages = readTs(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > (pluralOnly ? 5 : 100));
        QStringList untranslated;
        for (const Message &m : messages)
            if (m.type == QLatin1String("unfinished"))
                untranslated << m.where();
        for (const QString &where : std::as_const(untranslated))
            qWarning("not translated: %s", qPrintable(where));
        QVERIFY2(untranslated.isEmpty(),
                 qPrintable(QStringLiteral("%1 strings of the sources are not translated in %2 "
                                           "(listed above): build docket_lupdate, then "
                                           "translate them")
                                .arg(untranslated.size())
                                .arg(QFileInfo(ts).fileName())));
        // Strings the sources no longer have: harmless, but a sign of a stale file.
        const QList<Message> committed = readTs(ts, &error);
        if (committed.size() != messages.size())
            qWarning("%s holds %d messages, the sources %d: build docket_lupdate to refresh it",
                     qPrintable(QFileInfo(ts).fileName()), int(committed.size()),
                     int(messages.size()));
    }

    void wellFormed_data() { complete_data(); }

    void wellFormed()
    {
        QFETCH(QString, ts);
        QFETCH(bool, pluralOnly);
        QString error;
        const QList<Message> messages = readTs(ts, &error);
        if (pluralOnly)
            for (const Message &m : messages)
                QVERIFY2(m.numerus, qPrintable(m.where()));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList problems;
        for (const Message &m : messages) {
            if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete"))
                continue;
            if (m.numerus && m.forms.size() != 2)
                problems << QStringLiteral("%1 plural forms instead of 2: ").arg(m.forms.size()) +
                                m.where();
            for (const QString &form : m.forms) {
                if (form.trimmed().isEmpty() && !m.source.trimmed().isEmpty())
                    problems << QStringLiteral("empty translation: ") + m.where();
                else if (placeholders(form) != placeholders(m.source) &&
                         !(m.numerus && placeholders(form) + QSet<QString>{QStringLiteral("%n")} ==
                                            placeholders(m.source)))
                    problems << QStringLiteral("placeholders differ: ") + m.where();
                else if (hasAccelerator(m.source) && !hasAccelerator(form))
                    problems << QStringLiteral("no accelerator: ") + m.where();
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestTranslationsComplete)
#include "test_translations_complete.moc"
