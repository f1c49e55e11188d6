"""Reminders, sent by `flask --app wsgi send-reminders` (cron, daily): every owner of open actions due
within a week or overdue gets one mail listing them, daily or (by choice) weekly; every secretary
of a body gets a weekly digest of its overdue actions. Each mail at most once per day or ISO week:
its outbox once_key is taken in the same transaction.

Bounded: the actions with their owners, the organisations' people, the preferences, the secretaries
and the once_keys already used are each read in one query, whatever the number of actions."""
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _, ngettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.auth.models import User
from app.bodies.models import Membership
from app.decisions.actions import today
from app.decisions.models import OPEN_STATUSES, Action
from app.extensions import db
from app.mail.models import OutgoingMail
from app.notify.actions import contact_persons
from app.notify.letters import absolute_url, notify
from app.notify.models import NotificationPreference

#: an open action is brought up from this many days before its due date
AHEAD_DAYS = 7


@dataclass
class Queued:
    kind: str  # "reminder" or "digest"
    recipient: str
    actions: int


@dataclass
class ReminderRun:
    day: date
    queued: list[Queued] = field(default_factory=list)
    #: mails left out because the same mail went earlier today (or this week)
    already_sent: int = 0
    #: another run took the same once_keys first: this run queued nothing
    conflict: bool = False
    #: the outbox rows this run queued
    mail_ids: list[int] = field(default_factory=list)


def week_key(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def due_phrase(due_on: date, day: date) -> str:
    """"3 dagen te laat", "vandaag", "nog 4 dagen": how the due date stands on `day`."""
    days = (due_on - day).days
    if days < 0:
        return ngettext("%(num)d dag te laat", "%(num)d dagen te laat", -days)
    if days == 0:
        return _("deadline vandaag")
    return ngettext("nog %(num)d dag", "nog %(num)d dagen", days)


def _due_actions(day: date) -> list[Action]:
    """Open actions due by a week from `day`, overdue ones included, with what the mails show."""
    return db.session.scalars(
        select(Action)
        .where(Action.status.in_(OPEN_STATUSES), Action.due_on.is_not(None),
               Action.due_on <= day + timedelta(days=AHEAD_DAYS))
        .options(selectinload(Action.owner_user), selectinload(Action.owner_organisation),
                 selectinload(Action.body))
        .order_by(Action.due_on, Action.id)).all()


def _by_person(actions: list[Action]) -> dict[int, tuple[User, list[Action]]]:
    """Each person to remind with their actions: an owner, or the people of an owning organisation."""
    people = contact_persons({(a.body_id, a.owner_organisation_id) for a in actions
                              if a.owner_user is None and a.owner_organisation_id})
    found: dict[int, tuple[User, list[Action]]] = {}
    for action in actions:
        if action.owner_user is not None:
            owners = [action.owner_user] if action.owner_user.active else []
        else:
            owners = people.get((action.body_id, action.owner_organisation_id), [])
        for person in owners:
            found.setdefault(person.id, (person, []))[1].append(action)
    return found


def _by_secretary(overdue: list[Action]) -> dict[int, tuple[User, list[Action]]]:
    """Each secretary (secretaris of a body) with the overdue actions of her bodies, by body."""
    rows = db.session.execute(
        select(Membership.body_id, User).join(User, User.id == Membership.user_id)
        .where(Membership.role == "secretaris", Membership.body_id.in_({a.body_id for a in overdue}),
               User.active.is_(True))).all()
    found: dict[int, tuple[User, list[Action]]] = {}
    for body_id, secretary in rows:
        found.setdefault(secretary.id, (secretary, []))[1].extend(a for a in overdue if a.body_id == body_id)
    for _secretary, actions in found.values():
        actions.sort(key=lambda a: (a.body.name, a.due_on, a.id))
    return found


def _preferences(user_ids: set[int]) -> dict[int, NotificationPreference]:
    """The stored choices; a user without a row has everything on, reminders daily."""
    if not user_ids:
        return {}
    return {p.user_id: p for p in db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id.in_(user_ids)))}


def _used(keys: list[str]) -> set[str]:
    if not keys:
        return set()
    return set(db.session.scalars(select(OutgoingMail.once_key).where(OutgoingMail.once_key.in_(keys))))


def send_reminders(day: date | None = None) -> ReminderRun:
    """Queue today's reminders and this week's digests, and commit them (delivered after the commit)."""
    day = day or today()
    run = ReminderRun(day=day)
    actions = _due_actions(day)
    owners = _by_person(actions)
    secretaries = _by_secretary([a for a in actions if a.due_on < day])
    preferences = _preferences(set(owners) | set(secretaries))
    planned = []  # (kind, once_key, person, actions)
    for user_id, (person, listed) in owners.items():
        choice = preferences.get(user_id)
        if choice is not None and not choice.reminders:
            continue
        period = week_key(day) if choice is not None and choice.reminder_frequency == "weekly" else day.isoformat()
        planned.append(("reminder", f"reminder:{user_id}:{period}", person, listed))
    for user_id, (person, listed) in secretaries.items():
        choice = preferences.get(user_id)
        if choice is None or choice.digest:
            planned.append(("digest", f"digest:{user_id}:{week_key(day)}", person, listed))
    used = _used([key for _kind, key, _person, _actions in planned])
    mails = []
    for kind, key, person, listed in planned:
        if key in used:
            run.already_sent += 1
            continue
        mail = _queue(kind, key, person, listed, day)
        if mail is not None:
            mails.append(mail)
            run.queued.append(Queued(kind, person.email, len(listed)))
    try:
        db.session.flush()
        run.mail_ids = [mail.id for mail in mails]
        db.session.commit()
    except IntegrityError:  # a run on another host took the same once_keys first: it sends them
        db.session.rollback()
        run.queued, run.mail_ids, run.conflict = [], [], True
    return run


def _queue(kind: str, key: str, person: User, listed: list[Action], day: date):
    context = {"actions": listed, "day": day, "due_phrase": lambda due_on: due_phrase(due_on, day),
               "link_of": lambda action: absolute_url("actions.show", action_id=action.id)}
    if kind == "reminder":
        return notify(person, "reminders", "reminder_actions", lambda: ngettext(
            "Herinnering: %(num)d actie vraagt je aandacht", "Herinnering: %(num)d acties vragen je aandacht",
            len(listed)), once_key=key, **context)
    return notify(person, "digest", "reminder_digest", lambda: ngettext(
        "Weekoverzicht: %(num)d actie over tijd", "Weekoverzicht: %(num)d acties over tijd", len(listed)),
        once_key=key, dashboard_url=absolute_url("actions.dashboard", overdue="1"), **context)
