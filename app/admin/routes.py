"""Admin pages: users, organisations, bodies, memberships and fixed agenda items (MANAGE only)."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.admin import bp
from app.admin.forms import (
    ITEM_KIND_LABELS, ORGANISATION_KIND_LABELS, ROLE_LABELS, BodyForm, FixedItemForm, MembershipForm,
    MembershipRoleForm, OrganisationForm, UserForm, options,
)
from app.auth import reset, services as accounts
from app.auth.links import has_password
from app.bodies import services as bodies
from app.core.errors import NotAllowed
from app.core.forms import form_page, run, submit
from app.core.permissions import MANAGE, can


@bp.before_request
def only_managers():
    """Every admin page needs MANAGE; the services check it again for every change."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.path))
    if not can(current_user, MANAGE):
        raise NotAllowed(_("Alleen een beheerder heeft toegang tot het beheer."))


@bp.context_processor
def labels():
    return {
        "role_labels": ROLE_LABELS,
        "organisation_kind_labels": ORGANISATION_KIND_LABELS,
        "item_kind_labels": ITEM_KIND_LABELS,
    }


def _organisation_choices(form_field, empty_label):
    form_field.choices = options([("", empty_label)] + [
        (organisation.id, organisation.name) for organisation in bodies.list_organisations()
    ])


#: the lists of the admin, each on a page of its own, /admin/<name> with admin/<name>.html
#: (endpoint `admin.<endpoint>`), and all three on the overview
_LISTS = {
    "users": ("users", accounts.list_users),
    "organisations": ("organisations", bodies.list_organisations),
    "bodies": ("bodies_list", bodies.list_bodies),
}


@bp.route("/")
def index():
    return render_template("admin/index.html", **{name: lister() for name, (_endpoint, lister) in _LISTS.items()})


def list_page(name: str):
    return render_template(f"admin/{name}.html", **{name: _LISTS[name][1]()})


for _name, (_endpoint, _lister) in _LISTS.items():
    bp.add_url_rule(f"/{_name}", _endpoint, list_page, defaults={"name": _name})


# --- users ---------------------------------------------------------------------------------------

def _user_form(user=None) -> UserForm:
    form = UserForm(obj=None)
    _organisation_choices(form.organisation, _l("— geen"))
    if user is not None and request.method == "GET":
        form.name.data, form.email.data = user.name, user.email
        form.global_role.data = user.global_role or ""
        form.organisation.data = user.organisation_id
        form.active.data = user.active
    return form


@bp.route("/users/new", methods=["GET", "POST"])
def create_user():
    """A new account; its user is mailed an invitation to choose a password (never typed here)."""
    form = _user_form()
    return form_page(
        "admin/user_form.html", form,
        lambda: accounts.create_user(
            form.email.data, form.name.data, global_role=form.global_role.data or None,
            organisation=bodies.find_organisation(form.organisation.data), actor=current_user,
            active=form.active.data,
        ),
        _created, url_for("admin.users"), user=None,
    )


def _created(user) -> str:
    if user.active:
        return _("Gebruiker %(name)s aangemaakt. Een uitnodiging om een wachtwoord te kiezen is gemaild naar "
                 "%(email)s.", name=user.name, email=user.email)
    return _("Gebruiker %(name)s aangemaakt. Het account is niet actief: er is geen uitnodiging gemaild.",
             name=user.name)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    user = accounts.get_user(user_id)
    form = _user_form(user)
    return form_page(
        "admin/user_form.html", form,
        lambda: accounts.update_user(
            user, current_user, form.name.data, form.email.data, form.global_role.data or None,
            bodies.find_organisation(form.organisation.data), form.active.data,
        ),
        lambda user: _("Gebruiker %(name)s opgeslagen.", name=user.name), url_for("admin.users"), user=user,
        has_password=has_password(user),
    )


