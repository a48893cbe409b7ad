// Roles and SharedSettings on SQLite and on a real PostgreSQL server started by the test.
#include "storage/Database.h"
#include "storage/Roles.h"
#include "storage/SharedSettings.h"
#include "storage/Sql.h"
#include "support/PostgresServer.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace docket;

class TestRoles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    docket::test::PostgresServer m_pg;
    int m_databases = 0;

    std::unique_ptr<Database> open(bool postgres)
    {
        const QString url =
            postgres ? m_pg.createDatabase()
                     : m_dir.filePath(QStringLiteral("roles%1.sqlite").arg(++m_databases));
        auto db = Database::open(url);
        if (!db)
            qWarning("%s", qPrintable(db.error().message));
        return db ? db.takeValue() : nullptr;
    }

    static void backends()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgres") << true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_pg.start(), qPrintable(m_pg.errorString())); // fail, never skip
    }

    void sharedValues_data() { backends(); }
    void sharedValues()
    {
        QFETCH(bool, postgres);
        auto db = open(postgres);
        QVERIFY(db);
        SharedSettings shared(*db);
        QVERIFY(!shared.value(QStringLiteral("budget/daily_usd")).value().has_value());
        QVERIFY(shared
                    .setValue(QStringLiteral("budget/daily_usd"), QStringLiteral("12.5"),
                              QStringLiteral("anna"))
                    .ok());
        QVERIFY(shared
                    .setValue(QStringLiteral("budget/daily_usd"), QStringLiteral("20"),
                              QStringLiteral("anna"))
                    .ok()); // replaces
        QVERIFY(shared.setValue(QStringLiteral("budget/monthly_usd"), QString()).ok());
        QVERIFY(shared.setValue(QStringLiteral("other"), QStringLiteral("x")).ok());
        QCOMPARE(shared.value(QStringLiteral("budget/daily_usd")).value().value(),
                 QStringLiteral("20"));
        const auto budgets = shared.values(QStringLiteral("budget/"));
        QVERIFY(budgets.ok());
        QCOMPARE(budgets.value().size(), 2);
        QCOMPARE(budgets.value().value(QStringLiteral("budget/monthly_usd")), QString());
        QCOMPARE(shared.values().value().size(), 3);
        QVERIFY(shared.remove(QStringLiteral("other")).ok());
        QVERIFY(!shared.value(QStringLiteral("other")).value().has_value());
        // Every change is audited with its actor.
        auto audited =
            sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                            "'setting_changed' AND actor = 'anna'"));
        QVERIFY(audited.ok());
        QCOMPARE(audited.value().toInt(), 2);
    }

    void nobodyNamedMeansEveryoneSupervises_data() { backends(); }
    void nobodyNamedMeansEveryoneSupervises()
    {
        QFETCH(bool, postgres);
        auto db = open(postgres);
        QVERIFY(db);
        Roles roles(*db);
        QVERIFY(roles.supervisors().value().isEmpty());
        QVERIFY(roles.isSupervisor(QStringLiteral("anyone")));
        QCOMPARE(roles.roleOf(QStringLiteral("bob")).value(), Roles::Role::Supervisor);
    }

    void supervisorsAndReviewers_data() { backends(); }
    void supervisorsAndReviewers()
    {
        QFETCH(bool, postgres);
        auto db = open(postgres);
        QVERIFY(db);
        Roles roles(*db);
        // While nobody is named anyone may name the first supervisor.
        QVERIFY(
            roles.setRole(QStringLiteral("bob"), QStringLiteral("Anna"), Roles::Role::Supervisor)
                .ok());
        QCOMPARE(roles.supervisors().value(), QStringList{QStringLiteral("Anna")});
        QVERIFY(roles.isSupervisor(QStringLiteral("Anna")));
        QVERIFY(roles.isSupervisor(QStringLiteral(" anna "))); // case and spaces do not matter
        QVERIFY(!roles.isSupervisor(QStringLiteral("bob")));
        QCOMPARE(roles.roleOf(QStringLiteral("bob")).value(), Roles::Role::Reviewer);

        // A reviewer may not change roles, not even their own.
        const Status refused =
            roles.setRole(QStringLiteral("bob"), QStringLiteral("bob"), Roles::Role::Supervisor);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("not_supervisor"));
        QVERIFY(!roles.isSupervisor(QStringLiteral("bob")));

        // A supervisor may.
        QVERIFY(
            roles.setRole(QStringLiteral("anna"), QStringLiteral("Carl"), Roles::Role::Supervisor)
                .ok());
        QCOMPARE(roles.supervisors().value(),
                 (QStringList{QStringLiteral("Anna"), QStringLiteral("Carl")}));
        QVERIFY(roles.setRole(QStringLiteral("Carl"), QStringLiteral("ANNA"), Roles::Role::Reviewer)
                    .ok());
        QCOMPARE(roles.supervisors().value(), QStringList{QStringLiteral("Carl")});
        QVERIFY(!roles.isSupervisor(QStringLiteral("Anna")));
        // Naming someone twice keeps one entry.
        QVERIFY(
            roles.setRole(QStringLiteral("carl"), QStringLiteral("carl"), Roles::Role::Supervisor)
                .ok());
        QCOMPARE(roles.supervisors().value(), QStringList{QStringLiteral("carl")});
        const Status empty =
            roles.setRole(QStringLiteral("carl"), QStringLiteral("  "), Roles::Role::Supervisor);
        QCOMPARE(empty.error().code, QStringLiteral("invalid_user"));
    }

    void otherConnectionsAgree_data() { backends(); }
    void otherConnectionsAgree()
    {
        // Two workstations on one database see the same roles.
        QFETCH(bool, postgres);
        const QString url =
            postgres ? m_pg.createDatabase() : m_dir.filePath(QStringLiteral("shared.sqlite"));
        auto first = Database::open(url);
        auto second = Database::open(url);
        QVERIFY(first.ok() && second.ok());
        QVERIFY(
            Roles(*first.value())
                .setRole(QStringLiteral("anna"), QStringLiteral("anna"), Roles::Role::Supervisor)
                .ok());
        Roles seen(*second.value());
        QVERIFY(seen.isSupervisor(QStringLiteral("anna")));
        QVERIFY(!seen.isSupervisor(QStringLiteral("bob")));
    }
};

QTEST_GUILESS_MAIN(TestRoles)
#include "test_roles.moc"
