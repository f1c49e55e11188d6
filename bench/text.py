"""Dutch text for the benchmark corpus: titles, Markdown minutes, decisions, documents.

Built from phrase banks of the Spitsregio's own subjects (the four action lines, the municipalities
of the arrondissement, the partners), so that realistic queries hit a realistic share of objects:
frequent words (mobiliteit, vergadering), rarer ones (brownfields, agrovoeding), word forms
(fietspad/fietspaden, besluit/besluiten) and fixed phrases ("duurzame economische ontwikkeling").
"""
import random

from app.seed import MUNICIPALITIES

ORGANISATIONS = ("VDAB", "VOKA", "UNIZO", "ACV", "ABVV", "ACLVB", "Boerenbond", "Interleuven",
                 "de provincie Vlaams-Brabant", "KU Leuven", "De Lijn", "het Agentschap Wegen en Verkeer",
                 "ERSV Vlaams-Brabant", "de NMBS", "Leuven MindGate")
PEOPLE = ("Vera Peeters", "Jan Janssens", "Lieve Maes", "Tom Wouters", "An Claes", "Dirk Goossens",
          "Els Mertens", "Pieter Vermeulen", "Sofie Jacobs", "Koen Willems", "Hanne De Smet",
          "Bart Michiels", "Inge Lambrechts", "Wim Hermans", "Nathalie Dubois", "Youssef El Amrani")
TOPICS = {
    1: ("Kenniseconomie", (
        "de kennisas Leuven-Tienen", "de samenwerking tussen KU Leuven en kmo's", "de innovatiehub in Haasrode",
        "de spin-offs van de universiteit", "het onderzoekspark Arenberg", "de biotechcluster",
        "de digitale vaardigheden van werknemers", "de valorisatie van onderzoek", "de kennisdeling tussen bedrijven",
        "de incubator voor starters", "de hoogtechnologische maakindustrie", "de innovatievouchers")),
    2: ("Duurzame economische ontwikkeling", (
        "het bedrijventerrein in {gem}", "de kernversterking in {gem}", "de leegstand in de handelskernen",
        "de brownfields langs de E40", "de vestigingsvoorwaarden voor kmo's", "de circulaire economie",
        "de energietransitie van bedrijventerreinen", "de agrovoeding in het Hageland",
        "de ruimte om te ondernemen", "het ruimtelijk beleidsplan", "de herbestemming van bedrijfsgebouwen",
        "de detailhandel in de kernen", "de duurzame economische ontwikkeling van de regio")),
    3: ("Goedwerkende arbeidsmarkt", (
        "de knelpuntberoepen in de zorg", "de werkzaamheidsgraad van 55-plussers", "de duale opleidingen",
        "het opleidingsaanbod van VDAB", "de jobbeurs Oost-Brabant", "de arbeidsmarktkrapte",
        "de tewerkstelling van nieuwkomers", "de kinderopvang voor werkzoekenden", "de sociale economie",
        "de loopbaanbegeleiding", "de instroom in technische beroepen", "de werkervaringstrajecten")),
    4: ("Mobiliteit", (
        "de fietssnelweg F25 Leuven-Aarschot", "de fietspaden naar de bedrijventerreinen",
        "de vervoerregio Leuven", "de basisbereikbaarheid", "de busverbinding naar {gem}",
        "de pendelstromen naar Leuven", "de carpoolparking aan de E314", "de herinrichting van de ring",
        "de treinverbinding Leuven-Tienen", "de deelmobiliteit", "de mobipunten in {gem}",
        "de verkeersveiligheid rond scholen", "de laadpalen voor elektrische wagens",
        "het fietspad langs de Demer", "de spitsuren op de E40")),
}
VERBS = ("bespreekt", "evalueert", "onderzoekt", "ondersteunt", "bevestigt", "actualiseert", "verduidelijkt",
         "financiert", "plant", "bewaakt", "agendeert", "prioriteert")
SUBJECTS = ("De taskforce", "Het Burgemeestersoverleg", "De werkgroep", "De provincie Vlaams-Brabant",
            "VDAB", "Interleuven", "Het ACV", "VOKA", "UNIZO", "Het bureau", "De secretaris",
            "De voorzitter", "De gemeente {gem}", "De stad Leuven", "Het sociaal overleg")
PLACES = ("in {year}", "tegen eind {year}", "samen met de gemeenten", "voor het hele arrondissement",
          "in overleg met de sociale partners", "op vraag van de burgemeesters", "met steun van de provincie",
          "binnen het actieplan", "in de regio Oost-Brabant", "voor de volgende vergadering", "")
