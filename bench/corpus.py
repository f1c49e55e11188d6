"""The benchmark corpus: a fresh instance folder with migrations applied, the demo bodies and users,
and ten years of meetings with agendas, minutes, decisions, actions, objectives and documents (some of
them real PDF and DOCX files, their text parsed back as an upload would be).

Rows go in with SQLAlchemy Core on the engine, in batches and with ids assigned here: nothing passes
through the ORM session, so the search outbox hooks never fire (the harness measures a full reindex
afterwards). Deterministic for a given size and seed.

The database is the SQLite file in the instance folder, or a PostgreSQL database (`database_url`),
dropped and created anew for each corpus; its serial sequences are moved past the generated ids.
"""
import math
import random
import shutil
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Integer, bindparam, create_engine, func, insert, select, text, update
from sqlalchemy.engine import make_url

from app.extensions import db

#: meetings after this moment are upcoming (planned / agenda published); before it, held
ANCHOR = datetime(2026, 11, 1, 13, 0)
#: the searchable objects one ordinary meeting brings on average (meeting, items, minutes,
#: decisions, actions, documents), used to size the number of bodies and meetings
PER_MEETING = 31.5
BIG_MEETING_ITEMS = 40


@dataclass(frozen=True)
class Size:
    target: int
    years: int
    meetings_per_year: int
    documents_per_meeting: tuple[int, int]


SIZES = {
    "tiny": Size(target=200, years=1, meetings_per_year=2, documents_per_meeting=(0, 2)),
    "small": Size(target=10_000, years=10, meetings_per_year=8, documents_per_meeting=(1, 5)),
    "large": Size(target=100_000, years=10, meetings_per_year=8, documents_per_meeting=(1, 5)),
}
EXTRA_BODY_THEMES = ("Mobiliteit", "Werk en Economie", "Kenniseconomie", "Ruimte", "Onderwijs en Arbeid",
                     "Zorg en Welzijn", "Energie", "Landbouw")
EXTRA_BODY_REGIONS = ("Hageland", "Dijleland", "Zuidoost-Brabant", "Noord-Brabant", "Leuven-Centrum",
                      "Tienen-Landen", "Aarschot-Diest", "Haacht-Rotselaar")
MEETING_TYPES = ("document", "meeting", "agenda_item", "minutes", "decision", "action", "objective")


def database_uri(instance: Path, database_url: str | None = None) -> str:
    """The benchmark's database: `database_url`, else the SQLite file in the instance folder."""
    return database_url or f"sqlite:///{Path(instance).resolve() / 'spitsregio.sqlite'}"


def is_postgres(database_url: str | None) -> bool:
    return bool(database_url) and make_url(database_url).get_backend_name() == "postgresql"


def make_app(instance: Path, backend: str = "whoosh", database_url: str | None = None):
    """The app on the benchmark instance folder (index and uploads inside it) and database
    (`database_url`, else the SQLite file in the instance folder)."""
    from app import create_app

    instance = Path(instance).resolve()
    return create_app("development", {
        "INSTANCE_PATH": str(instance),
        "SQLALCHEMY_DATABASE_URI": database_uri(instance, database_url),
        "SEARCH_INDEX_PATH": str(instance / "search-index"),
        "UPLOAD_PATH": str(instance / "uploads"),
        "SEARCH_BACKEND": backend,
        "SEED_DEMO_MEETINGS": False,
    })


