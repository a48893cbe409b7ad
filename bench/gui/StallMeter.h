#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <algorithm>

namespace docket::bench {

// The longest gap between ticks of a 5 ms timer: how long the GUI thread was busy.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 gap = m_clock.restart();
            m_worst = std::max(m_worst, gap);
            if (gap > 50)
                ++m_over50;
        });
    }
    void start()
    {
        m_worst = 0;
        m_over50 = 0;
        m_clock.start();
        m_timer.start();
    }
    qint64 stop()
    {
        m_timer.stop();
        return m_worst;
    }
    int over50() const { return m_over50; } // gaps longer than 50 ms

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_worst = 0;
    int m_over50 = 0;
};

} // namespace docket::bench
