#include "QueueModel.h"

#include "ConfidenceStyle.h"
#include "QueueWatcher.h"
#include "ReviewSettings.h"
#include "core/ReviewDecision.h"
#include "core/SchemaRegistry.h"
#include "storage/Database.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QHash>
#include <QIcon>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

namespace docket {

namespace {
QString priorityLabel(const QString &name)
{
    if (name.isEmpty())
        return {};
    switch (priorityFromName(name)) {
    case Priority::Low:
        return QueueModel::tr("Low");
    case Priority::Normal:
        return QueueModel::tr("Normal");
    case Priority::High:
        return QueueModel::tr("High");
    case Priority::Urgent:
        return QueueModel::tr("Urgent");
    }
    return name;
}

QColor statusColor(DocumentStatus status);

} // namespace

// An icon drawn at 12 and 24 pixels by paint(painter, unit), unit = size / 12.
QIcon QueueModel::paintedIcon(const std::function<void(QPainter &, double)> &paint)
{
    QIcon icon;
    for (int size : {12, 24}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        paint(painter, size / 12.0);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

// A small round dot in the status's colour (cached by the model: one per status).
QIcon QueueModel::statusIcon(DocumentStatus status) const
{
    auto it = m_icons.find(int(status));
    if (it != m_icons.end())
        return *it;
    return *m_icons.insert(int(status), paintedIcon([status](QPainter &painter, double u) {
                               painter.setBrush(statusColor(status));
                               painter.drawEllipse(QRectF(2 * u, 2 * u, 8 * u, 8 * u));
                           }));
}

namespace {

QColor statusColor(DocumentStatus status)
{
    switch (status) {
    case DocumentStatus::AutoApproved:
    case DocumentStatus::Approved:
        return ConfidenceStyle::color(ConfidenceStyle::Level::High);
    case DocumentStatus::NeedsReview:
        return ConfidenceStyle::color(ConfidenceStyle::Level::Medium);
    case DocumentStatus::Failed:
    case DocumentStatus::Rejected:
        return ConfidenceStyle::color(ConfidenceStyle::Level::Low);
    case DocumentStatus::Pending:
    case DocumentStatus::Processing:
        break;
    }
    return ConfidenceStyle::color(ConfidenceStyle::Level::None);
}
} // namespace

// A small person (head and shoulders) in the highlight colour: someone is reviewing it.
QIcon QueueModel::reviewerIcon() const
{
    if (m_reviewerIcon.isNull())
        m_reviewerIcon = paintedIcon([](QPainter &painter, double u) {
            painter.setBrush(QColor(0x35, 0x84, 0xe4));
            painter.drawEllipse(QRectF(3.5 * u, 0.5 * u, 5 * u, 5 * u));
            painter.drawChord(QRectF(1 * u, 6.5 * u, 10 * u, 10 * u), 0, 180 * 16);
        });
    return m_reviewerIcon;
}

QueueModel::QueueModel(QObject *parent)
    : QAbstractTableModel(parent), m_me(ReviewSettings::reviewerName()),
      m_watcher(new QueueWatcher(this))
{
    connect(m_watcher, &QueueWatcher::changed, this, [this] {
        refresh();
        Q_EMIT queueChanged();
    });
}

QueueModel::~QueueModel() = default;

void QueueModel::setDatabase(Database *db)
{
    m_db = db;
    m_watcher->setDatabase(db);
    setQuery(m_query);
}

void QueueModel::setLiveRefresh(bool on)
{
    m_watcher->setEnabled(on);
}

bool QueueModel::liveRefresh() const
{
    return m_watcher->isEnabled();
}

void QueueModel::setCurrentReviewer(const QString &name)
{
    m_me = name;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, 0));
}

QString QueueModel::otherReviewer(const QueueEntry &entry) const
{
    return entry.reviewer == m_me ? QString() : entry.reviewer;
}

QString QueueModel::reviewer(int row) const
{
    return row >= 0 && row < m_rows.size() ? otherReviewer(m_rows.at(row)) : QString();
}

void QueueModel::setQuery(const QueueQuery &query)
{
    beginResetModel();
    m_query = query;
    m_rows.clear();
    m_total = 0;
    m_statusCounts.clear();
    if (m_db)
        readCount(); // before the reset is announced: its listeners see the new counts
    endResetModel();
    if (m_total > 0)
        fetchMore({});
}

bool QueueModel::readCount()
{
    DocumentRepository repo(*m_db);
    const auto count = repo.count(m_query);
    if (!count.ok()) {
        Q_EMIT errorOccurred(count.error().message);
        return false;
    }
    m_total = count.value();
    const auto counts = repo.countsByStatus(m_query);
    if (counts.ok())
        m_statusCounts = counts.value();
    return true;
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool QueueModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_db && m_rows.size() < m_total;
}

void QueueModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_db)
        return;
    DocumentRepository repo(*m_db);
    const auto page = repo.entries(m_query, int(m_rows.size()), kPageSize);
    if (!page.ok()) {
        Q_EMIT errorOccurred(page.error().message);
        m_total = int(m_rows.size()); // stop asking until the next refresh
        return;
    }
    QList<QueueEntry> fresh;
    for (const QueueEntry &entry : page.value())
        if (rowForId(entry.document.id) < 0)
            fresh.append(entry);
    if (fresh.isEmpty()) {
        if (page.value().isEmpty())
            m_total = int(m_rows.size());
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + fresh.size() - 1));
    m_rows.append(fresh);
    endInsertRows();
}

