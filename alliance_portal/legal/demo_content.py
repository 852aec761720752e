"""The three legal pages as templates to complete, in German and English.

Loaded by alliance_portal/demo_content.py. Every page opens with a marked note that it
is a template, and everything the operator must supply stands in square brackets, so
that no demo text passes for a finished Impressum or privacy notice. The texts follow
what the portal does: no cookies on public pages, no tracking, no third-party content.
"""

from datetime import date

from ..ops.demo import T, as_html
from .models import LegalPage

Kind = LegalPage.Kind

# Fixed, so that a second run changes nothing.
LAST_REVIEWED = date(2025, 1, 1)

TEMPLATE_NOTE = T(
    "<p><strong>Vorlage – bitte vervollständigen:</strong> Diese Seite ist ein Muster. "
    "Ersetzen Sie alle Angaben in eckigen Klammern, streichen Sie, was nicht zutrifft, "
    "und lassen Sie den Text vor der Veröffentlichung rechtlich prüfen.</p>",
    "<p><strong>Template – please complete:</strong> this page is a sample. Replace "
    "everything in square brackets, delete what does not apply, and have the text "
    "checked by a lawyer before the site goes public.</p>",
)

IMPRINT = T(
    """
<h2>Angaben gemäß § 5 DDG</h2>
<p>[Name des Anbieters]<br>[Rechtsform, z. B. eingetragener Verein]<br>
[Anschrift: Straße und Hausnummer]<br>[Postleitzahl und Ort]</p>
<h2>Vertretungsberechtigte</h2>
<p>Vertreten durch: [Vor- und Nachname, Funktion, z. B. Vorsitzende des Vorstands]</p>
<h2>Kontakt</h2>
<p>E-Mail: [E-Mail]<br>Telefon: [Telefonnummer]</p>
<h2>Registereintrag</h2>
<p>Eingetragen im [Vereinsregister / Handelsregister] des Amtsgerichts [Ort] unter
[Registernummer].</p>
<h2>Umsatzsteuer-Identifikationsnummer</h2>
<p>USt-IdNr. gemäß § 27a Umsatzsteuergesetz: [USt-IdNr.; streichen, wenn keine
vergeben ist]</p>
<h2>Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV</h2>
<p>[Vor- und Nachname]<br>[Anschrift]</p>
<h2>Inhalte der Bündnisse und Organisationen</h2>
<p>Die Seiten über Bündnisse, Organisationen, Meldungen und Pressemitteilungen geben
deren eigene Angaben wieder; die Quellen sind jeweils genannt.</p>
""",
    """
<h2>Information under section 5 DDG (German Digital Services Act)</h2>
<p>[Name of the provider]<br>[Legal form, e.g. registered association]<br>
[Address: street and number]<br>[Postcode and town]</p>
<h2>Authorised representatives</h2>
<p>Represented by: [first and last name, function, e.g. chair of the board]</p>
<h2>Contact</h2>
<p>E-mail: [e-mail]<br>Telephone: [telephone number]</p>
<h2>Register entry</h2>
<p>Registered in the [register of associations / commercial register] of the local
court (Amtsgericht) of [town] under [register number].</p>
<h2>VAT identification number</h2>
<p>VAT ID under section 27a of the German VAT Act: [VAT ID; delete if none has been
issued]</p>
<h2>Responsible for the content under section 18 (2) MStV</h2>
<p>[First and last name]<br>[Address]</p>
<h2>Content about alliances and organisations</h2>
<p>The pages about alliances, organisations, news and press statements give their own
information; each names its source.</p>
""",
)

