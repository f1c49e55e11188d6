"""A small generic workflow engine: states, transitions guarded by permissions, a history."""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.errors import Conflict, Invalid, NotAllowed
from app.core.models import WorkflowTransition
from app.core.permissions import EDIT, PUBLISH, can
from app.extensions import db


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    permission: str
    title: str


@dataclass(frozen=True)
class Workflow:
    name: str
    initial: str
    states: dict[str, str]
    transitions: tuple[Transition, ...] = field(default=())

    def transition(self, name: str) -> Transition:
        for transition in self.transitions:
            if transition.name == name:
                return transition
        raise Invalid(_("Onbekende overgang: %(name)s", name=name))

    def state_title(self, state: str) -> str:
        return str(self.states.get(state, state))

    def available(self, user, obj) -> list[Transition]:
        """The transitions `user` may take on `obj` now."""
        return [
            t for t in self.transitions if obj.state in t.sources and can(user, t.permission, obj)
        ]


def apply_transition(workflow: Workflow, obj, name: str, user, comment: str = "", object_type: str | None = None):
    """Move `obj` along `name`, recording who, when and why. The calling service commits."""
    transition = workflow.transition(name)
    if obj.state not in transition.sources:
        raise Conflict(
            _("Deze overgang is niet mogelijk vanuit de toestand %(state)s.",
              state=workflow.state_title(obj.state))
        )
    if not can(user, transition.permission, obj):
        raise NotAllowed(_("U mag deze overgang niet uitvoeren."))
    record = WorkflowTransition(
        object_type=object_type or obj.__tablename__,
        object_id=obj.id,
        transition=name,
        from_state=obj.state,
        to_state=transition.target,
        user_id=user.id,
        comment=(comment or "").strip(),
    )
    obj.state = transition.target
    db.session.add(record)
    return record


def history(obj, object_type: str | None = None) -> list[WorkflowTransition]:
    return db.session.scalars(
        db.select(WorkflowTransition)
        .filter_by(object_type=object_type or obj.__tablename__, object_id=obj.id)
        .order_by(WorkflowTransition.created_at, WorkflowTransition.id)
    ).all()


#: Plone-style content: documents, folders, pages.
CONTENT_WORKFLOW = Workflow(
    name="content",
    initial="private",
    states={"private": _l("Privé"), "internal": _l("Intern"), "published": _l("Publiek")},
    transitions=(
        Transition("share", ("private",), "internal", EDIT, _l("Intern delen")),
        Transition("publish", ("private", "internal"), "published", PUBLISH, _l("Publiceren")),
        Transition("retract", ("published",), "internal", PUBLISH, _l("Terugtrekken")),
        Transition("make_private", ("internal", "published"), "private", EDIT, _l("Privé maken")),
    ),
)

#: Meetings: planned -> agenda_published -> held -> minutes_approved.
MEETING_WORKFLOW = Workflow(
    name="meeting",
    initial="planned",
    states={
        "planned": _l("Gepland"),
        "agenda_published": _l("Agenda gepubliceerd"),
        "held": _l("Gehouden"),
        "minutes_approved": _l("Verslag goedgekeurd"),
    },
    transitions=(
        Transition("publish_agenda", ("planned",), "agenda_published", PUBLISH, _l("Agenda publiceren")),
        Transition("retract_agenda", ("agenda_published",), "planned", PUBLISH, _l("Agenda terugtrekken")),
        Transition("mark_held", ("agenda_published",), "held", EDIT, _l("Vergadering gehouden")),
        Transition("approve_minutes", ("held",), "minutes_approved", PUBLISH, _l("Verslag goedkeuren")),
    ),
)
