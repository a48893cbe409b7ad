// The storage suite, built twice: test_storage_sqlite and test_storage_postgres (with
// DOCKET_TEST_POSTGRES, against a throw-away server from tests/support).
#pragma once

#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"
#include "storage/Migrations.h"
#include "storage/ReviewLeases.h"
#include "storage/ReviewRepository.h"
#include "storage/StatsRepository.h"
#include "storage/UsageRepository.h"
#include "storage/VendorMemoryRepository.h"
#include "storage/WorkerClaims.h"
#include "support/PostgresServer.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

namespace docket::storagetest {

#ifdef DOCKET_TEST_POSTGRES
inline constexpr bool kPostgres = true;
#else
inline constexpr bool kPostgres = false;
#endif

QDateTime utc(int month, int day, int hour = 12);
Document makeDoc(const QString &sha, const QDateTime &importedAt = {});
Field makeField(const QString &value, double confidence, const QRectF &box = {});
ProcessingResult makeResult(DocumentStatus status, Priority priority, const QString &seller,
                            const QString &number, const QString &type = {});
int rows(Database &db, const QString &statement); // first column of the first row, -1 on error
int crashChild(const QString &url);

} // namespace docket::storagetest

class TestStorage : public QObject
{
    Q_OBJECT

private:
    QString freshUrl();
    std::unique_ptr<docket::Database> openFresh();
    // Six documents of known priority, type, seller and import time.
    std::unique_ptr<docket::Database> queueFixture();

    QTemporaryDir m_tmp;
    docket::test::PostgresServer m_server;
    int m_count = 0;

private Q_SLOTS:
    void initTestCase();
    void migrationsAreRecordedAndIdempotent();
    void concurrentStartsMigrateOnce();
    void openRejectsBadUrls_data();
    void openRejectsBadUrls();
    void insertOrFindDeduplicatesBySha();
    void saveResultRoundTrips();
    void saveResultOfFailure();
    void queueOrder();
    void queueFilters_data();
    void queueFilters();
    void queuePaging();
    void countsByStatus();
    void countsByStatusFollowTheOtherFilters_data();
    void countsByStatusFollowTheOtherFilters();
    void sameSellerAndNumber();
    void setStatusChecksVersion();
    void correctionUpdatesFieldWithAudit();
    void correctionIsAtomic();
    void approveWithStaleVersionChangesNothing();
    void rejectRecordsReason();
    void usageSums();
    void vendorMemory();
    void qualityStats();
    void claimNextHandsEachDocumentOutOnce();
    void reviewLeases();
    void queueEntriesShowReviewers();
    void fencedWritesOfALostClaimAreDiscarded();
    void queueChangesAreNotified();
    void concurrentWriters();
    void crashLikeCloseStillOpens();
    void reconnectsAfterLostConnection();
};