@bp.post("/users/<int:user_id>/password-link")
def send_password_link(user_id: int):
    """Mail the user a link to choose a password: the invitation again, or a reset link."""
    user = accounts.get_user(user_id)
    result = run(lambda: reset.send_password_link(current_user, user))
    if result.ok:
        flash(_("Een link om een wachtwoord te kiezen is gemaild naar %(email)s.", email=user.email), "success")
    else:
        flash(result.error, "error")
    return redirect(url_for("admin.edit_user", user_id=user.id))


# --- organisations -------------------------------------------------------------------------------

@bp.route("/organisations/new", methods=["GET", "POST"])
@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
def edit_organisation(organisation_id: int | None = None):
    organisation = bodies.get_organisation(organisation_id) if organisation_id else None
    form = OrganisationForm(obj=organisation if request.method == "GET" else None)
    return form_page(
        "admin/organisation_form.html", form,
        lambda: bodies.save_organisation(current_user, form.name.data, form.kind.data, organisation),
        lambda saved: _("Organisatie %(name)s opgeslagen.", name=saved.name), url_for("admin.organisations"),
        organisation=organisation,
    )


# --- bodies --------------------------------------------------------------------------------------

@bp.route("/bodies/new", methods=["GET", "POST"])
@bp.route("/bodies/<slug>", methods=["GET", "POST"])
def edit_body(slug: str | None = None):
    body = bodies.get_body(slug) if slug else None
    form = BodyForm()
    others = [other for other in bodies.list_bodies() if other is not body]
    form.reports_to.choices = options([("", _l("— geen"))] + [(other.slug, other.name) for other in others])
    if body is None:  # the script fills the slug in from the name while the slug is left alone
        form.slug.render_kw = {"data-slug-from": "name", "data-taken": " ".join(other.slug for other in others)}
    if body is not None and request.method == "GET":
        form.slug.data, form.name.data, form.abbreviation.data = body.slug, body.name, body.abbreviation
        form.description.data = body.description
        form.reports_to.data = body.reports_to.slug if body.reports_to else ""
        form.min_meetings_per_year.data = body.min_meetings_per_year
        form.quorum.data, form.majority_rule.data = body.quorum, body.majority_rule
    return form_page(
        "admin/body_form.html", form,
        lambda: bodies.save_body(
            current_user, form.slug.data, form.name.data, form.abbreviation.data,
            description=form.description.data or "", min_meetings_per_year=form.min_meetings_per_year.data,
            reports_to_slug=form.reports_to.data or None, body=body,
            quorum=form.quorum.data, majority_rule=form.majority_rule.data,
        ),
        lambda saved: _("Orgaan %(name)s opgeslagen.", name=saved.name),
        lambda saved: url_for("admin.edit_body", slug=saved.slug), body=body,
    )


# --- memberships ---------------------------------------------------------------------------------

def _membership_form(body) -> MembershipForm:
    form = MembershipForm(prefix="add")
    seated = {membership.user_id for membership in body.memberships}
    form.user.choices = options((user.id, f"{user.name} ({user.email})")
                                for user in accounts.list_users() if user.id not in seated and user.active)
    _organisation_choices(form.organisation, _l("— de organisatie van de persoon"))
    return form


def _role_form(membership) -> MembershipRoleForm:
    """The row's form shows the stored role, whatever else was posted to the page."""
    return MembershipRoleForm(formdata=None, prefix=f"m{membership.id}", role=membership.role)


@bp.route("/bodies/<slug>/members", methods=["GET", "POST"])
def members(slug: str):
    body = bodies.get_body(slug)
    form = _membership_form(body)

    def add_member():
        user = accounts.get_user(form.user.data)
        organisation_id = form.organisation.data or user.organisation_id
        return bodies.set_membership(current_user, body, user, form.role.data, organisation_id, new=True)

    return form_page(
        "admin/members.html", form, add_member,
        lambda membership: _("%(name)s is nu %(role)s van %(body)s.", name=membership.user.name,
                             role=ROLE_LABELS[membership.role], body=body.name),
        url_for("admin.members", slug=body.slug), body=body,
        rows=[(membership, _role_form(membership)) for membership in bodies.members_of(body)],
    )