PRIVACY = T(
    """
<h2>1. Verantwortliche Stelle</h2>
<p>Verantwortlich für die Verarbeitung personenbezogener Daten auf dieser Website
(Art. 4 Nr. 7 DSGVO) ist:<br>[Name des Anbieters]<br>[Anschrift]<br>E-Mail: [E-Mail]</p>
<p>[Falls benannt: Name und Kontaktdaten der oder des Datenschutzbeauftragten.]</p>
<h2>2. Zwecke und Rechtsgrundlagen</h2>
<p>Wir verarbeiten personenbezogene Daten nur, soweit es nötig ist, um diese Website
sicher bereitzustellen. Rechtsgrundlage ist unser berechtigtes Interesse an einem
sicheren und funktionsfähigen Internetangebot (Art. 6 Abs. 1 lit. f DSGVO). Wenn Sie
uns schreiben, verarbeiten wir Ihre Angaben, um Ihre Anfrage zu beantworten (Art. 6
Abs. 1 lit. b oder f DSGVO).</p>
<h2>3. Hosting</h2>
<p>Die Website wird betrieben bei [Name und Anschrift des Hosting-Anbieters, Standort der
Server]. Mit ihm besteht ein Vertrag über die Verarbeitung im Auftrag (Art. 28 DSGVO).</p>
<h2>4. Server-Logs</h2>
<p>Bei jedem Aufruf einer Seite speichert der Server vorübergehend: IP-Adresse, Datum und
Uhrzeit, aufgerufene Adresse, übertragene Datenmenge, Statuscode, die zuvor besuchte
Seite (Referrer) und die Kennung des Browsers. Diese Daten dienen der Sicherheit und der
Fehlersuche und werden nach [Anzahl] Tagen gelöscht.</p>
<h2>5. Keine Cookies außer bei der Anmeldung zur Verwaltung</h2>
<p>Die öffentlichen Seiten setzen keine Cookies. Nur wer sich im Verwaltungsbereich
anmeldet, erhält ein Sitzungs-Cookie und ein Cookie zum Schutz vor gefälschten Anfragen;
beide sind dafür technisch notwendig (§ 25 Abs. 2 Nr. 2 TDDDG). Fehlgeschlagene
Anmeldeversuche speichern wir mit IP-Adresse und Zeitpunkt, um Angriffe abzuwehren, und
löschen sie nach [Anzahl] Tagen.</p>
<h2>6. Kein Tracking</h2>
<p>Wir setzen keine Analyse- oder Tracking-Werkzeuge ein. Schriften, Bilder und Skripte
kommen von unserem eigenen Server; wir binden keine Inhalte von Drittanbietern ein.
[Falls Bilder von einem Speicherdienst ausgeliefert werden: den Anbieter hier
nennen.]</p>
<h2>7. Ihre Rechte (Betroffenenrechte)</h2>
<p>Sie haben das Recht auf:</p>
<ul>
<li>Auskunft über die zu Ihnen gespeicherten Daten (Art. 15 DSGVO),</li>
<li>Berichtigung unrichtiger Daten (Art. 16 DSGVO),</li>
<li>Löschung (Art. 17 DSGVO) und Einschränkung der Verarbeitung (Art. 18 DSGVO),</li>
<li>Datenübertragbarkeit (Art. 20 DSGVO),</li>
<li>Widerspruch gegen eine Verarbeitung auf Grund berechtigter Interessen (Art. 21
DSGVO).</li>
</ul>
<p>Schreiben Sie dazu an [E-Mail].</p>
<h2>8. Beschwerde bei einer Aufsichtsbehörde</h2>
<p>Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO). Für
uns zuständig ist: [Name und Anschrift der Aufsichtsbehörde des Landes].</p>
""",
    """
<h2>1. Controller</h2>
<p>The controller of personal data on this website (Art. 4 (7) GDPR) is:<br>[Name of the
provider]<br>[Address]<br>E-mail: [e-mail]</p>
<p>[If one has been appointed: name and contact details of the data protection
officer.]</p>
<h2>2. Purposes and legal bases</h2>
<p>We process personal data only as far as needed to provide this website securely. The
legal basis is our legitimate interest in a secure website that works (Art. 6 (1) (f)
GDPR). If you write to us, we process what you tell us to answer you (Art. 6 (1) (b) or
(f) GDPR).</p>
<h2>3. Hosting</h2>
<p>The website is hosted by [name and address of the hosting provider, location of the
servers]. A data processing agreement (Art. 28 GDPR) is in place with them.</p>
<h2>4. Server logs</h2>
<p>For every page requested, the server keeps for a short time: IP address, date and
time, the address requested, the amount of data sent, the status code, the page visited
before (referrer) and the browser's identification. These data serve security and
troubleshooting and are deleted after [number] days.</p>
<h2>5. No cookies except when signing in to the administration</h2>
<p>The public pages set no cookies. Only staff who sign in to the administration get a
session cookie and a cookie that protects against forged requests; both are technically
necessary for it (section 25 (2) no. 2 TDDDG). Failed sign-in attempts are kept with IP
address and time to fend off attacks, and deleted after [number] days.</p>
<h2>6. No tracking</h2>
<p>We use no analytics or tracking tools. Fonts, images and scripts come from our own
server; we embed no content from third parties. [If images are served from a storage
service: name its provider here.]</p>
<h2>7. Your rights as a data subject</h2>
<p>You have the right to:</p>
<ul>
<li>access the data kept about you (Art. 15 GDPR),</li>
<li>have incorrect data corrected (Art. 16 GDPR),</li>
<li>erasure (Art. 17 GDPR) and restriction of processing (Art. 18 GDPR),</li>
<li>data portability (Art. 20 GDPR),</li>
<li>object to processing based on legitimate interests (Art. 21 GDPR).</li>
</ul>
<p>To exercise them, write to [e-mail].</p>
<h2>8. Complaint to a supervisory authority</h2>
<p>You may lodge a complaint with a data protection supervisory authority (Art. 77
GDPR). The authority responsible for us is: [name and address of the state's
supervisory authority].</p>
""",
)

