"""Plone-style security: roles global or local to a body, one `can` check, search principals.

A protected object exposes
- `body_id`: the body it belongs to (None for site-wide content),
- `access_level`: "private", "internal" or "published" (its workflow decides),
- optionally `owner_user_ids`: users who own it (the author of a private draft, an action owner).
"""
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin

from app.core.errors import NotAllowed

VIEW = "view"                        # read the object
EDIT = "edit"                        # plan meetings, edit agendas, minutes, decisions, actions, docs
PUBLISH = "publish"                  # publish, approve minutes
REPORT_PROGRESS = "report_progress"  # report progress on an action
MANAGE = "manage"                    # users, bodies, memberships, fixed items
PERMISSIONS = (VIEW, EDIT, PUBLISH, REPORT_PROGRESS, MANAGE)

# Effective roles: waarnemer and plaatsvervanger read like a lid.
ROLE_OF_MEMBERSHIP = {
    "voorzitter": "voorzitter",
    "secretaris": "secretaris",
    "lid": "lid",
    "waarnemer": "lid",
    "plaatsvervanger": "lid",
}
BODY_ROLES = {"voorzitter", "secretaris", "lid"}

# Who may do what, by effective role (the DESIGN.md matrix). "owner" rules are applied in `can`.
GRANTS = {
    EDIT: {"beheerder", "secretaris"},
    PUBLISH: {"beheerder", "secretaris", "voorzitter"},
    REPORT_PROGRESS: {"beheerder", "secretaris", "voorzitter"},
    MANAGE: {"beheerder"},
}


def is_anonymous(user) -> bool:
    return user is None or isinstance(user, AnonymousUserMixin) or not user.is_authenticated


def roles_in(user, body_id: int | None) -> set[str]:
    """The effective roles of `user` for content of the body `body_id`."""
    if is_anonymous(user):
        return {"anonymous"}
    roles = {"authenticated"}
    if user.global_role:
        roles.add(user.global_role)
    if body_id is not None:
        for membership in user.memberships:
            if membership.body_id == body_id:
                roles.add(ROLE_OF_MEMBERSHIP[membership.role])
    return roles


def _owners(obj) -> set[int]:
    return set(getattr(obj, "owner_user_ids", ()) or ())


def can(user, permission: str, obj=None) -> bool:
    """May `user` do `permission` on `obj` (or, with obj None, site-wide)?"""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    body_id = getattr(obj, "body_id", None) if obj is not None else None
    roles = roles_in(user, body_id)
    if "beheerder" in roles:
        return True
    if permission == VIEW:
        level = getattr(obj, "access_level", "published") if obj is not None else "published"
        if level == "published":
            return True
        if level == "internal":
            return bool(roles & BODY_ROLES)
        owner = not is_anonymous(user) and user.id in _owners(obj)
        return "secretaris" in roles or owner
    if permission == REPORT_PROGRESS and not is_anonymous(user) and user.id in _owners(obj):
        return True
    return bool(roles & GRANTS[permission])


def reads_internal(user, obj) -> bool:
    """Does `user` read the internal content of `obj`'s body (a member, a global role, the
    beheerder)? Only they see the persons behind published content: who owns an action, who wrote
    a progress note, and the notes themselves (DESIGN.md: never the progress notes of persons)."""
    roles = roles_in(user, getattr(obj, "body_id", None))
    return "beheerder" in roles or bool(roles & BODY_ROLES)


# --- search principals (Plone's allowedRolesAndUsers) -------------------------------------------

def allowed_principals(obj) -> list[str]:
    """The principals that may read `obj`; stored with it in the search index."""
    level = getattr(obj, "access_level", "published")
    if level == "published":
        return ["anonymous"]
    body_id = getattr(obj, "body_id", None)
    if level == "internal":
        principals = ["role:beheerder", "global:member"]
        if body_id is not None:
            principals.append(f"body:{body_id}:member")
        return principals
    principals = ["role:beheerder", "global:secretary"]
    if body_id is not None:
        principals.append(f"body:{body_id}:secretary")
    principals += [f"user:{user_id}" for user_id in sorted(_owners(obj))]
    return principals


def user_principals(user) -> set[str]:
    """The principals of `user`; a search result is shown when the two sets meet."""
    if is_anonymous(user):
        return {"anonymous"}
    principals = {"anonymous", "authenticated", f"user:{user.id}"}
    if user.global_role == "beheerder":
        principals.add("role:beheerder")
    elif user.global_role == "secretaris":
        principals |= {"global:secretary", "global:member"}
    elif user.global_role:
        principals.add("global:member")
    for membership in user.memberships:
        role = ROLE_OF_MEMBERSHIP[membership.role]
        principals.add(f"body:{membership.body_id}:member")
        if role == "secretaris":
            principals.add(f"body:{membership.body_id}:secretary")
    return principals


def require(user, permission: str, obj=None) -> None:
    """Raise NotAllowed unless `can(user, permission, obj)`; services call this first."""
    if not can(user, permission, obj):
        raise NotAllowed(_("U hebt geen toestemming voor deze handeling."))
