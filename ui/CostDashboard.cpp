#include "CostDashboard.h"

#include "DashboardCharts.h"
#include "DashboardCsv.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace docket {

namespace {

enum Preset
{
    Today,
    Last7Days,
    Last30Days,
    ThisMonth,
    Custom
};

QString money(double usd)
{
    return UsdAmount::fromDouble(usd).toDisplayString();
}

QString percent(double ratio)
{
    return QLocale().toString(ratio * 100.0, 'f', 1) + QLatin1Char('%');
}

QString count(qint64 n)
{
    return QLocale().toString(n);
}

QString duration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("–");
    if (ms < 10000)
        return CostDashboard::tr("%1 ms").arg(ms);
    return CostDashboard::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

DashboardCharts::Bars costBars(const QMap<QString, Usage> &map)
{
    DashboardCharts::Bars out;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        out.append({it.key(), it.value().costUsd});
    return out;
}

// "$1.20 of $5.00 (24%)" and the bar's value
QString againstBudget(double spent, const std::optional<UsdAmount> &budget, QProgressBar *bar)
{
    if (!budget) {
        bar->setRange(0, 1);
        bar->setValue(0);
        bar->setFormat(CostDashboard::tr("no budget"));
        return CostDashboard::tr("%1 (no budget)").arg(money(spent));
    }
    const int pct = budget->percentOf(UsdAmount::fromDouble(spent));
    bar->setRange(0, 100);
    bar->setValue(qBound(0, pct, 100));
    bar->setFormat(QStringLiteral("%1%").arg(pct));
    return CostDashboard::tr("%1 of %2 (%3%)")
        .arg(money(spent), budget->toDisplayString())
        .arg(pct);
}

} // namespace

CostDashboard::CostDashboard(const QString &databaseUrl, QWidget *parent)
    : QWidget(parent), m_url(databaseUrl), m_loader(new DashboardLoader(this))
{
    setObjectName(QStringLiteral("costDashboard"));
    buildUi();
    connect(m_loader, &DashboardLoader::loaded, this, &CostDashboard::display);
    connect(m_loader, &DashboardLoader::failed, this, [this](const QString &message) {
        m_error = message;
        m_status->setText(tr("Could not load the figures: %1").arg(message));
        Q_EMIT loadFailed(message);
    });
    m_timer = new QTimer(this);
    m_timer->setInterval(60000);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible() && !isLoading())
            refresh();
    });
    m_timer->start();
    applyPreset(Last30Days);
}

CostDashboard::~CostDashboard() = default;

QLabel *CostDashboard::addCard(const QString &objectName, const QString &title, int row, int column)
{
    auto *grid = static_cast<QGridLayout *>(m_cards->layout());
    auto *box = new QWidget(m_cards);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(8, 4, 8, 4);
    auto *caption = new QLabel(title, box);
    caption->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto *value = new QLabel(QStringLiteral("–"), box);
    value->setObjectName(objectName);
    QFont f = value->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    value->setFont(f);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(caption);
    layout->addWidget(value);
    grid->addWidget(box, row, column);
    return value;
}

