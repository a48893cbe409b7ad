#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QSqlDriver;
class QTimer;

namespace docket {

class Database;

// Tells when others changed the review queue of a database (documents or review leases),
// cheaply, on the thread that owns the connection:
//  - PostgreSQL: LISTEN docket_queue on the connection (QSqlDriver::subscribeToNotification);
//    a trigger of the schema NOTIFYs in the transaction of every change, whoever makes it.
//    A fingerprint (row count and newest change) is compared every 30 s as well, in case a
//    notification was lost with a dropped connection.
//  - SQLite: PRAGMA data_version every two seconds (it changes when another connection
//    commits: a worker thread, another process).
// Bursts are debounced into one changed().
class QueueWatcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPollMs = 2000;
    static constexpr int kFingerprintMs = 30000;
    static constexpr int kDebounceMs = 250;
    static inline const QString kChannel = QStringLiteral("docket_queue");

    explicit QueueWatcher(QObject *parent = nullptr);
    ~QueueWatcher() override;

    // Watches db (owned by the caller, used on this thread); null stops.
    void setDatabase(Database *db);
    void setEnabled(bool on);
    bool isEnabled() const { return m_enabled; }
    // PostgreSQL: whether notifications are subscribed.
    bool isListening() const { return !m_driver.isNull(); }

Q_SIGNALS:
    void changed();

private:
    void start();
    void stop();
    void poll();
    QString fingerprint() const;

    Database *m_db = nullptr;
    bool m_enabled = true;
    QPointer<QSqlDriver> m_driver;
    QTimer *m_poll = nullptr;
    QTimer *m_debounce = nullptr;
    QString m_last;
};

} // namespace docket
