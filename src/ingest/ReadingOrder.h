#pragma once

#include "core/Word.h"

#include <QList>

namespace docket {

// Puts words with boxes (top-left origin) into reading order: lines top to bottom (words
// whose boxes share most of their height), words left to right within a line, and numbers
// lines and blocks (a block ends at a vertical gap wider than the text is tall). Drops
// exact duplicates drawn on top of each other (fake bold).
class ReadingOrder
{
public:
    static QList<Word> arrange(QList<Word> words);
};

} // namespace docket