EXTRA = (
    "Het verslag van de vorige vergadering wordt goedgekeurd zonder opmerkingen.",
    "De cijfers tonen een stijging van {pct} procent in {gem}.",
    "Het dossier over {topic} wordt uitgesteld naar de volgende vergadering.",
    "Er volgt een presentatie door {person} van {org} over {topic}.",
    "De leden zijn het eens dat {topic} prioritair blijft.",
    "{org} bezorgt de nota over {topic} aan alle leden.",
    "De vergadering vraagt een stand van zaken over {topic} tegen {month} {year}.",
    "Volgens {org} zijn er in {gem} {n} projecten lopende.",
    "De besluiten van de vorige vergaderingen over {topic} worden opgevolgd.",
    "Er zijn vragen over de timing en de financiering van {topic}.",
    "De burgemeester van {gem} benadrukt het belang van {topic}.",
    "De werkgroep rapporteert over de resultaten van de bevraging.",
)
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
ITEM_PREFIXES = ("Stand van zaken", "Voorstel", "Evaluatie", "Toelichting", "Opvolging", "Verkenning",
                 "Nota", "Presentatie", "Advies", "Actualisatie")
TAGS = ("mobiliteit", "arbeidsmarkt", "kenniseconomie", "ruimte", "begroting", "actieplan", "nota",
        "presentatie", "verslag", "subsidie", "studie", "advies")


class DutchText:
    """Deterministic Dutch prose from a seed."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def line(self) -> int:
        return self.rng.choice((1, 1, 2, 2, 3, 3, 4, 4, 4))

    def topic(self, line: int | None = None) -> str:
        line = line or self.line()
        return self.rng.choice(TOPICS[line][1]).format(gem=self.rng.choice(MUNICIPALITIES))

    def _fill(self, template: str, line: int | None, year: int) -> str:
        rng = self.rng
        return template.format(
            gem=rng.choice(MUNICIPALITIES), year=year + rng.choice((0, 0, 1)), pct=rng.randint(2, 40),
            topic=self.topic(line), person=rng.choice(PEOPLE), org=rng.choice(ORGANISATIONS),
            month=rng.choice(MONTHS), n=rng.randint(2, 25))

    def sentence(self, line: int | None = None, year: int = 2024) -> str:
        rng = self.rng
        if rng.random() < 0.4:
            return self._fill(rng.choice(EXTRA), line, year)
        place = self._fill(rng.choice(PLACES), line, year)
        text = f"{self._fill(rng.choice(SUBJECTS), line, year)} {rng.choice(VERBS)} {self.topic(line)}"
        return (f"{text} {place}" if place else text) + "."

    def paragraph(self, sentences: int, line: int | None = None, year: int = 2024) -> str:
        return " ".join(self.sentence(line, year) for _ in range(sentences))

    def item_title(self, line: int) -> str:
        topic = self.topic(line)
        return f"{TOPICS[line][0]}: {self.rng.choice(ITEM_PREFIXES).lower()} {topic}"

    def minutes_markdown(self, line: int | None, year: int, paragraphs: int) -> str:
        rng = self.rng
        parts = [self.paragraph(rng.randint(2, 5), line, year) for _ in range(paragraphs)]
        if rng.random() < 0.5:
            parts.insert(1, "\n".join(f"- {self.sentence(line, year)}" for _ in range(rng.randint(2, 4))))
        if rng.random() < 0.2:
            parts.append(f"**Conclusie:** {self.sentence(line, year)}")
        return "\n\n".join(parts)

    def decision_text(self, body_name: str, line: int | None, year: int) -> str:
        rng = self.rng
        verb = rng.choice(("keurt", "bekrachtigt", "steunt", "vraagt", "beslist over"))
        text = f"{body_name} {verb} {self.topic(line)}"
        if verb == "keurt":
            text += " goed"
        return text + f" {self._fill(rng.choice(PLACES), line, year)}".rstrip() + ". " + self.sentence(line, year)

    def action_title(self, line: int | None) -> str:
        return self.rng.choice((
            "Nota opmaken over {t}", "Overleg plannen met {o} over {t}", "Cijfers verzamelen over {t}",
            "Voorstel uitwerken voor {t}", "Terugkoppelen aan de gemeenten over {t}",
        )).format(t=self.topic(line), o=self.rng.choice(ORGANISATIONS))

    def document_title(self, line: int, year: int) -> str:
        kind = self.rng.choice(("Nota", "Studie", "Presentatie", "Adviesnota", "Jaarverslag", "Projectfiche",
                                "Verslag werkgroep", "Subsidiedossier"))
        return f"{kind} {self.topic(line)} ({year})"

    def document_body(self, line: int, year: int, words: int) -> list[tuple[str, str]]:
        """(heading, paragraph) sections of about `words` words."""
        sections, count = [], 0
        while count < words:
            heading = self.rng.choice(ITEM_PREFIXES) + " " + self.topic(line)
            paragraph = self.paragraph(self.rng.randint(3, 7), line, year)
            sections.append((heading, paragraph))
            count += len(paragraph.split()) + len(heading.split())
        return sections

    def tags(self) -> list[str]:
        return self.rng.sample(TAGS, self.rng.randint(0, 3))
