"""A small generic workflow engine: states, transitions, guards, effects and a history.

Every way of moving an object (page button, API, demo data, CLI) goes through `apply_transition`,
so every way gets the same checks and the same consequences (PloneMeeting's may*/do* pairs):

- the transition's permission (`can(user, permission, obj)`);
- guards: conditions registered per transition that say why not now ("a meeting is held only
  once it has started"): `@guard(MEETING_WORKFLOW, "mark_held")`;
- effects: what follows, registered by the feature that owns it ("on approve_minutes: lock the
  minutes"): `@on_transition(MEETING_WORKFLOW, "approve_minutes")`, or for every transition of a
  workflow without names.
"""
from dataclasses import dataclass, field
from typing import Callable

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
    #: the comment is the reason, and required (a cancellation says why)
    needs_reason: bool = False


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
        """The transitions `user` may take on `obj` now (permitted, and no guard refuses)."""
        return [
            t for t in self.transitions
            if obj.state in t.sources and can(user, t.permission, obj) and refusal(self, t, obj, user) is None
        ]


@dataclass(frozen=True)
class TransitionEvent:
    """What an effect receives: the object moved, how, by whom and why."""
    obj: object
    transition: Transition
    user: object
    comment: str
    from_state: str


#: (workflow name, transition name) -> [fn(obj, user) -> a message when refused, else None]
_GUARDS: dict[tuple[str, str], list[Callable]] = {}
#: workflow name -> [(transition names, or () for every one, fn(event))]
_EFFECTS: dict[str, list[tuple[tuple[str, ...], Callable]]] = {}


def guard(workflow: Workflow, *names: str):
    """Register a condition for the transitions `names`: fn(obj, user) returns why not, or None."""
    for name in names:
        workflow.transition(name)  # a typo fails at import, not silently never

    def register(fn: Callable) -> Callable:
        for name in names:
            if fn not in _GUARDS.setdefault((workflow.name, name), []):
                _GUARDS[(workflow.name, name)].append(fn)
        return fn
    return register


def on_transition(workflow: Workflow, *names: str):
    """Register what follows the transitions `names` (every transition without names): fn(event).
    Effects run inside the transaction, after the state changed and before the service commits."""
    for name in names:
        workflow.transition(name)

    def register(fn: Callable) -> Callable:
        effects = _EFFECTS.setdefault(workflow.name, [])
        if all(existing is not fn for _names, existing in effects):
            effects.append((tuple(names), fn))
        return fn
    return register


def refusal(workflow: Workflow, transition: Transition, obj, user) -> str | None:
    """The first guard's reason why `transition` may not happen to `obj` now, or None."""
    for check in _GUARDS.get((workflow.name, transition.name), ()):
        message = check(obj, user)
        if message:
            return str(message)
    return None


def apply_transition(workflow: Workflow, obj, name: str, user, comment: str = "", object_type: str | None = None):
    """Move `obj` along `name`: check the permission and the guards, record who, when and why,
    then run the registered effects. The calling service commits."""
    transition = workflow.transition(name)
    if not can(user, transition.permission, obj):
        raise NotAllowed(_("U mag deze overgang niet uitvoeren."))
    if obj.state not in transition.sources:
        raise Conflict(
            _("Deze overgang is niet mogelijk vanuit de toestand %(state)s.",
              state=workflow.state_title(obj.state))
        )
    reason = refusal(workflow, transition, obj, user)
    if reason:
        raise Conflict(reason)
    if transition.needs_reason and not (comment or "").strip():
        raise Invalid(_("Geef een reden op."))
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
    event = TransitionEvent(obj, transition, user, record.comment, record.from_state)
    for names, effect in _EFFECTS.get(workflow.name, ()):
        if not names or name in names:
            effect(event)
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

#: Meetings: planned -> agenda_published -> held -> (decisions_published) -> minutes_approved;
#: cancelled before they are held. The public reads a held meeting's decisions once its decision
#: list (besluitenlijst) is published or its minutes are approved.
MEETING_WORKFLOW = Workflow(
    name="meeting",
    initial="planned",
    states={
        "planned": _l("Gepland"),
        "agenda_published": _l("Agenda gepubliceerd"),
        "held": _l("Gehouden"),
        "decisions_published": _l("Besluitenlijst gepubliceerd"),
        "minutes_approved": _l("Verslag goedgekeurd"),
        "cancelled": _l("Geannuleerd"),
    },
    transitions=(
        Transition("publish_agenda", ("planned",), "agenda_published", PUBLISH, _l("Agenda publiceren")),
        Transition("retract_agenda", ("agenda_published",), "planned", PUBLISH, _l("Agenda terugtrekken")),
        Transition("mark_held", ("agenda_published",), "held", EDIT, _l("Vergadering gehouden")),
        Transition("publish_decisions", ("held",), "decisions_published", PUBLISH,
                   _l("Besluitenlijst publiceren")),
        Transition("approve_minutes", ("held", "decisions_published"), "minutes_approved", PUBLISH,
                   _l("Verslag goedkeuren")),
        Transition("cancel", ("planned", "agenda_published"), "cancelled", PUBLISH, _l("Vergadering annuleren"),
                   needs_reason=True),
    ),
)
