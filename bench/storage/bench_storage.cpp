// Fills a database with N processed documents and times the review queue's queries.
#include "storage/Database.h"
#include "storage/DocumentRepository.h"
#include "storage/ExtractionRepository.h"
#include "storage/ReviewRepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>

using namespace docket;

namespace {

double timeMs(int repeat, const std::function<void()> &fn)
{
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < repeat; ++i)
        fn();
    return double(t.nsecsElapsed()) / 1e6 / repeat;
}

Field field(const QString &value)
{
    Field f;
    f.value = value;
    f.raw = value;
    f.confidence = 0.9;
    f.page = 1;
    f.bbox = QRectF(100, 200, 80, 12);
    f.source = QStringLiteral("text_layer");
    f.engine = QStringLiteral("local");
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir tmp;
    const QStringList args = app.arguments();
    const QString url = args.size() > 1 ? args.at(1) : tmp.filePath(QStringLiteral("bench.sqlite"));
    const int n = args.size() > 2 ? args.at(2).toInt() : 10000;
    auto opened = Database::open(url);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    Database &db = *opened.value();
    DocumentRepository docs(db);
    ExtractionRepository extractions(db);
    QRandomGenerator rng(42);
    const char *const priorities[] = {"low", "normal", "high", "urgent"};
    const char *const sellers[] = {"ACME Corp", "Globex", "Initech", "Umbrella", "Hooli"};

    QElapsedTimer t;
    t.start();
    QList<qint64> ids;
    for (int i = 0; i < n; ++i) {
        Document d;
        d.sha256 = QStringLiteral("bench-%1").arg(i);
        d.fileName = QStringLiteral("invoice-%1.pdf").arg(i);
        d.importedAt = QDateTime::currentDateTimeUtc().addSecs(-i);
        auto stored = docs.insertOrFind(d);
        if (!stored) {
            std::fprintf(stderr, "%s\n", qPrintable(stored.error().message));
            return 1;
        }
        ids << stored.value().id;
    }
    const double insertMs = double(t.restart());
    for (int i = 0; i < n; ++i) {
        ProcessingResult r;
        r.document.status = i % 3 ? DocumentStatus::NeedsReview : DocumentStatus::AutoApproved;
        r.document.priority = QString::fromLatin1(priorities[rng.bounded(4)]);
        r.review.required = r.document.status == DocumentStatus::NeedsReview;
        r.extraction.documentType = QStringLiteral("commercial_invoice");
        r.extraction.fields.insert(QStringLiteral("seller_name"),
                                   field(QString::fromLatin1(sellers[rng.bounded(5)])));
        r.extraction.fields.insert(QStringLiteral("invoice_number"),
                                   field(QStringLiteral("INV-%1").arg(i)));
        r.extraction.fields.insert(QStringLiteral("total_amount"),
                                   field(QStringLiteral("%1.00").arg(rng.bounded(10000))));
        for (int k = 0; k < 10; ++k)
            r.extraction.fields.insert(QStringLiteral("field_%1").arg(k),
                                       field(QStringLiteral("x")));
        for (int row = 0; row < 5; ++row) {
            LineItem item;
            item.cells.insert(QStringLiteral("description"), field(QStringLiteral("Bolts")));
            item.cells.insert(QStringLiteral("amount"), field(QStringLiteral("10.00")));
            r.extraction.lineItems << item;
        }
        if (auto s = extractions.saveResult(ids.at(i), r); !s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
            return 1;
        }
    }
    const double saveMs = double(t.restart());

    QueueQuery all;
    QueueQuery review;
    review.statuses = {DocumentStatus::NeedsReview};
    QueueQuery search;
    search.search = QStringLiteral("acme");
    std::printf("storage bench: %s, %d documents\n",
                db.kind() == Database::Kind::Sqlite ? "sqlite" : "postgresql", n);
    std::printf("  insertOrFind          %8.3f ms/document\n", insertMs / n);
    std::printf("  saveResult (13 fields, 5 rows) %8.3f ms/document\n", saveMs / n);
    std::printf("  list first page (50)  %8.3f ms\n", timeMs(20, [&] { docs.list(all, 0, 50); }));
    std::printf("  list needs_review p100 %7.3f ms\n",
                timeMs(20, [&] { docs.list(review, 5000, 50); }));
    std::printf("  list search 'acme'    %8.3f ms\n",
                timeMs(20, [&] { docs.list(search, 0, 50); }));
    std::printf("  count needs_review    %8.3f ms\n", timeMs(20, [&] { docs.count(review); }));
    std::printf("  countsByStatus        %8.3f ms\n", timeMs(20, [&] { docs.countsByStatus(); }));
    std::printf("  latest extraction     %8.3f ms\n",
                timeMs(50, [&] { extractions.latest(ids.at(n / 2)); }));
    const Document d = docs.get(ids.at(n / 3)).value();
    std::printf("  approve               %8.3f ms\n", timeMs(1, [&] {
                    ReviewRepository(db).approve(d.id, d.version, QStringLiteral("bench"));
                }));
    return 0;
}
