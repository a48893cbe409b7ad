#pragma once

#include "AgentContext.h"
#include "core/Page.h"
#include "core/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace docket {

struct Classification
{
    QString documentType;         // a schema name; "other" when none fits
    double confidence = 0;        // calibrated probability that documentType is right
    QMap<QString, double> scores; // per type, for explanation and routing
    QStringList evidence;         // human-readable cues ("title: commercial invoice")
};

class Classifier
{
public:
    virtual ~Classifier() = default;
    virtual Result<Classification> classify(const DocumentContent &content, AgentContext &ctx) = 0;
};

} // namespace docket
