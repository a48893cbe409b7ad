#include "PricingTable.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QStandardPaths>

namespace docket {

namespace {

Q_LOGGING_CATEGORY(lcPricing, "docket.cost")

Result<QJsonObject> parseModels(const QByteArray &json, const QString &origin)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Result<QJsonObject>::failure(
            QStringLiteral("pricing_invalid"),
            QCoreApplication::translate("PricingTable", "%1 is not valid JSON: %2")
                .arg(origin, err.errorString()));
    const QJsonValue models = doc.object().value(QStringLiteral("models"));
    if (!models.isObject())
        return Result<QJsonObject>::failure(
            QStringLiteral("pricing_invalid"),
            QCoreApplication::translate("PricingTable", "%1 has no \"models\" object.")
                .arg(origin));
    return models.toObject();
}

// Key by key, one level into image_tokens.
QJsonObject merged(QJsonObject base, const QJsonObject &over)
{
    for (auto it = over.begin(); it != over.end(); ++it) {
        if (it.key() == QLatin1String("image_tokens") && it.value().isObject() &&
            base.value(it.key()).isObject()) {
            QJsonObject rule = base.value(it.key()).toObject();
            const QJsonObject o = it.value().toObject();
            if (o.contains(QStringLiteral("mode")) &&
                o.value(QStringLiteral("mode")) != rule.value(QStringLiteral("mode")))
                rule = QJsonObject(); // another mode: its figures do not carry over
            for (auto r = o.begin(); r != o.end(); ++r)
                rule.insert(r.key(), r.value());
            base.insert(it.key(), rule);
        } else {
            base.insert(it.key(), it.value());
        }
    }
    return base;
}

} // namespace

Result<PricingTable> PricingTable::load(const QByteArray &builtinJson, const QString &userFile)
{
    auto builtin = parseModels(builtinJson,
                               QCoreApplication::translate("PricingTable", "The built-in pricing"));
    if (!builtin)
        return builtin.error();
    QJsonObject models = builtin.value();
    if (!userFile.isEmpty() && QFileInfo::exists(userFile)) {
        QFile file(userFile);
        if (!file.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("pricing_unreadable"),
                         QCoreApplication::translate("PricingTable", "Cannot read %1: %2")
                             .arg(userFile, file.errorString())};
        auto user = parseModels(file.readAll(), userFile);
        if (!user)
            return user.error();
        const QJsonObject overrides = user.value();
        for (auto it = overrides.begin(); it != overrides.end(); ++it)
            models.insert(it.key(),
                          merged(models.value(it.key()).toObject(), it.value().toObject()));
        qCInfo(lcPricing) << "pricing overrides from" << userFile << "for" << overrides.keys();
    }
    PricingTable table;
    for (auto it = models.begin(); it != models.end(); ++it) {
        if (!it.value().isObject())
            return Error{
                QStringLiteral("pricing_invalid"),
                QCoreApplication::translate("PricingTable", "The price of %1 is not an object.")
                    .arg(it.key())};
        auto price = ModelPrice::fromJson(it.key(), it.value().toObject());
        if (!price)
            return price.error();
        table.m_prices.insert(it.key(), price.takeValue());
    }
    return table;
}

QByteArray PricingTable::builtinJson()
{
    QFile file(QStringLiteral(":/pricing/pricing.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString PricingTable::defaultUserFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/pricing.json");
}

Result<PricingTable> PricingTable::loadDefault(const QString &userFile)
{
    return load(builtinJson(), userFile);
}

const ModelPrice *PricingTable::price(const QString &model) const
{
    const QString name = model.trimmed();
    auto it = m_prices.constFind(name);
    if (it != m_prices.cend())
        return &*it;
    const ModelPrice *best = nullptr;
    for (auto p = m_prices.cbegin(); p != m_prices.cend(); ++p) {
        const QString &key = p.key();
        if (name.size() > key.size() + 1 && name.startsWith(key) &&
            name.at(key.size()) == QLatin1Char('-') && name.at(key.size() + 1).isDigit() &&
            (!best || key.size() > best->model.size()))
            best = &*p;
    }
    return best;
}

QStringList PricingTable::models() const
{
    return m_prices.keys();
}

QList<const ModelPrice *> PricingTable::shutdownsWithin(const QDate &today, int withinDays) const
{
    QList<const ModelPrice *> out;
    for (const ModelPrice &p : m_prices)
        if (p.shutdownDate.isValid() && today.daysTo(p.shutdownDate) <= withinDays)
            out.append(&p);
    std::stable_sort(out.begin(), out.end(), [](const ModelPrice *a, const ModelPrice *b) {
        return a->shutdownDate < b->shutdownDate;
    });
    return out;
}

Error PricingTable::unknownModel(const QString &model) const
{
    return Error{QStringLiteral("unknown_model"),
                 QCoreApplication::translate("PricingTable",
                                             "No price is known for the model \"%1\": add it to "
                                             "%2 to use it within a budget.")
                     .arg(model, defaultUserFile())};
}

Result<UsdAmount> PricingTable::cost(const QString &model, const TokenCounts &tokens) const
{
    const ModelPrice *p = price(model);
    if (!p)
        return unknownModel(model);
    return p->cost(tokens);
}

Result<UsdAmount> PricingTable::cost(const QString &model, const Usage &usage) const
{
    return cost(model, TokenCounts{usage.inputTokens, usage.cachedTokens, usage.outputTokens});
}

Result<CostEstimate> PricingTable::estimate(const QString &model,
                                            const EstimateRequest &request) const
{
    const ModelPrice *p = price(model);
    if (!p)
        return unknownModel(model);
    CostEstimate e;
    e.model = p->model;
    e.textTokens = std::max<qint64>(0, request.inputTokens);
    for (const QSize &image : request.images) {
        bool exact = true;
        e.imageTokens += p->image.tokensFor(image, request.lowDetail, &exact);
        e.exact = e.exact && exact;
    }
    e.cachedTokens = std::clamp<qint64>(request.cachedTokens, 0, e.inputTokens());
    e.outputTokens = std::max<qint64>(0, request.maxOutputTokens);
    e.cost = p->cost(TokenCounts{e.inputTokens(), e.cachedTokens, e.outputTokens});
    return e;
}

qint64 PricingTable::approxTextTokens(QStringView text)
{
    return (text.size() + 3) / 4;
}

QByteArray PricingTable::toJson() const
{
    QJsonObject models;
    for (const ModelPrice &p : m_prices)
        models.insert(p.model, p.toJson());
    return QJsonDocument(QJsonObject{{QStringLiteral("models"), models}})
        .toJson(QJsonDocument::Indented);
}

} // namespace docket
