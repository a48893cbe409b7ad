#pragma once

#include "PipelineConfig.h"
#include "core/Result.h"

namespace docket {

class Database;

// Turns a reviewer's approved corrections into vendor layout memory: re-reads the document's
// words, lets VendorMemory learn where the corrected fields sit, and stores the vendor's
// layout, so that the next document of the same vendor is read right. Runs on a worker
// thread (it may OCR).
class VendorLearning
{
public:
    // Returns the number of fields learnt (0 when nothing was corrected).
    static Result<int> learnFromApproval(Database &db, const PipelineConfig &config,
                                         qint64 documentId);
};

} // namespace docket
