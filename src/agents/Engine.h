#pragma once

#include "Classifier.h"
#include "Extractor.h"
#include "ReviewCoordinator.h"
#include "Validator.h"

#include <memory>

namespace docket {

// The agents of one engine, used by one worker thread at a time.
struct Engine
{
    QString name; // "local", "openai", "kimi", "auto"
    std::unique_ptr<Classifier> classifier;
    std::unique_ptr<Extractor> extractor;
    std::unique_ptr<Validator> validator;
    std::unique_ptr<ReviewCoordinator> reviewCoordinator;
};

} // namespace docket
