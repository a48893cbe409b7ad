<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ExportCommand</name>
    <message numerus="yes">
        <source>%n documents exported</source>
        <translation>
            <numerusform>%n document exported</numerusform>
            <numerusform>%n documents exported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProcessCommand</name>
    <message numerus="yes">
        <source>%n document(s), %1 failed</source>
        <translation>
            <numerusform>%n document, %1 failed</numerusform>
            <numerusform>%n documents, %1 failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsProviderBox</name>
    <message numerus="yes">
        <source>OK: the provider answered and lists %n model(s).</source>
        <translation>
            <numerusform>OK: the provider answered and lists %n model.</numerusform>
            <numerusform>OK: the provider answered and lists %n models.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkerCommand</name>
    <message numerus="yes">
        <source>%n document(s), %1 failed</source>
        <translation>
            <numerusform>%n document, %1 failed</numerusform>
            <numerusform>%n documents, %1 failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n result(s) discarded (claim taken over)</source>
        <translation>
            <numerusform>, %n result discarded (claim taken over)</numerusform>
            <numerusform>, %n results discarded (claim taken over)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>docket::Banner</name>
    <message numerus="yes">
        <source>(%n more)</source>
        <translation>
            <numerusform>(%n more)</numerusform>
            <numerusform>(%n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>docket::ExportDialog</name>
    <message numerus="yes">
        <source>%n document(s) will be exported.</source>
        <translation>
            <numerusform>%n document will be exported.</numerusform>
            <numerusform>%n documents will be exported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n document(s) to %1 and %2.</source>
        <translation>
            <numerusform>Exported %n document to %1 and %2.</numerusform>
            <numerusform>Exported %n documents to %1 and %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n document(s) to %1.</source>
        <translation>
            <numerusform>Exported %n document to %1.</numerusform>
            <numerusform>Exported %n documents to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>docket::ProcessingPresenter</name>
    <message numerus="yes">
        <source>Importing %n item(s)…</source>
        <translation>
            <numerusform>Importing %n item…</numerusform>
            <numerusform>Importing %n items…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Processed %n document(s), %1 failed.</source>
        <translation>
            <numerusform>Processed %n document, %1 failed.</numerusform>
            <numerusform>Processed %n documents, %1 failed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Processed %n document(s).</source>
        <translation>
            <numerusform>Processed %n document.</numerusform>
            <numerusform>Processed %n documents.</numerusform>
        </translation>
    </message>
</context>
</TS>
