// Generated usage rows for the dashboard benchmarks (bench_dashboard, bench_worker): the same
// rows in both, spread over the 90 days before `end`, from a fixed seed.
#pragma once

#include "storage/Database.h"
#include "storage/Sql.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QStringList>

namespace docket::bench {

inline Status fillUsage(Database &db, int rows, const QDateTime &end)
{
    QRandomGenerator random(7);
    const QStringList providers{QStringLiteral("openai"), QStringLiteral("kimi")};
    const QStringList models{QStringLiteral("gpt-4.1-mini"), QStringLiteral("gpt-4.1"),
                             QStringLiteral("gpt-5-mini"), QStringLiteral("kimi-vl")};
    const QStringList steps{QStringLiteral("classify"), QStringLiteral("extract"),
                            QStringLiteral("repair")};
    return db.transaction([&]() -> Status {
        QSqlQuery q(db.sql());
        constexpr int kBatch = 500;
        for (int done = 0; done < rows; done += kBatch) {
            QStringList values;
            for (int i = 0; i < kBatch && done + i < rows; ++i)
                values << QStringLiteral("('%1', '%2', '%3', 1, %4, %5, %6, %7, '%8')")
                              .arg(providers.at(int(random.bounded(2))),
                                   models.at(int(random.bounded(4))),
                                   steps.at(int(random.bounded(3))))
                              .arg(1000 + random.bounded(4000))
                              .arg(random.bounded(1000))
                              .arg(50 + random.bounded(500))
                              .arg(double(random.bounded(10000)) / 1e6)
                              .arg(
                                  sql::timestamp(end.addSecs(-qint64(random.bounded(90 * 86400)))));
            if (Status st = sql::exec(
                    q, QStringLiteral("INSERT INTO usage (provider, model, step, requests, "
                                      "input_tokens, cached_tokens, output_tokens, cost_usd, at) "
                                      "VALUES ") +
                           values.join(QLatin1Char(',')));
                !st)
                return st;
        }
        return {};
    });
}

} // namespace docket::bench
