#include "GuiMain.h"

#include <QApplication>
#include <QLabel>

namespace docket {

int runGui(int argc, char **argv, void (*setIdentity)())
{
    QApplication app(argc, argv);
    setIdentity();
    QLabel placeholder(QStringLiteral("Docket"));
    placeholder.show();
    return QApplication::exec();
}

} // namespace docket
