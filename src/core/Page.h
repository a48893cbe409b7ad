#pragma once

#include "Word.h"

#include <QList>
#include <QSizeF>

namespace docket {

// The text content of one page with word geometry.
struct Page
{
    int number = 1;   // 1-based
    QSizeF size;      // in points
    int rotation = 0; // degrees clockwise applied to make the page upright (0, 90, 180, 270)
    TextSource source = TextSource::None;
    QList<Word> words; // in reading order (lines top to bottom, words left to right)

    QString text() const; // words joined, lines separated by '\n'
};

// The text of every page of one document, as ingest and vision made it.
struct DocumentContent
{
    QList<Page> pages;

    QString text() const; // all pages, separated by form feeds
    int wordCount() const;
};

} // namespace docket
