#include "IngestFixtures.h"
#include "ingest/Importer.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace docket;

class TestImporter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &relative, const QByteArray &content)
    {
        const QString path = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return path;
    }

    static QByteArray pngBytes()
    {
        QImage image(8, 8, QImage::Format_RGB32);
        image.fill(Qt::white);
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return bytes;
    }

private Q_SLOTS:
    void isSupported_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("supported");
        QTest::newRow("pdf") << QStringLiteral("a.bin") << QByteArray("%PDF-1.7\n...") << true;
        QTest::newRow("pdf after junk")
            << QStringLiteral("b.dat") << QByteArray("junk\n%PDF-1.4\n") << true;
        QTest::newRow("png") << QStringLiteral("c.bin") << QByteArray("\x89PNG\r\n\x1a\nxxxx")
                             << true;
        QTest::newRow("jpeg") << QStringLiteral("d.bin") << QByteArray("\xff\xd8\xff\xe0xxxx")
                              << true;
        QTest::newRow("tiff le") << QStringLiteral("e.bin") << QByteArray("II*\0xxxx", 8) << true;
        QTest::newRow("tiff be") << QStringLiteral("f.bin") << QByteArray("MM\0*xxxx", 8) << true;
        QTest::newRow("text") << QStringLiteral("g.txt") << QByteArray("hello") << false;
        QTest::newRow("text named pdf") << QStringLiteral("h.pdf") << QByteArray("hello") << true;
        QTest::newRow("zip") << QStringLiteral("i.zip") << QByteArray("PK\x03\x04") << false;
    }
    void isSupported()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(bool, supported);
        QCOMPARE(Importer::isSupported(write(QStringLiteral("sniff/") + name, content)), supported);
    }

    // An original imported on another machine is found under this machine's data folder
    // (the shared folder mounted elsewhere); the recorded path wins where it exists.
    void locatesOriginalsUnderTheSharedFolder()
    {
        const QString here = write(QStringLiteral("mount/originals/ab/abcdef.pdf"), "%PDF-1.4\n");
        const QString dataFolder = m_dir.filePath(QStringLiteral("mount"));
        const QString elsewhere = QStringLiteral("/elsewhere/share/originals/ab/abcdef.pdf");
        QCOMPARE(Importer::locateOriginal(elsewhere, dataFolder), here);
        QCOMPARE(Importer::locateOriginal(here, QString()), here);
        QVERIFY(Importer::locateOriginal(elsewhere, QString()).isEmpty());
        QVERIFY(
            Importer::locateOriginal(QStringLiteral("/elsewhere/originals/cd/x.pdf"), dataFolder)
                .isEmpty());
        QVERIFY(Importer::locateOriginal(QString(), dataFolder).isEmpty());
    }

    void expandsFoldersRecursivelySorted()
    {
        const QString root = m_dir.filePath(QStringLiteral("tree"));
        write(QStringLiteral("tree/b.pdf"), "%PDF-1.4\n");
        write(QStringLiteral("tree/a.png"), pngBytes());
        write(QStringLiteral("tree/notes.txt"), "not a document");
        write(QStringLiteral("tree/sub/c.pdf"), "%PDF-1.4\n");
        write(QStringLiteral("tree/sub/deeper/d.tif"), QByteArray("II*\0xxxx", 8));
        const QString loose = write(QStringLiteral("loose.txt"), "named directly");

        const QStringList files = Importer::expandPaths({root, loose});
        QStringList expected{QDir(root).filePath(QStringLiteral("a.png")),
                             QDir(root).filePath(QStringLiteral("b.pdf")),
                             QDir(root).filePath(QStringLiteral("sub/c.pdf")),
                             QDir(root).filePath(QStringLiteral("sub/deeper/d.tif")),
                             QFileInfo(loose).absoluteFilePath()};
        QCOMPARE(files, expected);
    }

    void importsByHash()
    {
        const QByteArray content = pngBytes();
        const QString path = write(QStringLiteral("in/scan.png"), content);
        const QString data = m_dir.filePath(QStringLiteral("data1"));
        Importer importer(data);
        auto result = importer.import(path);
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        const ImportedFile &f = result.value();
        const QString sha = QString::fromLatin1(
            QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
        QCOMPARE(f.sha256, sha);
        QCOMPARE(f.mimeType, QStringLiteral("image/png"));
        QCOMPARE(f.fileName, QStringLiteral("scan.png"));
        QCOMPARE(f.sizeBytes, qint64(content.size()));
        QCOMPARE(f.storedPath,
                 QDir(data).filePath(QStringLiteral("originals/") + sha.left(2) + QLatin1Char('/') +
                                     sha + QStringLiteral(".png")));
        QFile stored(f.storedPath);
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), content);
        // No temporary file is left behind.
        QCOMPARE(QDir(QDir(data).filePath(QStringLiteral("originals")))
                     .entryList(QDir::Files | QDir::NoDotAndDotDot)
                     .size(),
                 0);
    }

    void duplicateContentIsStoredOnce()
    {
        const QString data = m_dir.filePath(QStringLiteral("data2"));
        Importer importer(data);
        const QString a = write(QStringLiteral("dup/a.pdf"), "%PDF-1.4\nsame bytes\n");
        const QString b = write(QStringLiteral("dup/copy of a.pdf"), "%PDF-1.4\nsame bytes\n");
        auto first = importer.import(a);
        auto second = importer.import(b);
        QVERIFY(first.ok() && second.ok());
        QCOMPARE(first.value().sha256, second.value().sha256);
        QCOMPARE(first.value().storedPath, second.value().storedPath);
        QCOMPARE(second.value().fileName, QStringLiteral("copy of a.pdf"));
        const QString folder = QFileInfo(first.value().storedPath).absolutePath();
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 1);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<QString>("code");
        QTest::newRow("missing") << QStringLiteral("err/missing.pdf") << QByteArray()
                                 << qint64(1000) << QStringLiteral("file_not_found");
        QTest::newRow("empty") << QStringLiteral("err/empty.pdf") << QByteArray("") << qint64(1000)
                               << QStringLiteral("empty_file");
        QTest::newRow("too large")
            << QStringLiteral("err/big.pdf") << QByteArray(2048, 'x').prepend("%PDF-1.4\n")
            << qint64(1024) << QStringLiteral("file_too_large");
        QTest::newRow("unsupported") << QStringLiteral("err/notes.txt") << QByteArray("plain text")
                                     << qint64(1000) << QStringLiteral("unsupported_format");
    }
    void errors()
    {
        QFETCH(QString, relative);
        QFETCH(QByteArray, content);
        QFETCH(qint64, maxBytes);
        QFETCH(QString, code);
        QString path = m_dir.filePath(relative);
        if (code != QLatin1String("file_not_found"))
            path = write(relative, content);
        IngestLimits limits;
        limits.maxFileBytes = maxBytes;
        Importer importer(m_dir.filePath(QStringLiteral("data3")), limits);
        auto result = importer.import(path);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, code);
        QVERIFY(!result.error().message.isEmpty());
    }

    void folderImport()
    {
        write(QStringLiteral("batch/one.pdf"), "%PDF-1.4\none\n");
        write(QStringLiteral("batch/two.png"), pngBytes());
        write(QStringLiteral("batch/skip.txt"), "skip me");
        write(QStringLiteral("batch/nested/three.pdf"), "%PDF-1.4\nthree\n");
        Importer importer(m_dir.filePath(QStringLiteral("data4")));
        const QStringList files = Importer::expandPaths({m_dir.filePath(QStringLiteral("batch"))});
        QCOMPARE(files.size(), 3);
        QSet<QString> hashes;
        for (const QString &file : files) {
            auto result = importer.import(file);
            QVERIFY2(result.ok(), qPrintable(result.error().message));
            QVERIFY(QFile::exists(result.value().storedPath));
            hashes.insert(result.value().sha256);
        }
        QCOMPARE(hashes.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestImporter)
#include "test_importer.moc"
