#pragma once

#include <QWidget>

namespace docket {

// A small coloured dot for a field's confidence (green, amber, red; grey when empty).
class ConfidenceIndicator : public QWidget
{
    Q_OBJECT
public:
    explicit ConfidenceIndicator(QWidget *parent = nullptr);

    void setConfidence(double confidence, bool hasValue);
    double confidence() const { return m_confidence; }
    bool hasValue() const { return m_hasValue; }
    QColor color() const;

    QSize sizeHint() const override { return {16, 16}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double m_confidence = 0;
    bool m_hasValue = false;
};

} // namespace docket