ACCESSIBILITY = T(
    """
<p>[Name des Anbieters] ist bemüht, diese Website im Einklang mit § 12a des
Behindertengleichstellungsgesetzes (BGG) und der Barrierefreie-Informationstechnik-Verordnung
(BITV 2.0) barrierefrei zugänglich zu machen. Diese Erklärung gilt für
[Adresse der Website].</p>
<h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
<p>Diese Website ist mit den Anforderungen der BITV 2.0 [vollständig / teilweise]
vereinbar. [Bei „teilweise“: die Gründe im nächsten Abschnitt nennen.]</p>
<h2>Nicht barrierefreie Inhalte</h2>
<p>Die folgenden Inhalte sind nicht oder nicht vollständig barrierefrei:</p>
<ul>
<li>[Bekannte Barriere, z. B. ältere PDF-Dokumente ohne Textstruktur, und warum]</li>
<li>Nicht alle Inhalte sind ins Englische übersetzt. Fehlt eine Übersetzung, erscheint
der deutsche Text, als deutsch ausgezeichnet und mit einem Hinweis versehen.</li>
</ul>
<h2>Erstellung dieser Erklärung</h2>
<p>Diese Erklärung wurde am [Datum] erstellt. Sie beruht auf [einer Selbstbewertung /
einer Prüfung durch …]. Alle öffentlichen Seiten werden bei jeder Änderung der Software
automatisch mit axe-core und dem Nu HTML Checker geprüft. Wann die Erklärung zuletzt
überprüft wurde, steht unten auf dieser Seite.</p>
<h2>Feedback und Kontakt</h2>
<p>Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten dieser Website aufgefallen,
oder benötigen Sie Informationen in barrierefreier Form? Schreiben Sie uns: Die
Kontaktangaben stehen im Kasten zum Melden von Barrieren auf dieser Seite. Wir antworten
innerhalb von [Anzahl] Wochen.</p>
<h2>Schlichtungsverfahren</h2>
<p>Beantworten wir Ihre Rückmeldung nicht oder nicht zufriedenstellend, können Sie bei
der Schlichtungsstelle nach § 16 BGG einen Antrag auf ein Schlichtungsverfahren stellen.
Die Schlichtungsstelle hat die Aufgabe, Konflikte zwischen Menschen mit Behinderungen und
öffentlichen Stellen des Bundes zu lösen. Das Verfahren ist kostenfrei; Sie brauchen
keinen Rechtsbeistand.</p>
<p>Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der
Bundesregierung für die Belange von Menschen mit Behinderungen<br>Mauerstraße 53<br>
10117 Berlin<br>
E-Mail: <a href="mailto:info@schlichtungsstelle-bgg.de">info@schlichtungsstelle-bgg.de</a><br>
<a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a></p>
<p>[Für eine öffentliche Stelle eines Landes: stattdessen die Durchsetzungs- oder
Schlichtungsstelle des Landes nennen. Anschrift vor der Veröffentlichung prüfen.]</p>
""",
    """
<p>[Name of the provider] strives to make this website accessible in line with section
12a of the German Disability Equality Act (BGG) and the German Accessible Information
Technology Ordinance (BITV 2.0). This statement applies to [address of the website].</p>
<h2>Compliance status</h2>
<p>This website is [fully / partially] compliant with the requirements of BITV 2.0.
[If partially: give the reasons in the next section.]</p>
<h2>Non-accessible content</h2>
<p>The following content is not accessible, or not fully:</p>
<ul>
<li>[Known barrier, e.g. older PDF documents without text structure, and why]</li>
<li>Not all content is translated into English. Where a translation is missing, the
German text is shown, marked as German and with a note.</li>
</ul>
<h2>Preparation of this statement</h2>
<p>This statement was prepared on [date]. It is based on [a self-assessment / a test by
…]. Every public page is checked automatically with axe-core and the Nu HTML Checker
whenever the software changes. When the statement was last reviewed is given at the
bottom of this page.</p>
<h2>Feedback and contact</h2>
<p>Have you found barriers to the content of this website, or do you need information in
an accessible form? Write to us: the contact details are in the box for reporting
barriers on this page. We answer within [number] weeks.</p>
<h2>Conciliation procedure</h2>
<p>If we do not answer, or not to your satisfaction, you can apply for conciliation to
the conciliation body under section 16 BGG. It settles disputes between people with
disabilities and public bodies of the federal government. The procedure is free of
charge, and you need no legal representation.</p>
<p>Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der
Bundesregierung für die Belange von Menschen mit Behinderungen<br>Mauerstraße 53<br>
10117 Berlin<br>
E-mail: <a href="mailto:info@schlichtungsstelle-bgg.de">info@schlichtungsstelle-bgg.de</a><br>
<a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a></p>
<p>[For a public body of a federal state: name the state's enforcement or conciliation
body instead. Check the address before publishing.]</p>
""",
)

PAGES = [
    (
        Kind.IMPRINT,
        T("Impressum", "Imprint"),
        IMPRINT,
        {
            "contact_email": "kontakt@example.org",
            "postal_address": (
                "[Name des Anbieters]\n[Straße und Hausnummer]\n[Postleitzahl und Ort]"
            ),
        },
    ),
    (Kind.PRIVACY, T("Datenschutzerklärung", "Privacy notice"), PRIVACY, {}),
    (
        Kind.ACCESSIBILITY,
        T("Erklärung zur Barrierefreiheit", "Accessibility statement"),
        ACCESSIBILITY,
        {
            "contact_email": "barrierefreiheit@example.org",
            "postal_address": "[Name des Anbieters]\n[Anschrift]\n[Postleitzahl und Ort]",
        },
    ),
]


def load(demo):
    for kind, title, body, extra in PAGES:
        demo.upsert(
            LegalPage,
            {"kind": kind},
            title=title,
            body=as_html(T(TEMPLATE_NOTE.de + body.de, TEMPLATE_NOTE.en + body.en)),
            last_reviewed=LAST_REVIEWED,
            contact_email=extra.get("contact_email", ""),
            postal_address=extra.get("postal_address", ""),
        )
