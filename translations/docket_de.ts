<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BudgetGuard</name>
    <message>
        <source>The spending so far could not be read (%1), so the request was not sent.</source>
        <translation>Die bisherigen Ausgaben konnten nicht gelesen werden (%1), daher wurde die Anfrage nicht gesendet.</translation>
    </message>
    <message>
        <source>Daily budget of %1 reached: %2 already spent or reserved today, and this request (about %3) would bring it to %4. The request was not sent; a supervisor can raise the budget.</source>
        <translation>Tagesbudget von %1 erreicht: Heute sind bereits %2 ausgegeben oder reserviert, und diese Anfrage (etwa %3) würde den Betrag auf %4 erhöhen. Die Anfrage wurde nicht gesendet; ein Supervisor kann das Budget erhöhen.</translation>
    </message>
    <message>
        <source>Monthly budget of %1 reached: %2 already spent or reserved this month, and this request (about %3) would bring it to %4. The request was not sent; a supervisor can raise the budget.</source>
        <translation>Monatsbudget von %1 erreicht: In diesem Monat sind bereits %2 ausgegeben oder reserviert, und diese Anfrage (etwa %3) würde den Betrag auf %4 erhöhen. Die Anfrage wurde nicht gesendet; ein Supervisor kann das Budget erhöhen.</translation>
    </message>
    <message>
        <source>Daily budget: this request (about %1) brings today&apos;s spending to %2 of %3 (%4%).</source>
        <translation>Tagesbudget: Mit dieser Anfrage (etwa %1) steigen die heutigen Ausgaben auf %2 von %3 (%4 %).</translation>
    </message>
    <message>
        <source>Monthly budget: this request (about %1) brings this month&apos;s spending to %2 of %3 (%4%).</source>
        <translation>Monatsbudget: Mit dieser Anfrage (etwa %1) steigen die Ausgaben dieses Monats auf %2 von %3 (%4 %).</translation>
    </message>
    <message>
        <source>This budget reservation was already settled or was never granted.</source>
        <translation>Diese Budgetreservierung wurde bereits abgerechnet oder nie gewährt.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Database: an SQLite file path or postgresql://user@host:port/db (default: the local database).</source>
        <translation>Datenbank: ein SQLite-Dateipfad oder postgresql://benutzer@rechner:port/db (Vorgabe: die lokale Datenbank).</translation>
    </message>
    <message>
        <source>Folder for the stored originals (default: the application data folder).</source>
        <translation>Ordner für die gespeicherten Originale (Vorgabe: der Datenordner der Anwendung).</translation>
    </message>
    <message>
        <source>Engine: local, openai, kimi or auto (default: local).</source>
        <translation>Engine: local, openai, kimi oder auto (Vorgabe: local).</translation>
    </message>
    <message>
        <source>Documents processed in parallel (default: the number of cores).</source>
        <translation>Parallel verarbeitete Dokumente (Vorgabe: die Anzahl der Prozessorkerne).</translation>
    </message>
    <message>
        <source>OCR languages, Tesseract codes joined by + (default: eng).</source>
        <translation>OCR-Sprachen, Tesseract-Codes mit + verbunden (Vorgabe: eng).</translation>
    </message>
    <message>
        <source>Field confidence below which a person must review (default: 0.95).</source>
        <translation>Feldkonfidenz, unterhalb derer ein Mensch prüfen muss (Vorgabe: 0.95).</translation>
    </message>
    <message>
        <source>Unknown engine &quot;%1&quot;: use local, openai, kimi or auto.</source>
        <translation>Unbekannte Engine „%1“: Verwenden Sie local, openai, kimi oder auto.</translation>
    </message>
    <message>
        <source>--jobs takes a number from 1 to 256.</source>
        <translation>--jobs erwartet eine Zahl von 1 bis 256.</translation>
    </message>
    <message>
        <source>--threshold takes a number from 0 to 1.</source>
        <translation>--threshold erwartet eine Zahl von 0 bis 1.</translation>
    </message>
    <message>
        <source>(already imported)</source>
        <translation>(bereits importiert)</translation>
    </message>
</context>
<context>
    <name>ConfidenceStyle</name>
    <message>
        <source>High confidence</source>
        <translation>Hohe Konfidenz</translation>
    </message>
    <message>
        <source>Medium confidence</source>
        <translation>Mittlere Konfidenz</translation>
    </message>
    <message>
        <source>Low confidence</source>
        <translation>Niedrige Konfidenz</translation>
    </message>
    <message>
        <source>No value</source>
        <translation>Kein Wert</translation>
    </message>
</context>
<context>
    <name>ConnectionTester</name>
    <message>
        <source>The connection test must not run in the window&apos;s thread.</source>
        <translation>Der Verbindungstest darf nicht im Thread des Fensters laufen.</translation>
    </message>
    <message>
        <source>The base URL is not a valid address.</source>
        <translation>Die Basis-URL ist keine gültige Adresse.</translation>
    </message>
    <message>
        <source>No answer within %1 seconds.</source>
        <translation>Keine Antwort innerhalb von %1 Sekunden.</translation>
    </message>
    <message>
        <source>The server could not be reached: %1</source>
        <translation>Der Server ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>HTTP 401: the provider refused the API key.</source>
        <translation>HTTP 401: Der Anbieter hat den API-Schlüssel abgelehnt.</translation>
    </message>
    <message>
        <source>HTTP 403: the API key may not use this.</source>
        <translation>HTTP 403: Der API-Schlüssel ist dafür nicht berechtigt.</translation>
    </message>
    <message>
        <source>HTTP 404: no models list at this base URL.</source>
        <translation>HTTP 404: Unter dieser Basis-URL gibt es keine Modellliste.</translation>
    </message>
    <message>
        <source>HTTP %1.</source>
        <translation>HTTP %1.</translation>
    </message>
    <message>
        <source>The provider says: %1</source>
        <translation>Der Anbieter meldet: %1</translation>
    </message>
</context>
<context>
    <name>ContentReader</name>
    <message>
        <source>Processing was cancelled.</source>
        <translation>Die Verarbeitung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Page %1 could not be rendered for OCR.</source>
        <translation>Seite %1 konnte für die Texterkennung nicht gerendert werden.</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
</context>
<context>
    <name>DocumentLoader</name>
    <message>
        <source>Row %1</source>
        <translation>Zeile %1</translation>
    </message>
</context>
<context>
    <name>DocumentProcessor</name>
    <message>
        <source>No document types are installed.</source>
        <translation>Es sind keine Dokumenttypen installiert.</translation>
    </message>
    <message>
        <source>Processing was cancelled.</source>
        <translation>Die Verarbeitung wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>DocumentSchema</name>
    <message>
        <source>A document type needs a &quot;name&quot; without spaces.</source>
        <translation>Ein Dokumenttyp braucht einen „name“ ohne Leerzeichen.</translation>
    </message>
    <message>
        <source>Type %1 has a field without a name.</source>
        <translation>Der Typ %1 hat ein Feld ohne Namen.</translation>
    </message>
</context>
<context>
    <name>EngineFactory</name>
    <message>
        <source>Unknown engine &quot;%1&quot;.</source>
        <translation>Unbekannte Engine „%1“.</translation>
    </message>
</context>
<context>
    <name>ExportCommand</name>
    <message numerus="yes">
        <source>%n documents exported</source>
        <translation>
            <numerusform>%n Dokument exportiert</numerusform>
            <numerusform>%n Dokumente exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Export documents with their fields and line items.</source>
        <translation>Dokumente mit ihren Feldern und Positionen exportieren.</translation>
    </message>
    <message>
        <source>Output format: csv or json.</source>
        <translation>Ausgabeformat: csv oder json.</translation>
    </message>
    <message>
        <source>Which documents: approved (by a reviewer or automatically, the default), needs_review or all.</source>
        <translation>Welche Dokumente: approved (von einer prüfenden Person oder automatisch freigegeben, die Vorgabe), needs_review oder all.</translation>
    </message>
    <message>
        <source>Write to FILE instead of standard output; CSV line items then go to FILE-line_items.csv.</source>
        <translation>In DATEI statt auf die Standardausgabe schreiben; CSV-Positionen gehen dann nach DATEI-line_items.csv.</translation>
    </message>
    <message>
        <source>Only documents of this type (a schema name such as commercial_invoice).</source>
        <translation>Nur Dokumente dieses Typs (ein Schemaname wie commercial_invoice).</translation>
    </message>
    <message>
        <source>Only documents approved on or after this day (YYYY-MM-DD).</source>
        <translation>Nur Dokumente, die an oder nach diesem Tag freigegeben wurden (JJJJ-MM-TT).</translation>
    </message>
    <message>
        <source>Only documents approved on or before this day (YYYY-MM-DD).</source>
        <translation>Nur Dokumente, die an oder vor diesem Tag freigegeben wurden (JJJJ-MM-TT).</translation>
    </message>
    <message>
        <source>Leave the line items out.</source>
        <translation>Die Positionen weglassen.</translation>
    </message>
    <message>
        <source>export takes no paths.</source>
        <translation>export nimmt keine Pfade an.</translation>
    </message>
    <message>
        <source>export needs --format csv or --format json.</source>
        <translation>export benötigt --format csv oder --format json.</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;: use approved, needs_review or all.</source>
        <translation>Unbekannter Status „%1“: Verwenden Sie approved, needs_review oder all.</translation>
    </message>
    <message>
        <source>Dates are written YYYY-MM-DD.</source>
        <translation>Datumsangaben werden als JJJJ-MM-TT geschrieben.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export Documents</source>
        <translation>Dokumente exportieren</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Documents:</source>
        <translation>&amp;Dokumente:</translation>
    </message>
    <message>
        <source>Document &amp;type:</source>
        <translation>Dokument&amp;typ:</translation>
    </message>
    <message>
        <source>&amp;Approved between:</source>
        <translation>&amp;Freigegeben zwischen:</translation>
    </message>
    <message>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <source>Include &amp;line items</source>
        <translation>&amp;Positionen einschließen</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>&amp;Speichern unter:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Unknown status &quot;%1&quot;: use approved, needs_review or all.</source>
        <translation>Unbekannter Status „%1“: Verwenden Sie approved, needs_review oder all.</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Cannot write &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message>
        <source>Queue documents as pending without processing them.</source>
        <translation>Dokumente als wartend einreihen, ohne sie zu verarbeiten.</translation>
    </message>
    <message>
        <source>Files or folders to import.</source>
        <translation>Zu importierende Dateien oder Ordner.</translation>
    </message>
    <message>
        <source>import needs at least one file or folder.</source>
        <translation>import benötigt mindestens eine Datei oder einen Ordner.</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>eingereiht</translation>
    </message>
    <message>
        <source>already imported (%1)</source>
        <translation>bereits importiert (%1)</translation>
    </message>
