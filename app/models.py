"""Every model, imported once so SQLAlchemy and Alembic see the whole schema."""
from app.auth.models import ApiToken, User  # noqa: F401
from app.bodies.models import ActionLine, Body, FixedAgendaItem, HouseStyle, Membership, Organisation  # noqa: F401
from app.core.models import Version, WorkflowTransition  # noqa: F401
from app.documents.models import Document, DocumentFile, DocumentTag, Folder  # noqa: F401
from app.decisions.models import Action, Decision, Objective, ProgressUpdate, Vote  # noqa: F401
from app.meetings.models import AgendaItem, Attendance, Meeting  # noqa: F401
from app.notify.models import NotificationPreference  # noqa: F401
from app.mail.models import OutgoingMail  # noqa: F401
from app.minutes.models import Minutes, MinutesRevision  # noqa: F401
from app.search.models import SearchEntry, SearchOutbox  # noqa: F401
from app.proposals.models import AgendaProposal  # noqa: F401
