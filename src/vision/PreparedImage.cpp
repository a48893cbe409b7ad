#include "PreparedImage.h"

namespace docket {

QRectF PreparedImage::mapToOriginal(const QRectF &preparedRect) const
{
    bool invertible = false;
    const QTransform back = toPrepared.inverted(&invertible);
    if (!invertible)
        return preparedRect;
    const QRectF r = back.mapRect(preparedRect);
    // Clip to the original image: rotations can push corners slightly outside it.
    if (originalSize.isEmpty())
        return r;
    return r.intersected(QRectF(QPointF(0, 0), QSizeF(originalSize)));
}

} // namespace docket
