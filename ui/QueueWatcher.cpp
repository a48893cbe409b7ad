#include "QueueWatcher.h"

#include "storage/Database.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTimer>

Q_LOGGING_CATEGORY(lcQueueWatch, "docket.ui.queue")

namespace docket {

QueueWatcher::QueueWatcher(QObject *parent) : QObject(parent)
{
    m_poll = new QTimer(this);
    m_poll->setTimerType(Qt::VeryCoarseTimer);
    connect(m_poll, &QTimer::timeout, this, &QueueWatcher::poll);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, [this] {
        m_last = fingerprint(); // what this change brought is seen
        Q_EMIT changed();
    });
}

QueueWatcher::~QueueWatcher()
{
    stop();
}

void QueueWatcher::setDatabase(Database *db)
{
    stop();
    m_db = db;
    start();
}

void QueueWatcher::setEnabled(bool on)
{
    if (on == m_enabled)
        return;
    m_enabled = on;
    stop();
    start();
}

void QueueWatcher::start()
{
    if (!m_db || !m_enabled)
        return;
    if (m_db->kind() == Database::Kind::Postgres) {
        QSqlDriver *driver = m_db->sql().driver();
        if (driver && driver->subscribeToNotification(kChannel)) {
            m_driver = driver;
            connect(driver, &QSqlDriver::notification, this, [this](const QString &name) {
                if (name == kChannel)
                    m_debounce->start();
            });
        } else {
            qCWarning(lcQueueWatch) << "cannot LISTEN on" << kChannel << "- polling instead";
        }
        m_poll->start(m_driver ? kFingerprintMs : kPollMs);
    } else {
        m_poll->start(kPollMs);
    }
    m_last = fingerprint();
}

void QueueWatcher::stop()
{
    m_poll->stop();
    m_debounce->stop();
    if (m_driver) {
        disconnect(m_driver, nullptr, this, nullptr);
        if (m_driver->isOpen())
            m_driver->unsubscribeFromNotification(kChannel);
    }
    m_driver.clear();
    m_last.clear();
}

// SQLite: the connection's data_version; PostgreSQL: rows and newest change of the queue.
QString QueueWatcher::fingerprint() const
{
    if (!m_db || m_db->inTransaction())
        return m_last;
    QSqlQuery q(m_db->sql());
    q.setForwardOnly(true);
    const bool sqlite = m_db->kind() == Database::Kind::Sqlite;
    const QString statement =
        sqlite ? QStringLiteral("PRAGMA data_version")
               : QStringLiteral("SELECT (SELECT COUNT(*) FROM documents), (SELECT MAX(updated_at) "
                                "FROM documents), (SELECT COUNT(*) FROM review_leases), "
                                "(SELECT MAX(expires_at) FROM review_leases)");
    if (!q.exec(statement) || !q.next())
        return m_last;
    QStringList parts;
    for (int i = 0; i < (sqlite ? 1 : 4); ++i)
        parts << q.value(i).toString();
    return parts.join(QLatin1Char('|'));
}

void QueueWatcher::poll()
{
    const QString now = fingerprint();
    if (now == m_last)
        return;
    m_last = now;
    m_debounce->start();
}

} // namespace docket