void CostDashboard::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *bar = new QHBoxLayout;
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("dashboardRange"));
    m_preset->addItems(
        {tr("Today"), tr("Last 7 days"), tr("Last 30 days"), tr("This month"), tr("Custom")});
    m_from = new QDateEdit(this);
    m_from->setObjectName(QStringLiteral("dashboardFrom"));
    m_to = new QDateEdit(this);
    m_to->setObjectName(QStringLiteral("dashboardTo"));
    for (QDateEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("dashboardRefresh"));
    m_export = new QPushButton(tr("Export CSV…"), this);
    m_export->setObjectName(QStringLiteral("dashboardExportCsv"));
    m_export->setEnabled(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    bar->addWidget(new QLabel(tr("Period:"), this));
    bar->addWidget(m_preset);
    bar->addWidget(m_from);
    bar->addWidget(new QLabel(QStringLiteral("–"), this));
    bar->addWidget(m_to);
    bar->addWidget(m_refresh);
    bar->addStretch(1);
    bar->addWidget(m_status);
    bar->addWidget(m_export);
    layout->addLayout(bar);

    m_cards = new QWidget(this);
    new QGridLayout(m_cards);
    addCard(QStringLiteral("spendToday"), tr("Spend today"), 0, 0);
    addCard(QStringLiteral("spendMonth"), tr("Spend this month"), 0, 1);
    addCard(QStringLiteral("spendPeriod"), tr("Spend in the period"), 0, 2);
    addCard(QStringLiteral("costPerDocument"), tr("Cost per document"), 0, 3);
    addCard(QStringLiteral("tokens"), tr("Tokens in / cached / out"), 0, 4);
    addCard(QStringLiteral("cacheHitRate"), tr("Prompt-cache hit rate"), 1, 0);
    addCard(QStringLiteral("documentsPerHour"), tr("Documents per hour"), 1, 1);
    addCard(QStringLiteral("processingTime"), tr("Processing time p50 / p90 / p99"), 1, 2);
    addCard(QStringLiteral("reviewRate"), tr("Review rate"), 1, 3);
    addCard(QStringLiteral("autoApprovalRate"), tr("Auto-approval rate"), 1, 4);
    auto *grid = static_cast<QGridLayout *>(m_cards->layout());
    m_dailyBar = new QProgressBar(m_cards);
    m_dailyBar->setObjectName(QStringLiteral("dailyBudgetBar"));
    m_monthlyBar = new QProgressBar(m_cards);
    m_monthlyBar->setObjectName(QStringLiteral("monthlyBudgetBar"));
    grid->addWidget(m_dailyBar, 2, 0);
    grid->addWidget(m_monthlyBar, 2, 1);
    layout->addWidget(m_cards);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("dashboardTabs"));
    auto addViews = [this](const QString &title, int n) {
        auto *page = new QWidget(m_tabs);
        auto *g = new QGridLayout(page);
        for (int i = 0; i < n; ++i) {
            auto *view = new QChartView(new QChart, page);
            view->setRenderHint(QPainter::Antialiasing);
            view->setMinimumSize(260, 200);
            g->addWidget(view, i / 2, i % 2);
            m_views.append(view);
        }
        m_tabs->addTab(page, title);
    };
    addViews(tr("Spend"), 4);     // provider, model, step, document type
    addViews(tr("Over time"), 2); // cost per document, documents per hour
    addViews(tr("Quality"), 2);   // corrections per field, throughput per reviewer
    m_table = new QTreeWidget(m_tabs);
    m_table->setObjectName(QStringLiteral("dashboardTable"));
    m_table->setHeaderLabels({tr("Breakdown"), tr("Requests"), tr("Input tokens"),
                              tr("Cached tokens"), tr("Output tokens"), tr("Cost")});
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tabs->addTab(m_table, tr("Table"));
    layout->addWidget(m_tabs, 1);

    connect(m_preset, &QComboBox::activated, this, &CostDashboard::applyPreset);
    connect(m_from, &QDateEdit::dateChanged, this, &CostDashboard::rangeEdited);
    connect(m_to, &QDateEdit::dateChanged, this, &CostDashboard::rangeEdited);
    connect(m_refresh, &QPushButton::clicked, this, &CostDashboard::refresh);
    connect(m_export, &QPushButton::clicked, this, &CostDashboard::chooseExportFile);
}

void CostDashboard::setDatabaseUrl(const QString &url)
{
    m_url = url;
    refresh();
}

void CostDashboard::setBudgets(const BudgetLimits &budgets)
{
    m_budgets = budgets;
}

QDate CostDashboard::from() const
{
    return m_from->date();
}

QDate CostDashboard::to() const
{
    return m_to->date();
}