</context>
<context>
    <name>JsonText</name>
    <message>
        <source>The model&apos;s answer is not the JSON object asked for (%1).</source>
        <translation>Die Antwort des Modells ist nicht das angeforderte JSON-Objekt (%1).</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
</context>
<context>
    <name>KeyStore</name>
    <message>
        <source>No API key is stored for %1.</source>
        <translation>Für %1 ist kein API-Schlüssel gespeichert.</translation>
    </message>
    <message>
        <source>No keychain is available to store the API key (%1).</source>
        <translation>Es ist kein Schlüsselbund verfügbar, um den API-Schlüssel zu speichern (%1).</translation>
    </message>
    <message>
        <source>The keychain refused: %1</source>
        <translation>Der Schlüsselbund hat abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>LlmAgentFactory</name>
    <message>
        <source>The openai engine needs an API key: set OPENAI_API_KEY or enter the key in the settings.</source>
        <translation>Die Engine „openai“ benötigt einen API-Schlüssel: Setzen Sie OPENAI_API_KEY oder geben Sie den Schlüssel in den Einstellungen ein.</translation>
    </message>
    <message>
        <source>The kimi engine needs a Kimi-VL endpoint: set KIMI_VL_BASE_URL (and KIMI_VL_API_KEY, KIMI_VL_MODEL) or configure it in the settings.</source>
        <translation>Die Engine „kimi“ benötigt einen Kimi-VL-Endpunkt: Setzen Sie KIMI_VL_BASE_URL (sowie KIMI_VL_API_KEY und KIMI_VL_MODEL) oder richten Sie ihn in den Einstellungen ein.</translation>
    </message>
    <message>
        <source>Unknown LLM engine &quot;%1&quot;.</source>
        <translation>Unbekannte LLM-Engine „%1“.</translation>
    </message>
</context>
<context>
    <name>LlmClient</name>
    <message>
        <source>content filter</source>
        <translation>Inhaltsfilter</translation>
    </message>
    <message>
        <source>The AI provider&apos;s answer is too large.</source>
        <translation>Die Antwort des KI-Anbieters ist zu groß.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The provider&apos;s answer is not JSON (%1).</source>
        <translation>Die Antwort des Anbieters ist kein JSON (%1).</translation>
    </message>
    <message>
        <source>The AI provider did not answer in time (%1 attempts).</source>
        <translation>Der KI-Anbieter hat nicht rechtzeitig geantwortet (%1 Versuche).</translation>
    </message>
    <message>
        <source>The AI provider could not be reached: %1</source>
        <translation>Der KI-Anbieter ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>The AI provider refused the API key; enter a valid key in the settings. (%1)</source>
        <translation>Der KI-Anbieter hat den API-Schlüssel abgelehnt; geben Sie in den Einstellungen einen gültigen Schlüssel ein. (%1)</translation>
    </message>
    <message>
        <source>The AI provider&apos;s account has no credit left: %1</source>
        <translation>Das Konto beim KI-Anbieter hat kein Guthaben mehr: %1</translation>
    </message>
    <message>
        <source>The AI provider answered HTTP %1: %2</source>
        <translation>Der KI-Anbieter antwortete mit HTTP %1: %2</translation>
    </message>
    <message>
        <source>Internal error: a blocking request in the GUI thread.</source>
        <translation>Interner Fehler: eine blockierende Anfrage im GUI-Thread.</translation>
    </message>
    <message>
        <source>The model refused to answer: %1</source>
        <translation>Das Modell hat die Antwort verweigert: %1</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>ohne Angabe von Gründen</translation>
    </message>
    <message>
        <source>The model&apos;s answer was cut off (%1); it is not used.</source>
        <translation>Die Antwort des Modells wurde abgeschnitten (%1) und wird nicht verwendet.</translation>
    </message>
    <message>
        <source>The model list is not readable.</source>
        <translation>Die Modellliste ist nicht lesbar.</translation>
    </message>
    <message>
        <source>The AI provider did not answer in time.</source>
        <translation>Der KI-Anbieter hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The AI provider refused the API key.</source>
        <translation>Der KI-Anbieter hat den API-Schlüssel abgelehnt.</translation>
    </message>
    <message>
        <source>The AI provider answered HTTP %1.</source>
        <translation>Der KI-Anbieter antwortete mit HTTP %1.</translation>
    </message>
    <message>
        <source>The model could not answer: %1</source>
        <translation>Das Modell konnte nicht antworten: %1</translation>
    </message>
    <message>
        <source>The server&apos;s answer has no %1.</source>
        <translation>Die Antwort des Servers enthält kein %1.</translation>
    </message>
</context>
<context>
    <name>LlmExtractor</name>
    <message>
        <source>The model kept calling tools instead of answering.</source>
        <translation>Das Modell hat immer wieder Werkzeuge aufgerufen, statt zu antworten.</translation>
    </message>
</context>
<context>
    <name>LocalClassifier</name>
    <message>
        <source>No document types are loaded.</source>
        <translation>Es sind keine Dokumenttypen geladen.</translation>
    </message>
</context>
<context>
    <name>LocalExtractor</name>
    <message>
        <source>No document type to extract.</source>
        <translation>Kein Dokumenttyp für die Extraktion.</translation>
    </message>
    <message>
        <source>Extraction was cancelled.</source>
        <translation>Die Extraktion wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>PageRenderer</name>
    <message>
        <source>The stored file is missing.</source>
        <translation>Die gespeicherte Datei fehlt.</translation>
    </message>
    <message>
        <source>The PDF is protected by a password.</source>
        <translation>Das PDF ist durch ein Passwort geschützt.</translation>
    </message>
    <message>
        <source>The PDF cannot be read.</source>
        <translation>Das PDF kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The image is too large.</source>
        <translation>Das Bild ist zu groß.</translation>
    </message>
    <message>
        <source>The image cannot be read.</source>
        <translation>Das Bild kann nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>PolicyReviewCoordinator</name>
    <message>
        <source>Nothing was extracted from this document.</source>
        <translation>Aus diesem Dokument wurde nichts extrahiert.</translation>
    </message>
    <message>
        <source>The document type is not one of the known types.</source>
        <translation>Der Dokumenttyp gehört zu keinem der bekannten Typen.</translation>
    </message>
    <message>
        <source>The document type is uncertain.</source>
        <translation>Der Dokumenttyp ist unsicher.</translation>
    </message>
    <message>
        <source>The required field %1 was not found.</source>
        <translation>Das Pflichtfeld %1 wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>%1 was read with low confidence.</source>
        <translation>%1 wurde mit niedriger Konfidenz gelesen.</translation>
    </message>
    <message>
        <source>A validation rule failed (%1).</source>
        <translation>Eine Prüfregel ist fehlgeschlagen (%1).</translation>
    </message>
    <message>
        <source>The engines disagree on %1.</source>
        <translation>Die Engines sind sich bei %1 uneinig.</translation>
    </message>
    <message>
        <source>The document has unusually many pages.</source>
        <translation>Das Dokument hat ungewöhnlich viele Seiten.</translation>
    </message>
    <message>
        <source>A page was rotated to be read.</source>
        <translation>Eine Seite musste zum Lesen gedreht werden.</translation>
    </message>
    <message>
        <source>No text could be read from the document.</source>
        <translation>Aus dem Dokument konnte kein Text gelesen werden.</translation>
    </message>
    <message>
        <source>Most of the text is not in the Latin script.</source>
        <translation>Der größte Teil des Textes ist nicht in lateinischer Schrift.</translation>
    </message>
    <message>
        <source>The scanned text was recognised with low confidence.</source>
        <translation>Der gescannte Text wurde mit niedriger Konfidenz erkannt.</translation>
    </message>
</context>
<context>
    <name>PricingTable</name>
    <message>
        <source>Unknown image token mode &quot;%1&quot;.</source>
        <translation>Unbekannter Bild-Token-Modus „%1“.</translation>
    </message>
    <message>
        <source>An image token rule has a negative or malformed figure.</source>
        <translation>Eine Bild-Token-Regel enthält einen negativen oder fehlerhaften Wert.</translation>
    </message>
    <message>
        <source>Price of %1: %2</source>
        <translation>Preis von %1: %2</translation>
    </message>
    <message>
        <source>prices must be non-negative numbers of USD per 1M tokens.</source>
        <translation>Preise müssen nicht negative Beträge in USD pro 1 Mio. Token sein.</translation>
    </message>
    <message>
        <source>the input and output prices are required.</source>
        <translation>Die Preise für Eingabe und Ausgabe sind erforderlich.</translation>
    </message>
    <message>
        <source>shutdown_date &quot;%1&quot; is not a YYYY-MM-DD date.</source>
        <translation>shutdown_date „%1“ ist kein Datum im Format JJJJ-MM-TT.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 ist kein gültiges JSON: %2</translation>
    </message>
    <message>
        <source>%1 has no &quot;models&quot; object.</source>
        <translation>%1 enthält kein „models“-Objekt.</translation>
    </message>
    <message>
        <source>The built-in pricing</source>
        <translation>Die eingebaute Preistabelle</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The price of %1 is not an object.</source>
        <translation>Der Preis von %1 ist kein Objekt.</translation>
    </message>
    <message>
        <source>No price is known for the model &quot;%1&quot;: add it to %2 to use it within a budget.</source>
        <translation>Für das Modell „%1“ ist kein Preis bekannt: Tragen Sie ihn in %2 ein, um das Modell innerhalb eines Budgets zu verwenden.</translation>
    </message>
