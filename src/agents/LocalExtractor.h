#pragma once

#include "Extractor.h"

namespace docket {

class LayoutIndex;

// The offline, rule- and layout-based extractor: label anchors with geometry, typed parsing
// and normalisation, letterhead and address layout, table rows, and the vendor layout memory
// learnt from reviewers' corrections (AgentContext::memory). Schema driven: every type,
// including user-added ones, is read from its field kinds and anchors.
class LocalExtractor : public Extractor
{
public:
    static QString rulesVersion(); // "local-rules-1"

    Result<Extraction> extract(const DocumentContent &content, const DocumentSchema &schema,
                               AgentContext &ctx) override;

    // The same on a prepared index (the classifier and the memory share it).
    Extraction extract(const LayoutIndex &index, const DocumentSchema &schema,
                       const AgentContext &ctx) const;
};

} // namespace docket