class _Rows:
    """Rows per table, written in batches in parent-first order."""

    ORDER = ("meetings", "agenda_items", "attendances", "minutes", "minutes_revisions", "decisions",
             "objectives", "actions", "folders", "documents", "document_files", "document_tags")

    def __init__(self, engine, batch: int = 5000):
        self.engine = engine
        self.batch = batch
        self.rows = {name: [] for name in self.ORDER}
        self.ids = {name: 0 for name in self.ORDER}
        self.written = {name: 0 for name in self.ORDER}

    def start_ids(self) -> None:
        with self.engine.connect() as connection:
            for name in self.ORDER:
                table = db.metadata.tables[name]
                self.ids[name] = connection.scalar(select(func.coalesce(func.max(table.c.id), 0)))

    def add(self, table: str, **row) -> int:
        self.ids[table] += 1
        row["id"] = self.ids[table]
        self.rows[table].append(row)
        if len(self.rows[table]) >= self.batch:
            self.flush()
        return row["id"]

    #: foreign keys in a cycle (minutes -> its current revision -> minutes): inserted as NULL, set
    #: once the rows they point to are in (PostgreSQL checks each statement; SQLite does not check)
    LATER = {"minutes": "current_revision_id"}

    def flush(self) -> None:
        with self.engine.begin() as connection:
            later = []
            for name in self.ORDER:
                rows = self.rows[name]
                if rows:
                    column = self.LATER.get(name)
                    if column:
                        later += [(name, column, {"_id": row["id"], "_value": row[column]})
                                  for row in rows if row.get(column) is not None]
                        rows = [{**row, column: None} for row in rows]
                    # one statement per distinct key set (executemany needs the same keys)
                    by_keys = {}
                    for row in rows:
                        by_keys.setdefault(tuple(sorted(row)), []).append(row)
                    for group in by_keys.values():
                        connection.execute(insert(db.metadata.tables[name]), group)
                    self.written[name] += len(rows)
                    self.rows[name] = []
            by_column = {}
            for name, column, values in later:
                by_column.setdefault((name, column), []).append(values)
            for (name, column), values in by_column.items():
                table = db.metadata.tables[name]
                connection.execute(update(table).where(table.c.id == bindparam("_id"))
                                   .values({column: bindparam("_value")}), values)