</context>
<context>
    <name>ProcessCommand</name>
    <message>
        <source>Process documents headless and store the results.</source>
        <translation>Dokumente ohne Oberfläche verarbeiten und die Ergebnisse speichern.</translation>
    </message>
    <message>
        <source>Print one JSON object per document and line.</source>
        <translation>Ein JSON-Objekt pro Dokument und Zeile ausgeben.</translation>
    </message>
    <message>
        <source>Files or folders to process.</source>
        <translation>Zu verarbeitende Dateien oder Ordner.</translation>
    </message>
    <message>
        <source>process needs at least one file or folder.</source>
        <translation>process benötigt mindestens eine Datei oder einen Ordner.</translation>
    </message>
    <message>
        <source>no supported documents found</source>
        <translation>keine unterstützten Dokumente gefunden</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s), %1 failed</source>
        <translation>
            <numerusform>%n Dokument, %1 fehlgeschlagen</numerusform>
            <numerusform>%n Dokumente, %1 fehlgeschlagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>All documents</source>
        <translation>Alle Dokumente</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>Zu prüfen</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <source>Auto-approved</source>
        <translation>Automatisch freigegeben</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>ReviewField</name>
    <message>
        <source>Row %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>ReviewShortcuts</name>
    <message>
        <source>Review</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>Nächstes Feld</translation>
    </message>
    <message>
        <source>Previous field</source>
        <translation>Vorheriges Feld</translation>
    </message>
    <message>
        <source>Accept field and move on</source>
        <translation>Feld übernehmen und weiter</translation>
    </message>
    <message>
        <source>Edit a table cell</source>
        <translation>Tabellenzelle bearbeiten</translation>
    </message>
    <message>
        <source>Add a table row</source>
        <translation>Tabellenzeile hinzufügen</translation>
    </message>
    <message>
        <source>Delete a table row</source>
        <translation>Tabellenzeile löschen</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Arbeitsplatz</translation>
    </message>
</context>
<context>
    <name>RoutingAgents</name>
    <message>
        <source>The AI model was not used: %1 The offline engine&apos;s reading stands.</source>
        <translation>Das KI-Modell wurde nicht verwendet: %1 Das Ergebnis der Offline-Engine bleibt bestehen.</translation>
    </message>
    <message>
        <source>The AI model could not be used: %1 The offline engine read this document instead.</source>
        <translation>Das KI-Modell konnte nicht verwendet werden: %1 Stattdessen hat die Offline-Engine dieses Dokument gelesen.</translation>
    </message>
    <message>
        <source>The model failed: %1 The fallback model %2 read this document instead.</source>
        <translation>Das Modell ist gescheitert: %1 Stattdessen hat das Ersatzmodell %2 dieses Dokument gelesen.</translation>
    </message>
</context>
<context>
    <name>RuleValidator</name>
    <message>
        <source>line items sum to %1 but subtotal is %2</source>
        <translation>Die Positionen ergeben %1, die Zwischensumme ist aber %2</translation>
    </message>
    <message>
        <source>line items sum to %1 (%2 with tax %3) but total is %4</source>
        <translation>Die Positionen ergeben %1 (%2 mit Steuer %3), der Gesamtbetrag ist aber %4</translation>
    </message>
    <message>
        <source>line items sum to %1 but total is %2</source>
        <translation>Die Positionen ergeben %1, der Gesamtbetrag ist aber %2</translation>
    </message>
    <message>
        <source>subtotal equals total (%1): tax %2 is taken as included in it</source>
        <translation>Zwischensumme gleich Gesamtbetrag (%1): Die Steuer %2 gilt als darin enthalten</translation>
    </message>
    <message>
        <source>subtotal %1 plus tax %2 is %3 but total is %4</source>
        <translation>Zwischensumme %1 plus Steuer %2 ergibt %3, der Gesamtbetrag ist aber %4</translation>
    </message>
    <message>
        <source>row %1: quantity %2 × unit price %3 is %4 but amount is %5</source>
        <translation>Zeile %1: Menge %2 × Einzelpreis %3 ergibt %4, der Betrag ist aber %5</translation>
    </message>
    <message>
        <source>due date %1 is %2 days before the document date %3</source>
        <translation>Das Fälligkeitsdatum %1 liegt %2 Tage vor dem Belegdatum %3</translation>
    </message>
    <message>
        <source>%1 %2 is implausible: it is before %3.</source>
        <translation>%1 %2 ist unplausibel: Das Datum liegt vor dem %3.</translation>
    </message>
    <message>
        <source>%1 %2 is implausible: it is %3 days after today (%4), more than a year ahead.</source>
        <translation>%1 %2 ist unplausibel: Das Datum liegt %3 Tage nach heute (%4), mehr als ein Jahr in der Zukunft.</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>%1 is a withdrawn currency code: right only on an older document.</source>
        <translation>%1 ist ein zurückgezogener Währungscode: nur auf einem älteren Dokument richtig.</translation>
    </message>
    <message>
        <source>%1 is not an ISO 4217 currency code.</source>
        <translation>%1 ist kein Währungscode nach ISO 4217.</translation>
    </message>
    <message>
        <source>package %1 values sum to %2 but %3 is %4</source>
        <translation>Die Packstückwerte für %1 ergeben %2, %3 ist aber %4</translation>
    </message>
    <message>
        <source>package counts sum to %1 but total packages is %2</source>
        <translation>Die Packstückanzahlen ergeben %1, die Gesamtzahl der Packstücke ist aber %2</translation>
    </message>
    <message>
        <source>total net weight %1 is above total gross weight %2</source>
        <translation>Das Gesamtnettogewicht %1 liegt über dem Gesamtbruttogewicht %2</translation>
    </message>
    <message>
        <source>row %1: net weight %2 is above gross weight %3</source>
        <translation>Zeile %1: Das Nettogewicht %2 liegt über dem Bruttogewicht %3</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a valid date (expected year-month-day, e.g. 2024-03-31).</source>
        <translation>%1 „%2“ ist kein gültiges Datum (erwartet: Jahr-Monat-Tag, z. B. 2024-03-31).</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not an amount (expected a decimal number such as 1041.25).</source>
        <translation>%1 „%2“ ist kein Betrag (erwartet: eine Dezimalzahl wie 1041.25).</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a number.</source>
        <translation>%1 „%2“ ist keine Zahl.</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not an ISO 4217 currency code (three capital letters such as EUR).</source>
        <translation>%1 „%2“ ist kein Währungscode nach ISO 4217 (drei Großbuchstaben wie EUR).</translation>
    </message>
    <message>
        <source>%1 is required but was not found.</source>
        <translation>%1 ist ein Pflichtfeld, wurde aber nicht gefunden.</translation>
    </message>
    <message>
        <source>%1 is negative (%2): a credit note, or a misread sign?</source>
        <translation>%1 ist negativ (%2): eine Gutschrift oder ein falsch gelesenes Vorzeichen?</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>Certificate of origin, conformity or analysis.</source>
        <translation>Ursprungszeugnis, Konformitätsbescheinigung oder Analysezertifikat.</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Zertifikatsnummer</translation>
    </message>
    <message>
        <source>Certificate type</source>
        <translation>Zertifikatsart</translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation>Ausstellungsdatum</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>Exporteur</translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Country of origin</source>
        <translation>Ursprungsland</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>Waren</translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation>Rechnungsnummer</translation>
    </message>
    <message>
        <source>Commercial invoice</source>
        <translation>Handelsrechnung</translation>
    </message>
    <message>
        <source>Any invoice or bill for goods or services.</source>
        <translation>Jede Rechnung für Waren oder Dienstleistungen.</translation>
    </message>
    <message>
        <source>Invoice date</source>
        <translation>Rechnungsdatum</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Verkäufer</translation>
    </message>
    <message>
        <source>Seller address</source>
        <translation>Anschrift des Verkäufers</translation>
    </message>
    <message>
        <source>Seller tax ID</source>
        <translation>Steuernummer des Verkäufers</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Käufer</translation>
    </message>
    <message>
        <source>Buyer address</source>
        <translation>Anschrift des Käufers</translation>
    </message>
    <message>
        <source>Purchase order</source>
        <translation>Bestellnummer</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Steuer</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamtbetrag</translation>
    </message>
    <message>
        <source>Incoterms</source>
        <translation>Incoterms</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>HS code</source>
        <translation>HS-Code</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Other document</source>
        <translation>Sonstiges Dokument</translation>
    </message>
    <message>
        <source>Any document that is none of the known types.</source>
        <translation>Jedes Dokument, das zu keinem der bekannten Typen gehört.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation>Packliste</translation>
    </message>
    <message>
        <source>A list of the packages of a shipment with their contents and weights.</source>
        <translation>Eine Liste der Packstücke einer Sendung mit Inhalt und Gewichten.</translation>
    </message>
    <message>
        <source>Packing list number</source>
        <translation>Packlistennummer</translation>
    </message>
    <message>
        <source>Shipper</source>
        <translation>Versender</translation>
    </message>
    <message>
        <source>Shipper address</source>
        <translation>Anschrift des Versenders</translation>
    </message>
    <message>
        <source>Consignee address</source>
        <translation>Anschrift des Empfängers</translation>
    </message>
    <message>
        <source>Total packages</source>
        <translation>Packstücke gesamt</translation>
    </message>
    <message>
        <source>Total gross weight</source>
        <translation>Bruttogewicht gesamt</translation>
    </message>
    <message>
        <source>Total net weight</source>
        <translation>Nettogewicht gesamt</translation>
    </message>
    <message>
        <source>Weight unit</source>
        <translation>Gewichtseinheit</translation>
    </message>
    <message>
        <source>Total volume</source>
        <translation>Volumen gesamt</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>Markierungen</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>Packstücke</translation>
    </message>
    <message>
        <source>Package type</source>
        <translation>Packstückart</translation>
    </message>
    <message>
        <source>Gross weight</source>
        <translation>Bruttogewicht</translation>
    </message>
    <message>
        <source>Net weight</source>
        <translation>Nettogewicht</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Abmessungen</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Kassenbon</translation>
    </message>
    <message>
        <source>A till or cash receipt for a purchase.</source>
        <translation>Ein Kassenbon oder eine Quittung für einen Einkauf.</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>Belegnummer</translation>
    </message>
</context>
<context>
    <name>SchemaRegistry</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 ist kein gültiges JSON: %2</translation>
    </message>
</context>
<context>
    <name>SettingsBudgetsPage</name>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
