#pragma once

#include "core/Result.h"
#include "core/Usage.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace docket {

class Database;

// One provider call (or a batch of calls of one step) as stored in the usage ledger.
struct UsageRecord
{
    qint64 id = 0;
    qint64 documentId = 0; // 0: not tied to a document
    QString provider;      // "openai", "kimi", ...
    QString model;
    QString step; // "classify", "extract", "process", ...
    int requests = 1;
    qint64 inputTokens = 0;
    qint64 cachedTokens = 0;
    qint64 outputTokens = 0;
    double costUsd = 0;
    QDateTime at; // null: now
};

// The usage table: what the AI providers were asked and what it cost. Days and months are
// the user's local calendar.
class UsageRepository
{
public:
    explicit UsageRepository(Database &db);

    Result<qint64> add(const UsageRecord &record);

    Result<Usage> total(const QDateTime &from, const QDateTime &to); // [from, to)
    Result<Usage> totalForDay(const QDate &day);
    Result<Usage> totalForMonth(const QDate &anyDayOfMonth);
    Result<Usage> totalForDocument(qint64 documentId);

    // Per local day in [from, to] (days without usage are absent), and per model.
    Result<QMap<QDate, Usage>> dailyTotals(const QDate &from, const QDate &to);
    Result<QMap<QString, Usage>> totalsByModel(const QDateTime &from, const QDateTime &to);

    Result<QList<UsageRecord>> records(const QDateTime &from, const QDateTime &to);

private:
    Result<Usage> sum(const QString &where, const QVariantList &values);

    Database &m_db;
};

} // namespace docket