class Generator:
    def __init__(self, app, size: str, seed: int = 7):
        from bench.text import DutchText

        self.app = app
        self.size_name = size
        self.size = SIZES[size]
        self.rng = random.Random(seed)
        self.text = DutchText(self.rng)
        self.files = {"pdf": 0, "docx": 0}
        self.extraction = {}

    # --- setup ---------------------------------------------------------------------------------

    def _bodies(self) -> list[dict]:
        from app.bodies.models import Body, FixedAgendaItem

        meetings_needed = self.size.target / PER_MEETING
        per_body = self.size.years * self.size.meetings_per_year
        wanted = max(1, math.ceil(meetings_needed / per_body))
        bodies = db.session.scalars(db.select(Body).order_by(Body.id)).all()
        with db.engine.begin() as connection:
            for n in range(max(0, wanted - len(bodies))):
                theme = EXTRA_BODY_THEMES[n % len(EXTRA_BODY_THEMES)]
                region = EXTRA_BODY_REGIONS[(n // len(EXTRA_BODY_THEMES)) % len(EXTRA_BODY_REGIONS)]
                suffix = f" {n // 64 + 1}" if n >= 64 else ""
                slug = f"werkgroep-{n + 1}"
                body_id = connection.execute(insert(Body.__table__).values(
                    slug=slug, name=f"Werkgroep {theme} {region}{suffix}", abbreviation=f"WG{n + 1}",
                    description=f"Regionale werkgroep {theme.lower()} voor de regio {region}.",
                    min_meetings_per_year=4)).inserted_primary_key[0]
                connection.execute(insert(FixedAgendaItem.__table__), [
                    {"body_id": body_id, "position": 0, "title": "Goedkeuring verslag vorige vergadering",
                     "kind": "ter_beslissing", "mandatory": True},
                    {"body_id": body_id, "position": 1, "title": "Varia", "kind": "ter_informatie",
                     "mandatory": False},
                ])
        db.session.expire_all()
        bodies = db.session.scalars(db.select(Body).order_by(Body.id)).all()[:wanted]
        return [{"id": b.id, "slug": b.slug, "name": b.name,
                 "fixed": [(f.id, f.title, f.kind, f.mandatory) for f in b.fixed_items]} for b in bodies]

    # --- one meeting ---------------------------------------------------------------------------

    def _state(self, start: datetime) -> str:
        if start > ANCHOR:
            return self.rng.choice(("planned", "planned", "agenda_published"))
        if start > ANCHOR - timedelta(days=45):
            return "held"
        return "minutes_approved"

    def meeting(self, body: dict, start: datetime, regular_items: int, documents: int,
                state: str | None = None, is_public: bool | None = None, title: str = "") -> int:
        rng, text, rows = self.rng, self.text, self.rows
        state = state or self._state(start)
        is_public = (rng.random() < 0.75) if is_public is None else is_public
        year = start.year
        meeting_id = rows.add(
            "meetings", body_id=body["id"], title=title, start_at=start, end_at=start + timedelta(hours=2),
            location=rng.choice(("Provinciehuis Leuven", "Stadhuis Tienen", "Interleuven, Leuven",
                                 f"Gemeentehuis {rng.choice(('Bertem', 'Haacht', 'Diest', 'Landen'))}",
                                 "Online")),
            state=state, is_public=is_public, created_by_id=self.secretary_id,
            created_at=start - timedelta(days=30), updated_at=start + timedelta(days=5))
        held = state in ("held", "minutes_approved")
        items = []
        for position, (fixed_id, fixed_title, kind, mandatory) in enumerate(body["fixed"]):
            items.append(dict(title=fixed_title, kind=kind, is_fixed=mandatory, is_standing=not mandatory,
                              fixed_item_id=fixed_id, line=None))
        for _ in range(regular_items):
            line = text.line()
            items.append(dict(title=text.item_title(line),
                              kind=rng.choice(("ter_informatie", "ter_bespreking", "ter_beslissing")),
                              is_fixed=False, is_standing=False, fixed_item_id=None, line=line))
        # the standing item (Varia) goes last, as the services keep it
        items.sort(key=lambda item: item["is_standing"])
        decision_number = 0
        item_ids = []
        for position, item in enumerate(items):
            line = item["line"]
            skipped = item["is_standing"] and held and rng.random() < 0.3
            item_id = rows.add(
                "agenda_items", meeting_id=meeting_id, position=position, title=item["title"],
                description=text.paragraph(rng.randint(1, 3), line, year) if line and rng.random() < 0.6 else "",
                kind=item["kind"], presenter=rng.choice(("", "Vera Voorzitter", "Interleuven", "VDAB", "VOKA")),
                action_line_id=self.line_ids[line] if line else None,
                duration_minutes=rng.choice((None, 10, 15, 20, 30)), is_fixed=item["is_fixed"],
                is_standing=item["is_standing"], fixed_item_id=item["fixed_item_id"], skipped=skipped,
                skip_reason="Geen punten aangebracht." if skipped else "",
                is_public=rng.random() < 0.9)
            item_ids.append((item_id, line))
            if not held or skipped:
                continue
            if item["title"].startswith("Goedkeuring verslag"):
                minutes_text = "Het verslag van de vorige vergadering wordt goedgekeurd zonder opmerkingen."
            else:
                minutes_text = text.minutes_markdown(line, year, rng.randint(1, 4))
            minutes_id = self.rows.ids["minutes"] + 1
            revision_id = rows.add("minutes_revisions", minutes_id=minutes_id, number=1, text=minutes_text,
                                   user_id=self.secretary_id, reason="", kind="edit",
                                   created_at=start + timedelta(days=2))
            rows.add("minutes", agenda_item_id=item_id, current_revision_id=revision_id,
                     locked_at=start + timedelta(days=7) if state == "minutes_approved" else None,
                     created_at=start + timedelta(days=2))
            takes = {"ter_beslissing": rng.randint(1, 2), "ter_bespreking": int(rng.random() < 0.3)}
            for _ in range(takes.get(item["kind"], 0) if line or item["is_fixed"] else 0):
                decision_number += 1
                decision_id = rows.add(
                    "decisions", agenda_item_id=item_id, number=decision_number,
                    text=text.decision_text(body["name"], line, year),
                    action_line_id=self.line_ids[line] if line else None, decided_on=start.date(),
                    created_by_id=self.secretary_id, created_at=start, updated_at=start)
                if rng.random() < 0.5:
                    self.action(body, start, line, decision_id)
        for _ in range(documents):
            item_id, line = rng.choice(item_ids)
            self.document(body, start, line or text.line(), meeting_id, item_id, is_public and held)
        return meeting_id

    def action(self, body: dict, start: datetime, line: int | None, decision_id: int | None,
               objective_id: int | None = None) -> None:
        rng = self.rng
        due = (start + timedelta(days=rng.randint(30, 240))).date()
        if due < ANCHOR.date():
            status = rng.choice(("afgerond", "afgerond", "afgerond", "geannuleerd", "lopend"))
        else:
            status = rng.choice(("gepland", "lopend"))
        by_user = rng.random() < 0.5
        self.rows.add(
            "actions", body_id=body["id"], decision_id=decision_id, objective_id=objective_id,
            title=self.text.action_title(line), description=self.text.paragraph(rng.randint(1, 2), line, start.year),
            owner_user_id=rng.choice(self.user_ids) if by_user else None,
            owner_organisation_id=None if by_user else rng.choice(self.organisation_ids),
            due_on=due, status=status, weight=1, progress=100 if status == "afgerond" else rng.randint(0, 80),
            created_by_id=self.secretary_id, created_at=start, updated_at=start)

    def document(self, body: dict, start: datetime, line: int, meeting_id: int | None, item_id: int | None,
                 may_publish: bool) -> None:
        from app.documents import files as storage
        from app.documents.extract import extract_docx, extract_pdf
        from app.documents.files import CONTENT_TYPES

        rng, text = self.rng, self.text
        year = start.year
        title = text.document_title(line, year)
        roll = rng.random()
        state = "published" if may_publish and roll < 0.6 else "internal" if roll < 0.92 else "private"
        is_file = rng.random() < 0.4
        when = start - timedelta(days=rng.randint(1, 14))
        document_id = self.rows.add(
            "documents", folder_id=self.folders[body["id"]], body_id=body["id"], kind="file" if is_file else "page",
            title=title, description=text.sentence(line, year), state=state, meeting_id=meeting_id,
            agenda_item_id=item_id, created_by_id=self.secretary_id, created_at=when, updated_at=when,
            text="" if is_file else "\n\n".join(f"## {h}\n\n{p}" for h, p in
                                                text.document_body(line, year, rng.randint(150, 600))))
        for tag in text.tags():
            self.rows.add("document_tags", document_id=document_id, name=tag)
        if not is_file:
            return
        kind = rng.choice(("pdf", "docx"))
        sections = text.document_body(line, year, rng.randint(300, 1500))
        data = (self._pdf if kind == "pdf" else self._docx)(title, sections)
        storage_name, sha256 = storage.store(data)
        # parsed back from the stored file, as an upload is (in-process: the child's limits are
        # a safety measure for hostile files, not needed for our own)
        status, extracted = (extract_pdf if kind == "pdf" else extract_docx)(str(storage.path_of(storage_name)))
        self.extraction[status] = self.extraction.get(status, 0) + 1
        self.files[kind] += 1
        slug = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")[:80]
        self.rows.add(
            "document_files", document_id=document_id, number=1, filename=f"{slug}.{kind}",
            storage_name=storage_name, file_kind=kind, content_type=CONTENT_TYPES[kind], size=len(data),
            sha256=sha256, extracted_text=extracted, extraction_status=status,
            uploaded_by_id=self.secretary_id, created_at=when)

    @staticmethod
    def _pdf(title, sections):
        from bench.files import make_pdf
        return make_pdf(title, sections)

    @staticmethod
    def _docx(title, sections):
        from bench.files import make_docx
        return make_docx(title, sections)

    # --- the whole corpus ----------------------------------------------------------------------

    def run(self) -> dict:
        from flask_migrate import upgrade

        from app.auth.models import User
        from app.bodies.models import ActionLine, Membership, Organisation
        from app.seed import seed_demo

        started = time.perf_counter()
        upgrade()
        seed_demo()
        self.line_ids = {line.number: line.id for line in db.session.scalars(db.select(ActionLine))}
        self.user_ids = list(db.session.scalars(db.select(User.id).order_by(User.id)))
        self.organisation_ids = list(db.session.scalars(db.select(Organisation.id).order_by(Organisation.id)))
        self.secretary_id = db.session.scalar(db.select(User.id).filter_by(email="secretaris@spitsregio.be"))
        bodies = self._bodies()
        db.session.remove()

        self.rows = _Rows(db.engine)
        self.rows.start_ids()
        rng = self.rng
        self.folders = {}
        for body in bodies:
            self.folders[body["id"]] = self.rows.add(
                "folders", parent_id=None, body_id=body["id"], title=f"Documenten {body['name']}",
                description="", state="internal", created_by_id=self.secretary_id)
            for line in (1, 2, 3, 4):  # objectives per action line, each with a few actions
                for k in range(2):
                    objective_id = self.rows.add(
                        "objectives", body_id=body["id"], action_line_id=self.line_ids[line],
                        title=f"Doelstelling {line}.{k + 1}: {self.text.topic(line)}",
                        description=self.text.paragraph(2, line), indicator=self.text.topic(line),
                        unit=rng.choice(("%", "aantal", "km", "jobs")), baseline=float(rng.randint(0, 50)),
                        target=float(rng.randint(60, 200)), target_date=date(ANCHOR.year + 2, 12, 31),
                        is_public=rng.random() < 0.5, created_by_id=self.secretary_id)
                    for _ in range(2):
                        self.action(body, ANCHOR - timedelta(days=rng.randint(30, 900)), line, None, objective_id)

        first_year = ANCHOR.year - self.size.years + 1
        for year in range(first_year, ANCHOR.year + 1):
            for body in bodies:
                for k in range(self.size.meetings_per_year):
                    day = 15 + int(k * 350 / self.size.meetings_per_year) + rng.randint(-5, 5)
                    start = datetime(year, 1, 1, 14, 0) + timedelta(days=day)
                    self.meeting(body, start, regular_items=rng.randint(5, 9),
                                 documents=rng.randint(*self.size.documents_per_meeting))

        taskforce = next((b for b in bodies if b["slug"] == "taskforce"), bodies[0])
        big_start = datetime(ANCHOR.year, 3, 12, 13, 0)
        big_items = BIG_MEETING_ITEMS - len(taskforce["fixed"])
        self.big_meeting_id = self.meeting(
            taskforce, big_start, regular_items=big_items, documents=10, state="minutes_approved", is_public=True,
            title="Taskforce Spitsregio Leuven – themadag actieplan (40 punten)")
        with db.engine.begin() as connection:
            members = connection.execute(select(Membership.user_id).where(
                Membership.body_id == taskforce["id"])).scalars().all()
        for n, user_id in enumerate(members):
            self.rows.add("attendances", meeting_id=self.big_meeting_id, user_id=user_id,
                          status="verontschuldigd" if n % 4 == 3 else "aanwezig")
        self.rows.flush()
        if db.engine.dialect.name == "postgresql":
            reset_sequences(db.engine)

        counts = {
            "meeting": self.rows.written["meetings"], "agenda_item": self.rows.written["agenda_items"],
            "minutes": self.rows.written["minutes"], "decision": self.rows.written["decisions"],
            "action": self.rows.written["actions"], "objective": self.rows.written["objectives"],
            "document": self.rows.written["documents"],
        }
        return {
            "size": self.size_name,
            "bodies": len(bodies),
            "years": self.size.years,
            "objects": counts,
            "searchable_objects": sum(counts.values()),
            "files": dict(self.files),
            "extraction": dict(self.extraction),
            "big_meeting_id": self.big_meeting_id,
            "seconds": round(time.perf_counter() - started, 2),
        }


def reset_sequences(engine) -> None:
    """PostgreSQL: move each serial sequence past the highest id, so the app (and the incremental
    update step) can insert rows after the generator inserted them with explicit ids."""
    with engine.begin() as connection:
        for table in db.metadata.sorted_tables:
            for column in table.primary_key.columns:
                if isinstance(column.type, Integer) and column.autoincrement in (True, "auto"):
                    connection.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{column.name}'), "
                        f"COALESCE((SELECT MAX(\"{column.name}\") FROM \"{table.name}\"), 0) + 1, false)"))


def recreate_database(database_url: str) -> None:
    """Drop and create the PostgreSQL database of `database_url` (through the `postgres`
    maintenance database, outside a transaction)."""
    url = make_url(database_url)
    name = url.database
    if not name or name in ("postgres", "template0", "template1"):
        raise ValueError(f"refusing to recreate the database {name!r}")
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()


def drop_database(database_url: str) -> None:
    url = make_url(database_url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    finally:
        admin.dispose()


def generate(work: Path, size: str, backend: str = "whoosh", seed: int = 7,
             database_url: str | None = None) -> dict:
    """A fresh corpus in `work`/instance (and in the PostgreSQL database of `database_url`, dropped
    and created anew); returns what was made."""
    instance = work / "instance"
    if instance.exists():
        shutil.rmtree(instance)
    instance.mkdir(parents=True)
    if is_postgres(database_url):
        recreate_database(database_url)
    app = make_app(instance, backend, database_url)
    with app.app_context():
        try:
            return Generator(app, size, seed).run()
        finally:
            db.session.remove()
            db.engine.dispose()