</context>
<context>
    <name>SettingsDatabaseProfile</name>
    <message>
        <source>Enter the PostgreSQL server&apos;s host name.</source>
        <translation>Geben Sie den Hostnamen des PostgreSQL-Servers ein.</translation>
    </message>
    <message>
        <source>Enter the name of the database.</source>
        <translation>Geben Sie den Namen der Datenbank ein.</translation>
    </message>
    <message>
        <source>Enter the database user.</source>
        <translation>Geben Sie den Datenbankbenutzer ein.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Only a supervisor may change the budgets.</source>
        <translation>Nur Supervisoren dürfen die Budgets ändern.</translation>
    </message>
</context>
<context>
    <name>SettingsProviderBox</name>
    <message numerus="yes">
        <source>OK: the provider answered and lists %n model(s).</source>
        <translation>
            <numerusform>OK: Der Anbieter hat geantwortet und nennt %n Modell.</numerusform>
            <numerusform>OK: Der Anbieter hat geantwortet und nennt %n Modelle.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Pending</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>In Verarbeitung</translation>
    </message>
    <message>
        <source>Auto-approved</source>
        <translation>Automatisch freigegeben</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>Zu prüfen</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>No database was given.</source>
        <translation>Es wurde keine Datenbank angegeben.</translation>
    </message>
    <message>
        <source>The database could not be brought up to date: %1</source>
        <translation>Die Datenbank konnte nicht auf den neuesten Stand gebracht werden: %1</translation>
    </message>
    <message>
        <source>The database path is empty.</source>
        <translation>Der Datenbankpfad ist leer.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The database address is not valid; expected postgresql://user[:password]@host:port/database.</source>
        <translation>Die Datenbankadresse ist ungültig; erwartet wird postgresql://benutzer[:passwort]@rechner:port/datenbank.</translation>
    </message>
    <message>
        <source>The PostgreSQL driver (QPSQL) is not installed.</source>
        <translation>Der PostgreSQL-Treiber (QPSQL) ist nicht installiert.</translation>
    </message>
    <message>
        <source>Cannot connect to the database %1: %2</source>
        <translation>Keine Verbindung zur Datenbank %1 möglich: %2</translation>
    </message>
    <message>
        <source>Cannot reconnect to the database: %1</source>
        <translation>Die Verbindung zur Datenbank kann nicht wiederhergestellt werden: %1</translation>
    </message>
    <message>
        <source>Document %1 does not exist.</source>
        <translation>Das Dokument %1 existiert nicht.</translation>
    </message>
    <message>
        <source>A document needs its content hash to be stored.</source>
        <translation>Ein Dokument braucht seinen Inhalts-Hash, um gespeichert zu werden.</translation>
    </message>
    <message>
        <source>No document has this content.</source>
        <translation>Kein Dokument hat diesen Inhalt.</translation>
    </message>
    <message>
        <source>The line items could not be stored.</source>
        <translation>Die Positionen konnten nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The extraction could not be stored.</source>
        <translation>Die Extraktion konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>This document has not been extracted yet.</source>
        <translation>Dieses Dokument wurde noch nicht extrahiert.</translation>
    </message>
    <message>
        <source>This database was created by a newer version of Docket (schema %1, this one knows %2).</source>
        <translation>Diese Datenbank wurde von einer neueren Docket-Version angelegt (Schema %1, diese Version kennt %2).</translation>
    </message>
    <message>
        <source>A review lease needs the reviewer&apos;s name.</source>
        <translation>Eine Prüfreservierung braucht den Namen der prüfenden Person.</translation>
    </message>
    <message>
        <source>The correction could not be stored.</source>
        <translation>Die Korrektur konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>No field was given.</source>
        <translation>Es wurde kein Feld angegeben.</translation>
    </message>
    <message>
        <source>Row %1 does not exist.</source>
        <translation>Die Zeile %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The user name is empty.</source>
        <translation>Der Benutzername ist leer.</translation>
    </message>
    <message>
        <source>Only a supervisor may change roles; %1 is a reviewer.</source>
        <translation>Nur Supervisoren dürfen Rollen ändern; %1 ist prüfende Person.</translation>
    </message>
    <message>
        <source>The database is busy. Please try again in a moment.</source>
        <translation>Die Datenbank ist ausgelastet. Bitte versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>A database operation failed: %1</source>
        <translation>Ein Datenbankvorgang ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Someone else changed this document meanwhile (it is at version %1, you opened version %2). Reload it and review it again.</source>
        <translation>Jemand anderes hat dieses Dokument inzwischen geändert (es ist bei Version %1, Sie haben Version %2 geöffnet). Laden Sie es neu und prüfen Sie es erneut.</translation>
    </message>
    <message>
        <source>The usage could not be recorded.</source>
        <translation>Die Nutzung konnte nicht erfasst werden.</translation>
    </message>
    <message>
        <source>No vendor was given.</source>
        <translation>Es wurde kein Lieferant angegeben.</translation>
    </message>
    <message>
        <source>The claim of document %1 expired; this worker no longer holds it.</source>
        <translation>Die Übernahme von Dokument %1 ist abgelaufen; dieser Worker hält es nicht mehr.</translation>
    </message>
    <message>
        <source>The claim of document %1 expired and %2 has taken it over.</source>
        <translation>Die Übernahme von Dokument %1 ist abgelaufen, und %2 hat es übernommen.</translation>
    </message>
</context>
<context>
    <name>UndoFieldCommand</name>
    <message>
        <source>Correction of %1</source>
        <translation>Korrektur von %1</translation>
    </message>
</context>
<context>
    <name>UndoRowCommand</name>
    <message>
        <source>Add row %1</source>
        <translation>Zeile %1 hinzufügen</translation>
    </message>
    <message>
        <source>Delete row %1</source>
        <translation>Zeile %1 löschen</translation>
    </message>
</context>
<context>
    <name>VendorMemory</name>
    <message>
        <source>The vendor memory is not valid JSON: %1</source>
        <translation>Das Lieferantengedächtnis ist kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>The vendor layout is not valid JSON: %1</source>
        <translation>Das Lieferantenlayout ist kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>The vendor layout has no vendor key.</source>
        <translation>Das Lieferantenlayout hat keinen Lieferantenschlüssel.</translation>
    </message>
