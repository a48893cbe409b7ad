#pragma once

#include "Classifier.h"
#include "core/DocumentSchema.h"

namespace docket {

class LayoutIndex;
class SchemaRegistry;

// The offline classifier: scores every schema of the registry (built-in or added by a user)
// from its own cues — titles (weighted by place on the page and font size), keywords and
// field labels followed by values — and turns the scores into calibrated probabilities.
// "other" wins when no type scores enough.
class LocalClassifier : public Classifier
{
public:
    Result<Classification> classify(const DocumentContent &content, AgentContext &ctx) override;
    Classification classify(const LayoutIndex &index, const SchemaRegistry &schemas) const;

    // The evidence for one schema: the best title (0..~2, by place and size), the number of
    // its keywords found, and the share of its labelled fields whose label was found.
    struct Features
    {
        double title = 0;
        int keywords = 0;
        double labels = 0;
    };
    static Features features(const LayoutIndex &index, const DocumentSchema &schema,
                             QStringList *evidence = nullptr);
    // Raw evidence score of one schema (for tests and the bench).
    static double score(const Features &f);
};

} // namespace docket
