"""Made-up German and English text for the load data (`load_data.py`).

Every text is drawn once and written in both languages from the same draws, so the
English text says what the German one says. Nouns follow a Zipf-like distribution over
a vocabulary of about 950 words: "Aluminium" is in most statements, "Energie" in many,
a compound like "Zinkzölle" in few and "Kryolith" in a handful, which gives searches
realistic hit counts. The vocabulary is fixed; only the seed of the caller's
`random.Random` decides which words a text gets.

Everything written here is already in the form the rich-text fields store (the
sanitiser leaves it unchanged), so cleaning it on the way into the database is cheap.
"""

import random
from itertools import accumulate
from typing import NamedTuple


class T(NamedTuple):
    """A text in German (the default language) and English."""

    de: str
    en: str


# The most common nouns, most common first.
COMMON_NOUNS = [
    T("Aluminium", "aluminium"),
    T("Energie", "energy"),
    T("Industrie", "industry"),
    T("Klimaschutz", "climate protection"),
    T("Recycling", "recycling"),
    T("Stahl", "steel"),
    T("Wasserstoff", "hydrogen"),
    T("Beschäftigung", "employment"),
    T("Innovation", "innovation"),
    T("Strom", "electricity"),
    T("Forschung", "research"),
    T("Kupfer", "copper"),
    T("Ausbildung", "training"),
    T("Infrastruktur", "infrastructure"),
    T("Wettbewerbsfähigkeit", "competitiveness"),
    T("Nachhaltigkeit", "sustainability"),
    T("Kreislaufwirtschaft", "the circular economy"),
    T("Digitalisierung", "digitalisation"),
    T("Mobilität", "mobility"),
    T("Logistik", "logistics"),
    T("Verpackung", "packaging"),
    T("Rohstoffsicherheit", "security of raw materials"),
    T("Fachkräftesicherung", "securing skilled workers"),
    T("Netzausbau", "grid expansion"),
    T("Emissionshandel", "emissions trading"),
    T("Bauwirtschaft", "construction"),
    T("Glas", "glass"),
    T("Zement", "cement"),
    T("Chemie", "chemicals"),
    T("Mittelstand", "medium-sized business"),
    T("Handelspolitik", "trade policy"),
    T("Planungssicherheit", "planning certainty"),
    T("Leichtbau", "lightweight construction"),
    T("Elektromobilität", "electric mobility"),
    T("Versorgungssicherheit", "security of supply"),
    T("Standortpolitik", "industrial location policy"),
]

# Compounds of a material or field and a head: "Aluminiumpreise", "aluminium prices".
COMPOUND_FIRST = [
    T("Aluminium", "aluminium"),
    T("Stahl", "steel"),
    T("Kupfer", "copper"),
    T("Zink", "zinc"),
    T("Nickel", "nickel"),
    T("Magnesium", "magnesium"),
    T("Titan", "titanium"),
    T("Glas", "glass"),
    T("Papier", "paper"),
    T("Zement", "cement"),
    T("Keramik", "ceramics"),
    T("Kunststoff", "plastics"),
    T("Energie", "energy"),
    T("Strom", "power"),
    T("Gas", "gas"),
    T("Wasserstoff", "hydrogen"),
    T("Klima", "climate"),
    T("Rohstoff", "raw material"),
    T("Schrott", "scrap"),
    T("Metall", "metal"),
    T("Chemie", "chemicals"),
    T("Batterie", "battery"),
    T("Solar", "solar"),
    T("Wind", "wind"),
    T("Netz", "grid"),
    T("Industrie", "industrial"),
    T("Export", "export"),
    T("Hütten", "smelter"),
    T("Gießerei", "foundry"),
    T("Walzwerk", "rolling mill"),
]
COMPOUND_SECOND = [
    T("preise", "prices"),
    T("recycling", "recycling"),
    T("produktion", "production"),
    T("werke", "plants"),
    T("politik", "policy"),
    T("markt", "market"),
    T("bedarf", "demand"),
    T("versorgung", "supply"),
    T("forschung", "research"),
    T("standorte", "sites"),
    T("importe", "imports"),
    T("exporte", "exports"),
    T("effizienz", "efficiency"),
    T("kosten", "costs"),
    T("technik", "technology"),
    T("branche", "sector"),
    T("strategie", "strategy"),
    T("lieferketten", "supply chains"),
    T("beschäftigung", "employment"),
    T("investitionen", "investment"),
    T("förderung", "funding"),
    T("ausbildung", "training"),
    T("sicherheit", "safety"),
    T("qualität", "quality"),
    T("reserven", "reserves"),
    T("verbände", "associations"),
    T("normen", "standards"),
    T("emissionen", "emissions"),
    T("zölle", "tariffs"),
    T("kapazitäten", "capacities"),
]