</context>
<context>
    <name>WorkerCommand</name>
    <message>
        <source>--%1 takes a number of seconds from %2 to %3.</source>
        <translation>--%1 erwartet eine Anzahl Sekunden von %2 bis %3.</translation>
    </message>
    <message>
        <source>Process the pending documents of a shared database until stopped. Several workers on several machines may share one PostgreSQL database; each document is claimed by one of them. The stored originals must be reachable: on other machines give the shared data folder with --data.</source>
        <translation>Die wartenden Dokumente einer gemeinsamen Datenbank verarbeiten, bis der Vorgang gestoppt wird. Mehrere Worker auf mehreren Rechnern können eine PostgreSQL-Datenbank teilen; jedes Dokument wird von genau einem von ihnen übernommen. Die gespeicherten Originale müssen erreichbar sein: Geben Sie auf anderen Rechnern den gemeinsamen Datenordner mit --data an.</translation>
    </message>
    <message>
        <source>Print one JSON object per document and line.</source>
        <translation>Ein JSON-Objekt pro Dokument und Zeile ausgeben.</translation>
    </message>
    <message>
        <source>Exit when no document is pending and none is claimed by another worker.</source>
        <translation>Beenden, wenn kein Dokument wartet und keines von einem anderen Worker übernommen ist.</translation>
    </message>
    <message>
        <source>Seconds a claim lasts without renewal (default: 900).</source>
        <translation>Sekunden, die eine Übernahme ohne Erneuerung gilt (Vorgabe: 900).</translation>
    </message>
    <message>
        <source>Seconds between looks at an empty queue (default: 5).</source>
        <translation>Sekunden zwischen zwei Blicken in eine leere Warteschlange (Vorgabe: 5).</translation>
    </message>
    <message>
        <source>Name of this worker in claims (default: host/pid).</source>
        <translation>Name dieses Workers in Übernahmen (Vorgabe: Rechner/PID).</translation>
    </message>
    <message>
        <source>worker takes no paths: import documents with &apos;docket import&apos;.</source>
        <translation>worker nimmt keine Pfade an: Importieren Sie Dokumente mit „docket import“.</translation>
    </message>
    <message>
        <source>worker needs --db URL.</source>
        <translation>worker benötigt --db URL.</translation>
    </message>
    <message>
        <source>cannot install the signal handlers.</source>
        <translation>Die Signal-Handler können nicht installiert werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s), %1 failed</source>
        <translation>
            <numerusform>%n Dokument, %1 fehlgeschlagen</numerusform>
            <numerusform>%n Dokumente, %1 fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n result(s) discarded (claim taken over)</source>
        <translation>
            <numerusform>, %n Ergebnis verworfen (Übernahme durch anderen Worker)</numerusform>
            <numerusform>, %n Ergebnisse verworfen (Übernahme durch anderen Worker)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>docket::Banner</name>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close notice</source>
        <translation>Hinweis schließen</translation>
    </message>
    <message numerus="yes">
        <source>(%n more)</source>
        <translation>
            <numerusform>(%n weiterer)</numerusform>
            <numerusform>(%n weitere)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>docket::CostDashboard</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>no budget</source>
        <translation>kein Budget</translation>
    </message>
    <message>
        <source>%1 (no budget)</source>
        <translation>%1 (kein Budget)</translation>
    </message>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 von %2 (%3 %)</translation>
    </message>
    <message>
        <source>Could not load the figures: %1</source>
        <translation>Die Kennzahlen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren …</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>Spend today</source>
        <translation>Ausgaben heute</translation>
    </message>
    <message>
        <source>Spend this month</source>
        <translation>Ausgaben diesen Monat</translation>
    </message>
    <message>
        <source>Spend in the period</source>
        <translation>Ausgaben im Zeitraum</translation>
    </message>
    <message>
        <source>Cost per document</source>
        <translation>Kosten pro Dokument</translation>
    </message>
    <message>
        <source>Tokens in / cached / out</source>
        <translation>Token Eingabe / zwischengespeichert / Ausgabe</translation>
    </message>
    <message>
        <source>Prompt-cache hit rate</source>
        <translation>Trefferquote des Prompt-Caches</translation>
    </message>
    <message>
        <source>Documents per hour</source>
        <translation>Dokumente pro Stunde</translation>
    </message>
    <message>
        <source>Processing time p50 / p90 / p99</source>
        <translation>Verarbeitungszeit p50 / p90 / p99</translation>
    </message>
    <message>
        <source>Review rate</source>
        <translation>Prüfquote</translation>
    </message>
    <message>
        <source>Auto-approval rate</source>
        <translation>Quote automatischer Freigaben</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>Over time</source>
        <translation>Zeitverlauf</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>Aufschlüsselung</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>Eingabe-Token</translation>
    </message>
    <message>
        <source>Cached tokens</source>
        <translation>Zwischengespeicherte Token</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>Ausgabe-Token</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Updated %1 (%2 ms)</source>
        <translation>Aktualisiert %1 (%2 ms)</translation>
    </message>
    <message>
        <source>%1 (%2 in active hours)</source>
        <translation>%1 (%2 in aktiven Stunden)</translation>
    </message>
    <message>
        <source>USD</source>
        <translation>USD</translation>
    </message>
    <message>
        <source>Spend by provider</source>
        <translation>Ausgaben nach Anbieter</translation>
    </message>
    <message>
        <source>Spend by model</source>
        <translation>Ausgaben nach Modell</translation>
    </message>
    <message>
        <source>Spend by agent step</source>
        <translation>Ausgaben nach Agentenschritt</translation>
    </message>
    <message>
        <source>Spend by document type</source>
        <translation>Ausgaben nach Dokumenttyp</translation>
    </message>
    <message>
        <source>Corrections per field</source>
        <translation>Korrekturen pro Feld</translation>
    </message>
    <message>
        <source>edits</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Documents decided per reviewer</source>
        <translation>Entschiedene Dokumente pro prüfender Person</translation>
    </message>
    <message>
        <source>documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Agent step</source>
        <translation>Agentenschritt</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>Dokumenttyp</translation>
    </message>
    <message>
        <source>Reviewers (approved / rejected / corrections)</source>
        <translation>Prüfende (freigegeben / abgelehnt / Korrekturen)</translation>
    </message>
    <message>
        <source>The figures are not loaded yet.</source>
        <translation>Die Kennzahlen sind noch nicht geladen.</translation>
    </message>
    <message>
        <source>Export dashboard</source>
        <translation>Dashboard exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportiert nach %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>docket::ExportDialog</name>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>CSV (spreadsheets)</source>
        <translation>CSV (Tabellenkalkulation)</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Awaiting review</source>
        <translation>Zu prüfen</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>Alle Dokumente</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <source>One JSON object per document: its fields, each with the value, the text it was read from, confidence, page and box, and its line items.</source>
        <translation>Ein JSON-Objekt pro Dokument: seine Felder, jeweils mit Wert, gelesenem Text, Konfidenz, Seite und Rahmen, sowie seine Positionen.</translation>
    </message>
    <message>
        <source>One JSON object per document: its fields, each with the value, the text it was read from, confidence, page and box.</source>
        <translation>Ein JSON-Objekt pro Dokument: seine Felder, jeweils mit Wert, gelesenem Text, Konfidenz, Seite und Rahmen.</translation>
    </message>
    <message>
        <source>One row per document with its fields. The line items go to a second file, %1, one row per item, linked to their document by sha256.</source>
        <translation>Eine Zeile pro Dokument mit seinen Feldern. Die Positionen kommen in eine zweite Datei, %1, eine Zeile pro Position, über sha256 mit ihrem Dokument verknüpft.</translation>
    </message>
    <message>
        <source>One row per document with its fields.</source>
        <translation>Eine Zeile pro Dokument mit seinen Feldern.</translation>
    </message>
    <message>
        <source>The same files as “docket export --output”.</source>
        <translation>Dieselben Dateien wie „docket export --output“.</translation>
    </message>
    <message>
        <source>Counting documents…</source>
        <translation>Dokumente werden gezählt …</translation>
    </message>
    <message>
        <source>Cannot count the documents: %1</source>
        <translation>Die Dokumente können nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>No document matches these choices.</source>
        <translation>Kein Dokument entspricht dieser Auswahl.</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) will be exported.</source>
        <translation>
            <numerusform>%n Dokument wird exportiert.</numerusform>
            <numerusform>%n Dokumente werden exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export To</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>%1 of %2 documents</source>
        <translation>%1 von %2 Dokumenten</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n document(s) to %1 and %2.</source>
        <translation>
            <numerusform>%n Dokument nach %1 und %2 exportiert.</numerusform>
            <numerusform>%n Dokumente nach %1 und %2 exportiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n document(s) to %1.</source>
        <translation>
            <numerusform>%n Dokument nach %1 exportiert.</numerusform>
            <numerusform>%n Dokumente nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>The export was stopped; no file was written.</source>
        <translation>Der Export wurde angehalten; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Der Export ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>docket::FieldPanel</name>
    <message>
        <source>PDF text</source>
        <translation>PDF-Text</translation>
    </message>
    <message>
        <source>OCR</source>
        <translation>Texterkennung</translation>
    </message>
    <message>
        <source>Language model</source>
        <translation>Sprachmodell</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Manuelle Korrektur</translation>
    </message>
    <message>
        <source>Vendor memory</source>
        <translation>Lieferantengedächtnis</translation>
    </message>
    <message>
        <source>Not found on the document</source>
        <translation>Nicht im Dokument gefunden</translation>
    </message>
    <message>
        <source>Confidence: %1 % (%2)</source>
        <translation>Konfidenz: %1 % (%2)</translation>
    </message>
    <message>
        <source>Read: “%1”</source>
        <translation>Gelesen: „%1“</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Page: %1</source>
        <translation>Seite: %1</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>Dokumenttyp</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>&amp;Typ</translation>
    </message>
    <message>
        <source>No document selected.</source>
        <translation>Kein Dokument ausgewählt.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 · type %2 % sure</source>
        <translation>%1 · Typ zu %2 % sicher</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflichtfeld</translation>
    </message>
    <message>
        <source>Entered by the reviewer</source>
        <translation>Von der prüfenden Person eingegeben</translation>
    </message>
</context>
<context>
    <name>docket::Importer</name>
    <message>
        <source>&quot;%1&quot; does not exist.</source>
        <translation>„%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be read.</source>
        <translation>„%1“ kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2 MB, more than the %3 MB Docket accepts.</source>
        <translation>„%1“ ist %2 MB groß, mehr als die %3 MB, die Docket annimmt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is empty.</source>
        <translation>„%1“ ist leer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a PDF, PNG, JPEG or TIFF file.</source>
        <translation>„%1“ ist keine PDF-, PNG-, JPEG- oder TIFF-Datei.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be read: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The data folder &quot;%1&quot; cannot be written.</source>
        <translation>In den Datenordner „%1“ kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The data folder &quot;%1&quot; cannot be written: %2</source>
        <translation>In den Datenordner „%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; grew beyond the %2 MB Docket accepts.</source>
        <translation>„%1“ ist über die %2 MB hinausgewachsen, die Docket annimmt.</translation>
    </message>
    <message>
        <source>Copying &quot;%1&quot; into the data folder failed: %2</source>
        <translation>„%1“ konnte nicht in den Datenordner kopiert werden: %2</translation>
    </message>
</context>
<context>
    <name>docket::LineItemsEditor</name>
    <message>
        <source>Add row</source>
        <translation>Zeile hinzufügen</translation>
    </message>
    <message>
        <source>Add a row below the selected one (Ins)</source>
        <translation>Eine Zeile unter der ausgewählten einfügen (Einfg)</translation>
    </message>
    <message>
        <source>Delete row</source>
        <translation>Zeile löschen</translation>
    </message>
    <message>
        <source>Delete the selected row (Del)</source>
        <translation>Die ausgewählte Zeile löschen (Entf)</translation>
    </message>
    <message>
        <source>Line items</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <source>Packages (%1)</source>
        <translation>Packstücke (%1)</translation>
    </message>
    <message>
        <source>Line items (%1)</source>
        <translation>Positionen (%1)</translation>
    </message>
</context>
<context>
    <name>docket::LineItemsModel</name>
    <message>
        <source>Read: %1
Confidence: %2 %</source>
        <translation>Gelesen: %1
Konfidenz: %2 %</translation>
    </message>
    <message>
        <source>Entered by the reviewer</source>
        <translation>Von der prüfenden Person eingegeben</translation>
    </message>