bool CostDashboard::isLoading() const
{
    return m_loader->isLoading();
}

void CostDashboard::setRange(const QDate &from, const QDate &to)
{
    m_updatingRange = true;
    m_from->setDate(from);
    m_to->setDate(to < from ? from : to);
    m_updatingRange = false;
    refresh();
}

void CostDashboard::applyPreset(int index)
{
    const QDate today = QDate::currentDate();
    m_preset->setCurrentIndex(index);
    switch (index) {
    case Today:
        setRange(today, today);
        break;
    case Last7Days:
        setRange(today.addDays(-6), today);
        break;
    case Last30Days:
        setRange(today.addDays(-29), today);
        break;
    case ThisMonth:
        setRange(QDate(today.year(), today.month(), 1), today);
        break;
    default:
        break;
    }
}

void CostDashboard::rangeEdited()
{
    if (m_updatingRange)
        return;
    m_preset->setCurrentIndex(Custom);
    if (m_to->date() < m_from->date()) {
        m_updatingRange = true;
        m_to->setDate(m_from->date());
        m_updatingRange = false;
    }
    refresh();
}

void CostDashboard::refresh()
{
    if (m_url.isEmpty())
        return;
    m_ready = false;
    m_error.clear();
    m_status->setText(tr("Loading…"));
    const BudgetLimits budgets = m_budgets ? *m_budgets : BudgetLimits::load(QSettings());
    m_loader->load(m_url, m_from->date().startOfDay(), m_to->date().addDays(1).startOfDay(),
                   budgets);
}

void CostDashboard::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_ready && !isLoading())
        refresh();
}

void CostDashboard::display(const DashboardSnapshot &snapshot)
{
    m_snapshot = snapshot;
    const DashboardFigures &f = snapshot.figures;
    showSummary(f, snapshot.budgets);
    showCharts(f);
    showTable(f);
    m_status->setText(tr("Updated %1 (%2 ms)")
                          .arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat))
                          .arg(snapshot.elapsedMs));
    m_export->setEnabled(true);
    m_ready = true;
    Q_EMIT ready();
}

void CostDashboard::showSummary(const DashboardFigures &f, const BudgetLimits &budgets)
{
    auto set = [this](const char *name, const QString &text) {
        if (auto *label = m_cards->findChild<QLabel *>(QLatin1String(name)))
            label->setText(text);
    };
    set("spendToday", againstBudget(f.today.costUsd, budgets.daily, m_dailyBar));
    set("spendMonth", againstBudget(f.thisMonth.costUsd, budgets.monthly, m_monthlyBar));
    set("spendPeriod", money(f.total.costUsd));
    set("costPerDocument", f.quality.processed > 0 ? money(f.total.costUsd / f.quality.processed)
                                                   : QStringLiteral("–"));
    set("tokens", QStringLiteral("%1 / %2 / %3")
                      .arg(count(f.total.inputTokens), count(f.total.cachedTokens),
                           count(f.total.outputTokens)));
    set("cacheHitRate", percent(f.cacheHitRate()));
    set("documentsPerHour", tr("%1 (%2 in active hours)")
                                .arg(QLocale().toString(f.documentsPerHour(), 'f', 1),
                                     QLocale().toString(f.documentsPerActiveHour(), 'f', 1)));
    set("processingTime",
        QStringLiteral("%1 / %2 / %3")
            .arg(duration(f.processingPercentile(50)), duration(f.processingPercentile(90)),
                 duration(f.processingPercentile(99))));
    set("reviewRate", percent(f.reviewRate()));
    set("autoApprovalRate", percent(f.autoApprovalRate()));
}