# The rarest words, at the end of the ranking.
RARE_NOUNS = [
    T("Bauxitrückstand", "bauxite residue"),
    T("Anodenofen", "anode furnace"),
    T("Elektrolysezelle", "electrolysis cell"),
    T("Strangpressprofil", "extrusion profile"),
    T("Tonerdeschlamm", "alumina sludge"),
    T("Kryolith", "cryolite"),
]


def capitalised(text):
    return text[:1].upper() + text[1:]


def _compounds():
    compounds = [
        T(first.de + second.de, f"{first.en} {second.en}")
        for first in COMPOUND_FIRST
        for second in COMPOUND_SECOND
    ]
    # A fixed order, independent of any run's seed: the same words are common in every run.
    random.Random("load-data-vocabulary").shuffle(compounds)
    return compounds


class Noun(NamedTuple):
    de: str
    en: str
    en_capitalised: str  # made once: sentences need it millions of times


NOUNS = [
    Noun(noun.de, noun.en, capitalised(noun.en))
    for noun in COMMON_NOUNS + _compounds() + RARE_NOUNS
]
# Zipf's law with exponent 1: the word of rank r is drawn with a weight of 1/r.
NOUN_WEIGHTS = list(accumulate(1 / rank for rank in range(1, len(NOUNS) + 1)))

PLACES = [
    T("Berlin", "Berlin"),
    T("Düsseldorf", "Düsseldorf"),
    T("Köln", "Cologne"),
    T("München", "Munich"),
    T("Hamburg", "Hamburg"),
    T("Frankfurt am Main", "Frankfurt"),
    T("Essen", "Essen"),
    T("Leipzig", "Leipzig"),
    T("Stuttgart", "Stuttgart"),
    T("Hannover", "Hanover"),
    T("Wien", "Vienna"),
    T("Linz", "Linz"),
    T("Zürich", "Zurich"),
    T("Brüssel", "Brussels"),
    T("London", "London"),
    T("Birmingham", "Birmingham"),
    T("Paris", "Paris"),
    T("Rotterdam", "Rotterdam"),
]


class Template(NamedTuple):
    de: str
    en: str
    # Which slots besides the nouns a and b (and A, B: capitalised) it fills.
    extras: tuple = ()


SENTENCES = [
    Template("{A} braucht verlässliche Rahmenbedingungen.", "{A} needs reliable conditions."),
    Template(
        "Die Allianz setzt sich für {a} und {b} ein.", "The alliance stands up for {a} and {b}."
    ),
    Template("Ohne {a} gelingt {b} nicht.", "Without {a}, {b} will not succeed."),
    Template(
        "In {place} hängen {number} Arbeitsplätze an {a}.",
        "In {place}, {number} jobs depend on {a}.",
        ("place", "number"),
    ),
    Template("Beim Thema {a} fordern wir mehr Tempo.", "On {a}, we call for more speed."),
    Template("{A} und {b} gehören zusammen.", "{A} and {b} belong together."),
    Template(
        "Investitionen in {a} sichern {b} in {place}.",
        "Investment in {a} secures {b} in {place}.",
        ("place",),
    ),
    Template(
        "Seit {year} wächst der Bedarf an {a} um {percent} Prozent im Jahr.",
        "Since {year}, demand for {a} has grown by {percent} per cent a year.",
        ("year", "percent"),
    ),
    Template(
        "Die Politik muss {a} und {b} zusammen denken.",
        "Policy must think of {a} and {b} together.",
    ),
    Template(
        "Für {a} sind die Kosten für {b} entscheidend.", "For {a}, the costs of {b} are decisive."
    ),
    Template(
        "Die Mitglieder beraten in {place} über {a}.",
        "The members meet in {place} to discuss {a}.",
        ("place",),
    ),
    Template(
        "Ein Bericht zu {a} erschien im Herbst {year}.",
        "A report on {a} appeared in the autumn of {year}.",
        ("year",),
    ),
    Template("{A} ist ein Schlüssel für {b}.", "{A} is a key to {b}."),
    Template(
        "Unternehmen und Beschäftigte fordern Planungssicherheit bei {a}.",
        "Companies and employees call for certainty on {a}.",
    ),
    Template("Wer {a} stärkt, stärkt auch {b}.", "Strengthening {a} also strengthens {b}."),
    Template(
        "Bis {target_year} soll {a} klimaneutral werden.",
        "{A} is to become climate-neutral by {target_year}.",
        ("target_year",),
    ),
]