</context>
<context>
    <name>docket::MainWindow</name>
    <message>
        <source>Docket</source>
        <translation>Docket</translation>
    </message>
    <message>
        <source>The queue cannot be read: %1</source>
        <translation>Die Warteschlange kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren …</translation>
    </message>
    <message>
        <source>Import PDFs and scans</source>
        <translation>PDFs und Scans importieren</translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation>&amp;Ordner importieren …</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Import every document in a folder and its subfolders</source>
        <translation>Alle Dokumente eines Ordners und seiner Unterordner importieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Dashboard</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Docket</source>
        <translation>Ü&amp;ber Docket</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>The database cannot be opened: %1</source>
        <translation>Die Datenbank kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Import Documents</source>
        <translation>Dokumente importieren</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)</source>
        <translation>Dokumente (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import Folder</source>
        <translation>Ordner importieren</translation>
    </message>
    <message>
        <source>About Docket</source>
        <translation>Über Docket</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Docket %1&lt;/h3&gt;&lt;p&gt;A review workstation for business documents: invoices, packing lists, certificates and receipts.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Docket %1&lt;/h3&gt;&lt;p&gt;Ein Prüfarbeitsplatz für Geschäftsdokumente: Rechnungen, Packlisten, Zertifikate und Kassenbons.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The document cannot be read: %1</source>
        <translation>Das Dokument kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 — Docket</source>
        <translation>%1 – Docket</translation>
    </message>
    <message>
        <source>Cost and quality dashboard</source>
        <translation>Dashboard für Kosten und Qualität</translation>
    </message>
    <message>
        <source>Nothing could be read from that region: %1</source>
        <translation>Aus diesem Bereich konnte nichts gelesen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
    </message>
    <message>
        <source>Export approved documents to CSV or JSON</source>
        <translation>Freigegebene Dokumente als CSV oder JSON exportieren</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>&amp;Tab Visits Only Uncertain Fields</source>
        <translation>&amp;Tab springt nur zu unsicheren Feldern</translation>
    </message>
    <message>
        <source>Tab and Shift+Tab skip fields read with high confidence and no problem</source>
        <translation>Tab und Umschalt+Tab überspringen Felder, die mit hoher Konfidenz und ohne Probleme gelesen wurden</translation>
    </message>
    <message>
        <source>Cost and quality figures (supervisors)</source>
        <translation>Kosten- und Qualitätskennzahlen (Supervisoren)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>No more documents need review.</source>
        <translation>Keine weiteren Dokumente zu prüfen.</translation>
    </message>
    <message>
        <source>The new database is used after Docket is restarted.</source>
        <translation>Die neue Datenbank wird nach einem Neustart von Docket verwendet.</translation>
    </message>
    <message>
        <source>All fields confident</source>
        <translation>Alle Felder sicher gelesen</translation>
    </message>
    <message>
        <source>%1 fields to check</source>
        <translation>%1 Felder zu prüfen</translation>
    </message>
    <message>
        <source>1 field to check</source>
        <translation>1 Feld zu prüfen</translation>
    </message>
    <message>
        <source>This document was changed on another workstation.</source>
        <translation>Dieses Dokument wurde an einem anderen Arbeitsplatz geändert.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Engine settings applied to the documents read from now on.</source>
        <translation>Die Engine-Einstellungen gelten für alle ab jetzt gelesenen Dokumente.</translation>
    </message>
</context>
<context>
    <name>docket::PageCanvas</name>
    <message>
        <source>%1 — %2 (%3 %)</source>
        <translation>%1 – %2 (%3 %)</translation>
    </message>
    <message>
        <source>A validation rule fails for this field.</source>
        <translation>Für dieses Feld schlägt eine Prüfregel fehl.</translation>
    </message>
</context>
<context>
    <name>docket::PageView</name>
    <message>
        <source>Select a document in the queue.

To import, drop PDFs, scans or folders on this window, or use File ▸ Import.</source>
        <translation>Wählen Sie ein Dokument in der Warteschlange aus.

Zum Importieren ziehen Sie PDFs, Scans oder Ordner auf dieses Fenster oder verwenden Sie Datei ▸ Importieren.</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>Fit &amp;Width</source>
        <translation>An &amp;Breite anpassen</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>Fit &amp;Page</source>
        <translation>An &amp;Seite anpassen</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Next Page</source>
        <translation>&amp;Nächste Seite</translation>
    </message>
    <message>
        <source>Ctrl+PgDown</source>
        <translation>Ctrl+PgDown</translation>
    </message>
    <message>
        <source>P&amp;revious Page</source>
        <translation>&amp;Vorherige Seite</translation>
    </message>
    <message>
        <source>Ctrl+PgUp</source>
        <translation>Ctrl+PgUp</translation>
    </message>
    <message>
        <source>Rotate &amp;Left</source>
        <translation>Nach &amp;links drehen</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>[</source>
        <translation>[</translation>
    </message>
    <message>
        <source>Rotate &amp;Right</source>
        <translation>Nach &amp;rechts drehen</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>]</source>
        <translation>]</translation>
    </message>
    <message>
        <source>Read &amp;Region</source>
        <translation>Bereich &amp;lesen</translation>
    </message>
    <message>
        <source>Read region: drag a rectangle on the page to read the selected field from it (or drag beside the boxes, or with Shift held)</source>
        <translation>Bereich lesen: Ziehen Sie ein Rechteck auf der Seite auf, um das ausgewählte Feld daraus zu lesen (oder ziehen Sie neben den Rahmen oder mit gedrückter Umschalttaste)</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen …</translation>
    </message>
    <message>
        <source>%1 cannot be displayed.
%2</source>
        <translation>%1 kann nicht angezeigt werden.
%2</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>Select a field first, then draw a rectangle around its value on the page to read it from there.</source>
        <translation>Wählen Sie zuerst ein Feld aus und ziehen Sie dann auf der Seite ein Rechteck um seinen Wert, um ihn von dort zu lesen.</translation>
    </message>
    <message>
        <source>Reading the region for the selected field…</source>
        <translation>Der Bereich für das ausgewählte Feld wird gelesen …</translation>
    </message>
    <message>
        <source>Read “%1” from the region.</source>
        <translation>„%1“ aus dem Bereich gelesen.</translation>
    </message>
</context>
<context>
    <name>docket::ProcessingPresenter</name>
    <message>
        <source>Stop processing</source>
        <translation>Verarbeitung anhalten</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten …</translation>
    </message>
    <message>
        <source>Processing is not available.</source>
        <translation>Die Verarbeitung ist nicht verfügbar.</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n item(s)…</source>
        <translation>
            <numerusform>%n Element wird importiert …</numerusform>
            <numerusform>%n Elemente werden importiert …</numerusform>
        </translation>
    </message>
    <message>
        <source>Processed %1 of %2</source>
        <translation>%1 von %2 verarbeitet</translation>
    </message>
    <message>
        <source>Processing %1 of %2</source>
        <translation>%1 von %2 wird verarbeitet</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>%1 was already imported.</source>
        <translation>%1 wurde bereits importiert.</translation>
    </message>
    <message>
        <source>Show document</source>
        <translation>Dokument anzeigen</translation>
    </message>
    <message>
        <source>Password required</source>
        <translation>Passwort erforderlich</translation>
    </message>
    <message>
        <source>%1 is protected by a password.
Password:</source>
        <translation>%1 ist durch ein Passwort geschützt.
Passwort:</translation>
    </message>
    <message>
        <source>%1 was not opened: it needs a password.</source>
        <translation>%1 wurde nicht geöffnet: Es ist ein Passwort nötig.</translation>
    </message>
    <message numerus="yes">
        <source>Processed %n document(s), %1 failed.</source>
        <translation>
            <numerusform>%n Dokument verarbeitet, %1 fehlgeschlagen.</numerusform>
            <numerusform>%n Dokumente verarbeitet, %1 fehlgeschlagen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Processed %n document(s).</source>
        <translation>
            <numerusform>%n Dokument verarbeitet.</numerusform>
            <numerusform>%n Dokumente verarbeitet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>docket::QueueModel</name>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Dringend</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Verkäufer</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamtbetrag</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>Being reviewed by %1</source>
        <translation>Wird von %1 geprüft</translation>
    </message>
</context>
<context>
    <name>docket::QueuePanel</name>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Search file, seller, number</source>
        <translation>Datei, Verkäufer, Nummer suchen</translation>
    </message>
    <message>
        <source>Search the queue</source>
        <translation>Warteschlange durchsuchen</translation>
    </message>
    <message>
        <source>No documents</source>
        <translation>Keine Dokumente</translation>
    </message>
    <message>
        <source>Search by file name, seller or document number (Ctrl+F)</source>
        <translation>Nach Dateiname, Verkäufer oder Dokumentnummer suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Filter by document type, priority and import date</source>
        <translation>Nach Dokumenttyp, Priorität und Importdatum filtern</translation>
    </message>
    <message>
        <source>Document type filter</source>
        <translation>Dokumenttypfilter</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <source>Priority filter</source>
        <translation>Prioritätsfilter</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>Alle Prioritäten</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Dringend</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>No priority</source>
        <translation>Keine Priorität</translation>
    </message>
    <message>
        <source>Import date filter</source>
        <translation>Importdatumsfilter</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebiger Zeitraum</translation>
    </message>
    <message>
        <source>Imported today</source>
        <translation>Heute importiert</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>Eigener Zeitraum …</translation>
    </message>
    <message>
        <source>Imported from</source>
        <translation>Importiert ab</translation>
    </message>
    <message>
        <source>Imported until</source>
        <translation>Importiert bis</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Show all types, priorities and dates</source>
        <translation>Alle Typen, Prioritäten und Daten anzeigen</translation>
    </message>
    <message>
        <source>Filters (%1)</source>
        <translation>Filter (%1)</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>1 document</source>
        <translation>1 Dokument</translation>
    </message>
    <message>
        <source>%1 documents</source>
        <translation>%1 Dokumente</translation>
    </message>
    <message>
        <source>%1 of %2 documents</source>
        <translation>%1 von %2 Dokumenten</translation>
    </message>
</context>
<context>
    <name>docket::QueueView</name>
    <message>
        <source>Document queue</source>
        <translation>Dokumentwarteschlange</translation>
    </message>
</context>
<context>
    <name>docket::RejectDialog</name>
    <message>
        <source>Reject Document</source>
        <translation>Dokument ablehnen</translation>
    </message>
    <message>
        <source>Why is &lt;b&gt;%1&lt;/b&gt; rejected?</source>
        <translation>Warum wird &lt;b&gt;%1&lt;/b&gt; abgelehnt?</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Not a business document</source>
        <translation>Kein Geschäftsdokument</translation>
    </message>
    <message>
        <source>Duplicate of another document</source>
        <translation>Duplikat eines anderen Dokuments</translation>
    </message>
    <message>
        <source>Illegible or incomplete scan</source>
        <translation>Unleserlicher oder unvollständiger Scan</translation>
    </message>
    <message>
        <source>Pages missing</source>
        <translation>Seiten fehlen</translation>
    </message>
    <message>
        <source>Wrong recipient or company</source>
        <translation>Falscher Empfänger oder falsche Firma</translation>
    </message>
    <message>
        <source>Needs clarification with the sender</source>
        <translation>Klärung mit dem Absender nötig</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Kommentar:</translation>
    </message>
    <message>
        <source>Optional details for whoever reads the rejection</source>
        <translation>Optionale Angaben für alle, die die Ablehnung lesen</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>docket::ReviewController</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>Approve the document and open the next one</source>
        <translation>Das Dokument freigeben und das nächste öffnen</translation>
    </message>
    <message>
        <source>&amp;Reject…</source>
        <translation>&amp;Ablehnen …</translation>
    </message>
    <message>
        <source>Reject the document with a reason</source>
        <translation>Das Dokument mit Begründung ablehnen</translation>
    </message>
    <message>
        <source>Reading the document again with the new type…</source>
        <translation>Das Dokument wird mit dem neuen Typ erneut gelesen …</translation>
    </message>
    <message>
        <source>Being reviewed by %1. You can look at it; a decision of theirs may make yours stale.</source>
        <translation>Wird von %1 geprüft. Sie können es ansehen; eine Entscheidung dieser Person kann Ihre überholen.</translation>
    </message>
    <message>
        <source>Possible duplicate: %1 has the same seller (%2) and document number (%3).</source>
        <translation>Mögliches Duplikat: %1 hat denselben Verkäufer (%2) und dieselbe Dokumentnummer (%3).</translation>
    </message>
    <message>
        <source>%1 Being reviewed by %2.</source>
        <translation>%1 Wird von %2 geprüft.</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>The correction of %1 was not saved: %2</source>
        <translation>Die Korrektur von %1 wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>The change of row %1 was not saved: %2</source>
        <translation>Die Änderung an Zeile %1 wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Added row %1.</source>
        <translation>Zeile %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Deleted row %1.</source>
        <translation>Zeile %1 gelöscht.</translation>
    </message>
    <message>
        <source>%1 was changed by someone else since you opened it, so it was not %2. Your corrections are kept; reload it to see its current state.</source>
        <translation>%1 wurde seit dem Öffnen von jemand anderem geändert und daher nicht %2. Ihre Korrekturen bleiben erhalten; laden Sie es neu, um den aktuellen Stand zu sehen.</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>%1 was not %2: %3</source>
        <translation>%1 wurde nicht %2: %3</translation>
    </message>
    <message>
        <source>Approved %1.</source>
        <translation>%1 freigegeben.</translation>
    </message>
    <message>
        <source>Rejected %1.</source>
        <translation>%1 abgelehnt.</translation>
    </message>
    <message>
        <source>The document cannot be read again: processing is not available.</source>
        <translation>Das Dokument kann nicht erneut gelesen werden: Die Verarbeitung ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>Reading the document again as %1…</source>
        <translation>Das Dokument wird erneut als %1 gelesen …</translation>
    </message>
</context>
<context>
    <name>docket::SettingsBudgetsPage</name>
    <message>
        <source>Budgets</source>
        <translation>Budgets</translation>
    </message>
    <message>
        <source>Spending on AI providers</source>
        <translation>Ausgaben für KI-Anbieter</translation>
    </message>
    <message>
        <source>Daily budget (USD):</source>
        <translation>Tagesbudget (USD):</translation>
    </message>
    <message>
        <source>Monthly budget (USD):</source>
        <translation>Monatsbudget (USD):</translation>
    </message>
    <message>
        <source>Docket warns when 80 % of a budget is spent and sends no request that would go past 100 %; the reviewer sees why. Leave a field empty for no limit; 0 allows nothing that costs.</source>
        <translation>Docket warnt, wenn 80 % eines Budgets ausgegeben sind, und sendet keine Anfrage, die 100 % überschreiten würde; die prüfende Person sieht den Grund. Lassen Sie ein Feld für keine Begrenzung leer; 0 erlaubt nichts, was Kosten verursacht.</translation>
    </message>
    <message>
        <source>Set in the environment, and taking precedence over this page: %1.</source>
        <translation>In der Umgebung gesetzt und vorrangig vor dieser Seite: %1.</translation>
    </message>
    <message>
        <source>Reading the budgets the database shares…</source>
        <translation>Die gemeinsamen Budgets der Datenbank werden gelesen …</translation>
    </message>
    <message>
        <source>These budgets are kept in the database: every workstation and worker using it obeys them.</source>
        <translation>Diese Budgets werden in der Datenbank gespeichert: Jeder Arbeitsplatz und jeder Worker, der sie verwendet, hält sich daran.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount of US dollars.</source>
        <translation>„%1“ ist kein Betrag in US-Dollar.</translation>
    </message>
</context>
<context>
    <name>docket::SettingsDatabasePage</name>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>A database on this computer (SQLite)</source>
        <translation>Eine Datenbank auf diesem Computer (SQLite)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>A shared PostgreSQL server (team mode)</source>
        <translation>Ein gemeinsamer PostgreSQL-Server (Teammodus)</translation>
    </message>
    <message>
        <source>No TLS</source>
        <translation>Kein TLS</translation>
    </message>
    <message>
        <source>TLS when the server offers it</source>
        <translation>TLS, wenn der Server es anbietet</translation>
    </message>
    <message>
        <source>TLS required</source>
        <translation>TLS erforderlich</translation>
    </message>
    <message>
        <source>TLS required, server certificate and name verified</source>
        <translation>TLS erforderlich, Serverzertifikat und Name werden geprüft</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>TLS:</source>
        <translation>TLS:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>The password is kept in the system keychain. Changes take effect when Docket restarts; a database that cannot be opened then offers the local one.</source>
        <translation>Das Passwort wird im Schlüsselbund des Systems gespeichert. Änderungen werden beim nächsten Start von Docket wirksam; lässt sich die Datenbank dann nicht öffnen, wird die lokale angeboten.</translation>
    </message>
    <message>
        <source>Database File</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>No password is stored.</source>
        <translation>Es ist kein Passwort gespeichert.</translation>
    </message>
    <message>
        <source>A password is stored in the keychain.</source>
        <translation>Im Schlüsselbund ist ein Passwort gespeichert.</translation>
    </message>
    <message>
        <source>No password is stored (the server may not need one).</source>
        <translation>Es ist kein Passwort gespeichert (der Server braucht vielleicht keines).</translation>
    </message>
    <message>
        <source>Stored; type a new password to replace it</source>
        <translation>Gespeichert; geben Sie ein neues Passwort ein, um es zu ersetzen</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt …</translation>
    </message>
    <message>
        <source>OK: connected, and the tables are up to date.</source>
        <translation>OK: Verbunden, und die Tabellen sind auf dem neuesten Stand.</translation>
    </message>
    <message>
        <source>A folder every workstation reaches, e.g. a mounted share</source>
        <translation>Ein Ordner, den jeder Arbeitsplatz erreicht, z. B. eine eingebundene Freigabe</translation>
    </message>
    <message>
        <source>Imported originals are kept here so that every workstation and worker can show their pages.</source>
        <translation>Importierte Originale werden hier abgelegt, damit jeder Arbeitsplatz und jeder Worker ihre Seiten anzeigen kann.</translation>
    </message>
    <message>
        <source>Originals folder:</source>
        <translation>Ordner für Originale:</translation>
    </message>
</context>
<context>
    <name>docket::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Checking your role in the database…</source>
        <translation>Ihre Rolle in der Datenbank wird geprüft …</translation>
    </message>
    <message>
        <source>The roles could not be read from the database, so the supervisor&apos;s settings are read-only: %1</source>
        <translation>Die Rollen konnten nicht aus der Datenbank gelesen werden, daher sind die Supervisor-Einstellungen schreibgeschützt: %1</translation>
    </message>
    <message>
        <source>Only a supervisor can change this. You are signed in as %1, a reviewer; the supervisors are %2.</source>
        <translation>Nur Supervisoren können dies ändern. Sie sind als %1 angemeldet und prüfen; Supervisoren sind %2.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>%1 is now a supervisor.</source>
        <translation>%1 ist jetzt Supervisor.</translation>
    </message>
    <message>
        <source>%1 is now a reviewer.</source>
        <translation>%1 prüft jetzt.</translation>
    </message>
    <message>
        <source>The budgets could not be shared through the database: %1</source>
        <translation>Die Budgets konnten nicht über die Datenbank geteilt werden: %1</translation>
    </message>
    <message>
        <source>The new database is used when Docket restarts.</source>
        <translation>Die neue Datenbank wird beim nächsten Start von Docket verwendet.</translation>
    </message>
</context>
<context>
    <name>docket::SettingsEnginesPage</name>
    <message>
        <source>Engines</source>
        <translation>Engines</translation>
    </message>
    <message>
        <source>Local (offline, no network)</source>
        <translation>Lokal (offline, ohne Netzwerk)</translation>
    </message>
    <message>
        <source>Automatic (local first, AI where unsure)</source>
        <translation>Automatisch (zuerst lokal, KI bei Unsicherheit)</translation>
    </message>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Kimi-VL</source>
        <translation>Kimi-VL</translation>
    </message>
    <message>
        <source>Default engine:</source>
        <translation>Standard-Engine:</translation>
    </message>
    <message>
        <source>Automatic (Responses API for api.openai.com)</source>
        <translation>Automatisch (Responses API für api.openai.com)</translation>
    </message>
    <message>
        <source>Responses API</source>
        <translation>Responses API</translation>
    </message>
    <message>
        <source>Chat Completions</source>
        <translation>Chat Completions</translation>
    </message>
    <message>
        <source>API style:</source>
        <translation>API-Art:</translation>
    </message>
    <message>
        <source>Classify with:</source>
        <translation>Klassifizieren mit:</translation>
    </message>
    <message>
        <source>Extract with:</source>
        <translation>Extrahieren mit:</translation>
    </message>
    <message>
        <source>Fallback model:</source>
        <translation>Ersatzmodell:</translation>
    </message>
    <message>
        <source>the model above</source>
        <translation>das Modell oben</translation>
    </message>
    <message>
        <source>Kimi-VL (OpenAI-compatible server)</source>
        <translation>Kimi-VL (OpenAI-kompatibler Server)</translation>
    </message>
    <message>
        <source>Leave the base URL empty when no Kimi-VL server is used (vLLM, Moonshot).</source>
        <translation>Lassen Sie die Basis-URL leer, wenn kein Kimi-VL-Server (vLLM, Moonshot) verwendet wird.</translation>
    </message>
    <message>
        <source>Set in the environment, and taking precedence over this page: %1.</source>
        <translation>In der Umgebung gesetzt und vorrangig vor dieser Seite: %1.</translation>
    </message>
    <message>
        <source>API keys are kept in the system keychain, never in the settings file, the database or the logs.</source>
        <translation>API-Schlüssel werden im Schlüsselbund des Systems gespeichert, niemals in der Einstellungsdatei, der Datenbank oder den Protokollen.</translation>
    </message>
    <message>
        <source>OpenAI is the default engine but no OpenAI API key is stored: documents fail until one is.</source>
        <translation>OpenAI ist die Standard-Engine, aber es ist kein OpenAI-API-Schlüssel gespeichert: Dokumente schlagen fehl, bis einer hinterlegt ist.</translation>
    </message>
    <message>
        <source>Kimi-VL is the default engine but no Kimi-VL server is set: documents fail until one is.</source>
        <translation>Kimi-VL ist die Standard-Engine, aber es ist kein Kimi-VL-Server eingerichtet: Dokumente schlagen fehl, bis einer eingerichtet ist.</translation>
    </message>
    <message>
        <source>When a provider keeps failing or the budget is spent, read the document offline</source>
        <translation>Wenn ein Anbieter wiederholt ausfällt oder das Budget aufgebraucht ist, das Dokument offline lesen</translation>
    </message>
</context>
<context>
    <name>docket::SettingsProviderBox</name>
    <message>
        <source>Base URL:</source>
        <translation>Basis-URL:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API-Schlüssel:</translation>
    </message>
    <message>
        <source>Looking in the keychain…</source>
        <translation>Schlüsselbund wird durchsucht …</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>The stored key will be removed when you apply.</source>
        <translation>Der gespeicherte Schlüssel wird beim Übernehmen entfernt.</translation>
    </message>
    <message>
        <source>Stored in the keychain; type a new key to replace it</source>
        <translation>Im Schlüsselbund gespeichert; geben Sie einen neuen Schlüssel ein, um ihn zu ersetzen</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>API-Schlüssel einfügen</translation>
    </message>
    <message>
        <source>No keychain is available.</source>
        <translation>Es ist kein Schlüsselbund verfügbar.</translation>
    </message>
    <message>
        <source>A key is stored in the keychain.</source>
        <translation>Im Schlüsselbund ist ein Schlüssel gespeichert.</translation>
    </message>
    <message>
        <source>No key is stored.</source>
        <translation>Es ist kein Schlüssel gespeichert.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet …</translation>
    </message>
</context>
<context>
    <name>docket::SettingsReviewPage</name>
    <message>
        <source>Review</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Reviewer name:</source>
        <translation>Name der prüfenden Person:</translation>
    </message>
    <message>
        <source>Your corrections, approvals and rejections are recorded under this name; roles are given to it.</source>
        <translation>Ihre Korrekturen, Freigaben und Ablehnungen werden unter diesem Namen erfasst; Rollen werden diesem Namen zugewiesen.</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Tastatur</translation>
    </message>
    <message>
        <source>Tab visits only low-confidence and invalid fields</source>
        <translation>Tab springt nur zu Feldern mit niedriger Konfidenz oder ungültigem Wert</translation>
    </message>
    <message>
        <source>Confidence colours</source>
        <translation>Konfidenzfarben</translation>
    </message>
    <message>
        <source>Green at or above:</source>
        <translation>Grün ab:</translation>
    </message>
    <message>
        <source>Amber at or above:</source>
        <translation>Gelb ab:</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>ab %1</translation>
    </message>
    <message>
        <source>below %1</source>
        <translation>unter %1</translation>
    </message>
</context>
<context>
    <name>docket::SettingsStartup</name>
    <message>
        <source>Database Unavailable</source>
        <translation>Datenbank nicht verfügbar</translation>
    </message>
    <message>
        <source>Docket cannot open the database %1.</source>
        <translation>Docket kann die Datenbank %1 nicht öffnen.</translation>
    </message>
    <message>
        <source>%1

You can work on the local database of this computer for now (documents there are not shared), try again, or quit and check the settings.</source>
        <translation>%1

Sie können vorerst mit der lokalen Datenbank dieses Computers arbeiten (die Dokumente darin werden nicht geteilt), es erneut versuchen oder Docket beenden und die Einstellungen prüfen.</translation>
    </message>
    <message>
        <source>Use Local Database</source>
        <translation>Lokale Datenbank verwenden</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>docket::SettingsUsersPage</name>
    <message>
        <source>Users and Roles</source>
        <translation>Benutzer und Rollen</translation>
    </message>
    <message>
        <source>Supervisors of this database:</source>
        <translation>Supervisoren dieser Datenbank:</translation>
    </message>
    <message>
        <source>Reviewer name</source>
        <translation>Name der prüfenden Person</translation>
    </message>
    <message>
        <source>Make Supervisor</source>
        <translation>Zum Supervisor machen</translation>
    </message>
    <message>
        <source>Remove Supervisor</source>
        <translation>Supervisor-Rolle entziehen</translation>
    </message>
    <message>
        <source>Supervisors set the budgets, models and API keys and see the dashboard; everyone else reviews. While nobody is named here, everyone is a supervisor. Roles are kept in the database, so every workstation using it agrees.</source>
        <translation>Supervisoren legen Budgets, Modelle und API-Schlüssel fest und sehen das Dashboard; alle anderen prüfen. Solange hier niemand eingetragen ist, sind alle Supervisoren. Rollen werden in der Datenbank gespeichert, sodass alle Arbeitsplätze, die sie verwenden, übereinstimmen.</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
    <message>
        <source>Nobody: everyone is a supervisor</source>
        <translation>Niemand: Alle sind Supervisoren</translation>
    </message>
</context>
<context>
    <name>docket::ShortcutOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Press any key to close</source>
        <translation>Zum Schließen eine beliebige Taste drücken</translation>
    </message>
</context>
<context>
    <name>docket::SourceDocument</name>
    <message>
        <source>&quot;%1&quot; does not exist.</source>
        <translation>„%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2 MB, more than the %3 MB Docket accepts.</source>
        <translation>„%1“ ist %2 MB groß, mehr als die %3 MB, die Docket annimmt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a PDF, PNG, JPEG or TIFF file.</source>
        <translation>„%1“ ist keine PDF-, PNG-, JPEG- oder TIFF-Datei.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a readable image.</source>
        <translation>„%1“ ist kein lesbares Bild.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has %2 pages; at most %3 are accepted.</source>
        <translation>„%1“ hat %2 Seiten; höchstens %3 werden angenommen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2 × %3 pixels, more than Docket accepts.</source>
        <translation>„%1“ hat %2 × %3 Pixel, mehr als Docket annimmt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be decoded: %2</source>
        <translation>„%1“ konnte nicht dekodiert werden: %2</translation>
    </message>
    <message>
        <source>Reading &quot;%1&quot; took too long and was stopped; the file may be damaged or built to stall readers.</source>
        <translation>Das Lesen von „%1“ dauerte zu lange und wurde abgebrochen; die Datei ist vielleicht beschädigt oder darauf angelegt, Leseprogramme aufzuhalten.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be decoded.</source>
        <translation>„%1“ konnte nicht dekodiert werden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; holds no image.</source>
        <translation>„%1“ enthält kein Bild.</translation>
    </message>
    <message>
        <source>No such page.</source>
        <translation>Diese Seite gibt es nicht.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be read as a PDF.</source>
        <translation>„%1“ konnte nicht als PDF gelesen werden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is protected by a password; enter the password to open it.</source>
        <translation>„%1“ ist durch ein Passwort geschützt; geben Sie das Passwort ein, um es zu öffnen.</translation>
    </message>
    <message>
        <source>The password given for &quot;%1&quot; is wrong.</source>
        <translation>Das für „%1“ angegebene Passwort ist falsch.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is encrypted in a way Docket cannot open.</source>
        <translation>„%1“ ist auf eine Weise verschlüsselt, die Docket nicht öffnen kann.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be opened.</source>
        <translation>„%1“ konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is damaged or not a valid PDF.</source>
        <translation>„%1“ ist beschädigt oder kein gültiges PDF.</translation>
    </message>
    <message>
        <source>The text of page %1 could not be read.</source>
        <translation>Der Text von Seite %1 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Page %1 could not be drawn.</source>
        <translation>Seite %1 konnte nicht gezeichnet werden.</translation>
    </message>
</context>
<context>
    <name>docket::ThumbnailModel</name>
    <message>
        <source>Page %1</source>
        <translation>Seite %1</translation>
    </message>
</context>
<context>
    <name>docket::WorkerLoop</name>
    <message>
        <source>The stored original &quot;%1&quot; is not reachable from this worker; give the shared data folder with --data.</source>
        <translation>Das gespeicherte Original „%1“ ist von diesem Worker aus nicht erreichbar; geben Sie den gemeinsamen Datenordner mit --data an.</translation>
    </message>
    <message>
        <source>The claim of document %1 expired while it was in work.</source>
        <translation>Die Übernahme von Dokument %1 ist während der Bearbeitung abgelaufen.</translation>
    </message>
    <message>
        <source>The result of document %1 was discarded: %2</source>
        <translation>Das Ergebnis von Dokument %1 wurde verworfen: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Usage: docket [COMMAND] [OPTIONS]

Without a command, opens the Docket workstation.

Commands:
  process [--engine local|openai|kimi|auto] [--db URL] [--jobs N] [--json] PATH...
                 process files and folders headless
  import  [--db URL] PATH...
                 queue documents as pending without processing them
  worker  --db URL [--engine ...] [--until-empty] [--json]
                 process pending documents of a shared database
  export  [--db URL] --format csv|json [--status approved|needs_review|all]
                 write reviewed data to standard output

Options:
  -h, --help     show this help (COMMAND --help for a command&apos;s options)
  -v, --version  show the version
</source>
        <translation>Aufruf: docket [BEFEHL] [OPTIONEN]

Ohne Befehl wird der Docket-Arbeitsplatz geöffnet.

Befehle:
  process [--engine local|openai|kimi|auto] [--db URL] [--jobs N] [--json] PFAD...
                 Dateien und Ordner ohne Oberfläche verarbeiten
  import  [--db URL] PFAD...
                 Dokumente als wartend einreihen, ohne sie zu verarbeiten
  worker  --db URL [--engine ...] [--until-empty] [--json]
                 wartende Dokumente einer gemeinsamen Datenbank verarbeiten
  export  [--db URL] --format csv|json [--status approved|needs_review|all]
                 geprüfte Daten auf die Standardausgabe schreiben

Optionen:
  -h, --help     diese Hilfe anzeigen (BEFEHL --help für die Optionen eines Befehls)
  -v, --version  die Version anzeigen
</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not available in this version.</source>
        <translation>„%1“ ist in dieser Version nicht verfügbar.</translation>
    </message>
</context>
</TS>
