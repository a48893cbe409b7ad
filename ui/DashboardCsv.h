#pragma once

#include "DashboardLoader.h"

#include <QByteArray>

namespace docket {

// The dashboard's figures as CSV (RFC 4180) in long form, one figure per row:
// section,name,metric,value — e.g. "by_provider,openai,cost_usd,1.25". Sections: period,
// summary, budget, by_provider, by_model, by_step, by_document_type, per_day, per_hour,
// corrections_by_field, by_reviewer.
class DashboardCsv
{
public:
    static QByteArray write(const DashboardSnapshot &snapshot);
};

} // namespace docket