HEADLINES = [
    Template("{A}: {B} im Fokus", "{A}: {b} in focus"),
    Template("Mehr Tempo bei {a} gefordert", "Faster progress on {a} called for"),
    Template("Neue Impulse für {a}", "New impetus for {a}"),
    Template("{A} und {b}: gemeinsame Erklärung", "{A} and {b}: joint declaration"),
    Template("Allianz begrüßt Beschluss zu {a}", "Alliance welcomes decision on {a}"),
    Template("Zahlen zu {a} vorgelegt", "Figures on {a} published"),
    Template("{A} sichert {b} in {place}", "{A} secures {b} in {place}", ("place",)),
    Template("Gipfel zu {a} in {place}", "Summit on {a} in {place}", ("place",)),
    Template("{A} stärken, {b} sichern", "Strengthen {a}, secure {b}"),
]

# Short titles for goals, demands and sections.
GOALS = [
    Template("{A} stärken", "Strengthen {a}"),
    Template("{A} sichern", "Secure {a}"),
    Template("{A} und {b} verbinden", "Connect {a} and {b}"),
    Template("{A} ausbauen", "Expand {a}"),
]
DEMANDS = [
    Template("{A} fördern", "Promote {a}"),
    Template("Faire Regeln für {a}", "Fair rules for {a}"),
    Template("Entlastung bei {a}", "Relief on {a}"),
    Template("Verlässliche Politik für {a}", "Reliable policy for {a}"),
]
HEADINGS = [
    Template("Über {a}", "About {a}"),
    Template("{A} und {b}", "{A} and {b}"),
    Template("Unsere Arbeit zu {a}", "Our work on {a}"),
    Template("Warum {a} zählt", "Why {a} matters"),
]


def thousands(number):
    return T(f"{number:,}".replace(",", "."), f"{number:,}")


class TextMaker:
    """Bilingual sentences, paragraphs and titles drawn from `rng`."""

    def __init__(self, rng):
        self.rng = rng

    def nouns(self, count):
        return self.rng.choices(NOUNS, cum_weights=NOUN_WEIGHTS, k=count)

    def noun(self):
        return self.nouns(1)[0]

    def fill(self, template, a, b):
        """`template` with the nouns a and b and whatever extra slots it has."""
        de_extras, en_extras = {}, {}
        for slot in template.extras:
            de_extras[slot], en_extras[slot] = self._extra(slot)
        return T(
            template.de.format(a=a.de, A=a.de, b=b.de, B=b.de, **de_extras),
            template.en.format(a=a.en, A=a.en_capitalised, b=b.en, B=b.en_capitalised, **en_extras),
        )

    def _extra(self, slot):
        rng = self.rng
        if slot == "place":
            return rng.choice(PLACES)
        if slot == "number":
            return thousands(rng.randrange(1, 100) * 1000)
        if slot == "year":
            year = str(rng.randint(2010, 2025))
            return T(year, year)
        if slot == "percent":
            percent = str(rng.randint(2, 15))
            return T(percent, percent)
        if slot == "target_year":
            year = str(rng.choice((2030, 2035, 2040, 2045)))
            return T(year, year)
        raise ValueError(slot)

    def pick(self, templates):
        a, b = self.nouns(2)
        return self.fill(self.rng.choice(templates), a, b)

    def sentences(self, count):
        """`count` sentences joined by spaces."""
        templates = self.rng.choices(SENTENCES, k=count)
        nouns = self.nouns(2 * count)
        filled = [
            self.fill(template, nouns[2 * index], nouns[2 * index + 1])
            for index, template in enumerate(templates)
        ]
        return T(" ".join(t.de for t in filled), " ".join(t.en for t in filled))

    def paragraphs(self, low, high, *, sentences=(2, 4)):
        """Between `low` and `high` paragraphs as rich-text HTML (<p>…</p>…)."""
        parts = [
            self.sentences(self.rng.randint(*sentences)) for _ in range(self.rng.randint(low, high))
        ]
        return T(
            "".join(f"<p>{part.de}</p>" for part in parts),
            "".join(f"<p>{part.en}</p>" for part in parts),
        )

    def headline(self):
        return self.pick(HEADLINES)

    def goal(self):
        return self.pick(GOALS)

    def demand(self):
        return self.pick(DEMANDS)

    def heading(self):
        return self.pick(HEADINGS)