@bp.route("/bodies/<slug>/members/<int:membership_id>/role", methods=["POST"])
def change_role(slug: str, membership_id: int):
    body = bodies.get_body(slug)
    membership = bodies.get_membership(membership_id, body)
    form = MembershipRoleForm(prefix=f"m{membership.id}")
    result = submit(form, lambda: bodies.set_membership(current_user, body, membership.user, form.role.data,
                                                        membership.organisation_id))
    if result.ok:
        flash(_("De rol van %(name)s is gewijzigd.", name=membership.user.name), "success")
    else:
        flash(result.error or _("Kies een geldige rol."), "error")
    return redirect(url_for("admin.members", slug=body.slug))


@bp.route("/bodies/<slug>/members/<int:membership_id>/remove", methods=["POST"])
def remove_member(slug: str, membership_id: int):
    body = bodies.get_body(slug)
    name = bodies.get_membership(membership_id, body).user.name
    bodies.remove_membership(current_user, membership_id, body)
    flash(_("%(name)s is geen lid meer van %(body)s.", name=name, body=body.name), "success")
    return redirect(url_for("admin.members", slug=body.slug))


# --- fixed agenda items --------------------------------------------------------------------------

def _fixed_item_form(body, item=None) -> FixedItemForm:
    form = FixedItemForm()
    form.feedback_from.choices = options([("", _l("— geen terugkoppeling"))] + [
        (other.slug, other.name) for other in bodies.list_bodies() if other.id != body.id
    ])
    if item is not None and request.method == "GET":
        form.title.data, form.description.data, form.kind.data = item.title, item.description, item.kind
        form.mandatory.data = "mandatory" if item.mandatory else "standing"
        form.feedback_from.data = item.feedback_from_body.slug if item.feedback_from_body else ""
    return form


def _save_fixed_item(form, body, item=None):
    """The service call for the new-item form and the edit form alike."""
    return lambda: bodies.save_fixed_item(
        current_user, body, form.title.data, form.description.data or "", form.kind.data,
        mandatory=form.mandatory.data == "mandatory", feedback_from_slug=form.feedback_from.data or None,
        item=item,
    )


@bp.route("/bodies/<slug>/fixed-items", methods=["GET", "POST"])
def fixed_items(slug: str):
    body = bodies.get_body(slug)
    form = _fixed_item_form(body)
    return form_page("admin/fixed_items.html", form, _save_fixed_item(form, body), _("Vast agendapunt toegevoegd."),
                     url_for("admin.fixed_items", slug=body.slug), body=body)


@bp.route("/bodies/<slug>/fixed-items/<int:item_id>", methods=["GET", "POST"])
def edit_fixed_item(slug: str, item_id: int):
    body = bodies.get_body(slug)
    item = bodies.get_fixed_item(body, item_id)
    form = _fixed_item_form(body, item)
    return form_page("admin/fixed_item_form.html", form, _save_fixed_item(form, body, item),
                     _("Vast agendapunt opgeslagen."), url_for("admin.fixed_items", slug=body.slug),
                     body=body, item=item)


@bp.route("/bodies/<slug>/fixed-items/<int:item_id>/move", methods=["POST"])
def move_fixed_item(slug: str, item_id: int):
    body = bodies.get_body(slug)
    item = bodies.get_fixed_item(body, item_id)  # an unknown item is a 404, not a message
    offset = -1 if request.form.get("direction") == "up" else 1
    result = run(lambda: bodies.move_fixed_item(current_user, body, item.id, offset))
    if result.error:
        flash(result.error, "error")
    return redirect(url_for("admin.fixed_items", slug=body.slug) + f"#item-{item_id}")


@bp.route("/bodies/<slug>/fixed-items/<int:item_id>/remove", methods=["POST"])
def remove_fixed_item(slug: str, item_id: int):
    body = bodies.get_body(slug)
    bodies.remove_fixed_item(current_user, body, item_id)
    flash(_("Vast agendapunt verwijderd. Reeds geplande vergaderingen behouden het."), "success")
    return redirect(url_for("admin.fixed_items", slug=body.slug))