void CostDashboard::showCharts(const DashboardFigures &f)
{
    const QString usd = tr("USD");
    DashboardCharts::replaceChart(
        m_views.at(0), DashboardCharts::bars(tr("Spend by provider"), costBars(f.byProvider), usd));
    DashboardCharts::replaceChart(
        m_views.at(1), DashboardCharts::bars(tr("Spend by model"), costBars(f.byModel), usd));
    DashboardCharts::replaceChart(
        m_views.at(2), DashboardCharts::bars(tr("Spend by agent step"), costBars(f.byStep), usd));
    DashboardCharts::replaceChart(
        m_views.at(3),
        DashboardCharts::bars(tr("Spend by document type"), costBars(f.byDocumentType), usd));
    QMap<QDateTime, double> perDocument;
    const auto costs = f.costPerDocumentPerDay();
    for (auto it = costs.cbegin(); it != costs.cend(); ++it)
        perDocument.insert(it.key().startOfDay().addSecs(43200), it.value());
    DashboardCharts::replaceChart(m_views.at(4),
                                  DashboardCharts::line(tr("Cost per document"), perDocument, usd));
    QMap<QDateTime, double> perHour;
    for (auto it = f.processedPerHour.cbegin(); it != f.processedPerHour.cend(); ++it)
        perHour.insert(it.key(), it.value());
    DashboardCharts::replaceChart(m_views.at(5),
                                  DashboardCharts::timeBars(tr("Documents per hour"), perHour,
                                                            QStringLiteral("MM-dd HH:00")));
    DashboardCharts::Bars fields;
    for (auto it = f.quality.correctionsByField.cbegin(); it != f.quality.correctionsByField.cend();
         ++it)
        fields.append({it.key(), double(it.value())});
    DashboardCharts::replaceChart(
        m_views.at(6), DashboardCharts::bars(tr("Corrections per field"), fields, tr("edits")));
    DashboardCharts::Bars reviewers;
    for (auto it = f.byReviewer.cbegin(); it != f.byReviewer.cend(); ++it)
        reviewers.append({it.key(), double(it.value().decisions())});
    DashboardCharts::replaceChart(
        m_views.at(7),
        DashboardCharts::bars(tr("Documents decided per reviewer"), reviewers, tr("documents")));
}

void CostDashboard::showTable(const DashboardFigures &f)
{
    m_table->clear();
    auto section = [this](const QString &title, const QMap<QString, Usage> &map) {
        auto *parent = new QTreeWidgetItem(m_table, {title});
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            const Usage &u = it.value();
            new QTreeWidgetItem(parent,
                                {it.key().isEmpty() ? tr("(none)") : it.key(), count(u.requests),
                                 count(u.inputTokens), count(u.cachedTokens), count(u.outputTokens),
                                 money(u.costUsd)});
        }
        parent->setExpanded(true);
    };
    section(tr("Provider"), f.byProvider);
    section(tr("Model"), f.byModel);
    section(tr("Agent step"), f.byStep);
    section(tr("Document type"), f.byDocumentType);
    auto *reviewers = new QTreeWidgetItem(m_table, {tr("Reviewers (approved / rejected / "
                                                       "corrections)")});
    for (auto it = f.byReviewer.cbegin(); it != f.byReviewer.cend(); ++it)
        new QTreeWidgetItem(reviewers, {it.key(), count(it.value().approved),
                                        count(it.value().rejected), count(it.value().corrections)});
    reviewers->setExpanded(true);
}

bool CostDashboard::exportCsv(const QString &path)
{
    m_error.clear();
    if (!m_ready) {
        m_error = tr("The figures are not loaded yet.");
        return false;
    }
    QSaveFile file(path);
    const QByteArray data = DashboardCsv::write(m_snapshot);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        m_error = file.errorString();
        return false;
    }
    return true;
}

void CostDashboard::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export dashboard"),
        QStringLiteral("docket-dashboard-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate)),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (exportCsv(path))
        m_status->setText(tr("Exported to %1").arg(path));
    else
        m_status->setText(tr("Export failed: %1").arg(m_error));
}

} // namespace docket
