// KeychainKeyStore against the session's secret service. Without one it skips, unless
// DOCKET_REQUIRE_KEYCHAIN=1 (the variant run inside a private D-Bus session with
// gnome-keyring, see run_with_keyring.sh).
#include "llm/KeychainKeyStore.h"
#include "llm/Redactor.h"

#include <QTest>

using namespace docket;

class TestLlmKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        KeychainKeyStore store(QStringLiteral("DocketTest"));
        const QString provider = QStringLiteral("openai-test");
        const QString key = (QStringLiteral("sk-") + QStringLiteral("keychain-test-13572468"));
        const Status written = store.writeKeyBlocking(provider, key);
        if (!written.ok() && written.error().code == QLatin1String("keychain_unavailable")) {
            if (qEnvironmentVariableIntValue("DOCKET_REQUIRE_KEYCHAIN") == 1)
                QFAIL(qPrintable(written.error().message));
            QSKIP("no secret service in this session");
        }
        QVERIFY2(written.ok(), qPrintable(written.error().message));
        const auto read = store.readKeyBlocking(provider);
        QVERIFY2(read.ok(), qPrintable(read.error().message));
        QCOMPARE(read.value(), key);
        QVERIFY(!Redactor::redact(QStringLiteral("got ") + key).contains(key));
        QVERIFY(store.removeKeyBlocking(provider).ok());
        QCOMPARE(store.readKeyBlocking(provider).error().code, QStringLiteral("key_not_found"));
        QVERIFY(store.removeKeyBlocking(provider).ok()); // removing nothing is fine
    }
};

QTEST_GUILESS_MAIN(TestLlmKeychain)
#include "test_llm_keychain.moc"