void QueueModel::refresh()
{
    if (!m_db)
        return;
    if (!readCount())
        return;
    const int wanted = qMax(kPageSize, int(m_rows.size()));
    DocumentRepository repo(*m_db);
    const auto listed = repo.entries(m_query, 0, wanted);
    if (!listed.ok()) {
        Q_EMIT errorOccurred(listed.error().message);
        return;
    }
    const QList<QueueEntry> &next = listed.value();
    QHash<qint64, int> nextIndex;
    for (int i = 0; i < next.size(); ++i)
        nextIndex.insert(next.at(i).document.id, i);
    QList<qint64> changed;
    for (const QueueEntry &entry : std::as_const(m_rows)) {
        const int at = nextIndex.value(entry.document.id, -1);
        if (at >= 0 && next.at(at).document.version != entry.document.version)
            changed.append(entry.document.id);
    }

    // 1. Rows that left the loaded range (or the filter).
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!nextIndex.contains(m_rows.at(row).document.id)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    // 2. New rows, appended for now.
    QHash<qint64, int> current;
    for (int i = 0; i < m_rows.size(); ++i)
        current.insert(m_rows.at(i).document.id, i);
    QList<QueueEntry> added;
    for (const QueueEntry &entry : next)
        if (!current.contains(entry.document.id))
            added.append(entry);
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows.append(added);
        endInsertRows();
    }
    // 3. The same set of rows now: move them into the new order, keeping persistent indexes.
    bool sameOrder = true;
    for (int i = 0; i < m_rows.size() && sameOrder; ++i)
        sameOrder = m_rows.at(i).document.id == next.at(i).document.id;
    if (!sameOrder) {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList before = persistentIndexList();
        QModelIndexList after;
        after.reserve(before.size());
        for (const QModelIndex &index : before) {
            const int row = nextIndex.value(m_rows.at(index.row()).document.id);
            after.append(createIndex(row, index.column()));
        }
        m_rows = next;
        changePersistentIndexList(before, after);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    } else {
        m_rows = next;
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    Q_EMIT refreshed();
    for (qint64 id : std::as_const(changed))
        Q_EMIT documentChanged(id);
}

int QueueModel::ensureLoaded(qint64 documentId, int maxPages)
{
    int row = rowForId(documentId);
    for (int i = 0; row < 0 && i < maxPages && canFetchMore({}); ++i) {
        fetchMore({});
        row = rowForId(documentId);
    }
    return row;
}

int QueueModel::rowForId(qint64 documentId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).document.id == documentId)
            return i;
    return -1;
}

Document QueueModel::document(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).document : Document();
}

QVariant QueueModel::display(const Document &doc, int column) const
{
    switch (column) {
    case FileColumn:
        return doc.fileName;
    case TypeColumn: {
        if (doc.documentType.isEmpty())
            return {};
        const DocumentSchema *schema = SchemaRegistry::builtin().schema(doc.documentType);
        return schema ? QCoreApplication::translate("Schema", schema->label.toUtf8().constData())
                      : doc.documentType;
    }
    case StatusColumn:
        return statusLabel(doc.status);
    case PriorityColumn:
        return priorityLabel(doc.priority);
    case SellerColumn:
        return doc.sellerName;
    case NumberColumn:
        return doc.documentNumber;
    case TotalColumn: {
        bool ok = false;
        const double value = doc.totalAmount.toDouble(&ok);
        return ok ? QLocale().toString(value, 'f', 2) : doc.totalAmount;
    }
    case ImportedColumn:
        return QLocale().toString(doc.importedAt.toLocalTime(), QLocale::ShortFormat);
    default:
        return {};
    }
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const QueueEntry &entry = m_rows.at(index.row());
    const Document &doc = entry.document;
    switch (role) {
    case Qt::DisplayRole:
        return display(doc, index.column());
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn && doc.status == DocumentStatus::Failed)
            return doc.errorMessage;
        if (index.column() == FileColumn) {
            const QString other = otherReviewer(entry);
            return other.isEmpty() ? doc.originalPath
                                   : tr("Being reviewed by %1").arg(other) + QLatin1Char('\n') +
                                         doc.originalPath;
        }
        return display(doc, index.column());
    case Qt::DecorationRole:
        if (index.column() == StatusColumn)
            return statusIcon(doc.status);
        if (index.column() == FileColumn && !otherReviewer(entry).isEmpty())
            return reviewerIcon();
        return {};
    case Qt::AccessibleDescriptionRole:
        if (index.column() == FileColumn && !otherReviewer(entry).isEmpty())
            return tr("Being reviewed by %1").arg(otherReviewer(entry));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == TotalColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (index.column() == PriorityColumn &&
            (doc.priority == QLatin1String("urgent") || doc.priority == QLatin1String("high"))) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case DocumentIdRole:
        return doc.id;
    case StatusRole:
        return int(doc.status);
    case PriorityRole:
        return doc.priority;
    case ReviewerRole:
        return otherReviewer(entry);
    default:
        return {};
    }
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FileColumn:
        return tr("File");
    case TypeColumn:
        return tr("Type");
    case StatusColumn:
        return tr("Status");
    case PriorityColumn:
        return tr("Priority");
    case SellerColumn:
        return tr("Seller");
    case NumberColumn:
        return tr("Number");
    case TotalColumn:
        return tr("Total");
    case ImportedColumn:
        return tr("Imported");
    default:
        return {};
    }
}

} // namespace docket
