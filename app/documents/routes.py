"""Document pages: folder listing, a document, create/edit/replace/move, workflow, download."""
from flask import abort, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.file import FileRequired
from wtforms.fields.choices import SelectChoice

from app.bodies.services import list_bodies
from app.core.errors import NotAllowed
from app.core.forms import form_page, submit_and_flash
from app.core.permissions import EDIT, can
from app.core.versions import list_versions
from app.core.workflow import CONTENT_WORKFLOW, history
from app.documents import attachments, bp, services
from app.documents.forms import (
    VISIBILITY_CHOICES, AttachForm, DocumentForm, FolderForm, MoveForm, ReplaceFileForm, TransitionForm,
)
from app.meetings import queries


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


def _body_choices(with_none: bool = True):
    bodies = [b for b in list_bodies() if can(current_user, EDIT, b)]
    choices = [("", _("Geen (hele site)"))] if with_none and services.may_file_sitewide(current_user) else []
    return choices + [(b.slug, b.name) for b in bodies]


def _folder_choices():
    return [("", _("(hoofdmap)"))] + [
        (str(folder.id), "— " * depth + folder.title) for folder, depth in services.folder_tree(current_user)
    ]


def _meeting_choices(meetings):
    return [("", _("Geen"))] + [
        (str(m.id), f"{m.body.abbreviation} {m.start_at:%d-%m-%Y} {m.title}".strip()) for m in meetings
    ]


@bp.route("/documents")
def index():
    folder = services.get_folder(current_user, _int_arg("folder")) if _int_arg("folder") else None
    folders, documents = services.folder_contents(current_user, folder)
    return render_template("documents/index.html", folder=folder, folders=folders, documents=documents,
                           tree=services.folder_tree(current_user), workflow=CONTENT_WORKFLOW)


@bp.route("/documents/folders/<int:folder_id>")
def folder(folder_id: int):
    return redirect(url_for("documents.index", folder=folder_id))


@bp.route("/documents/folders/new", methods=["GET", "POST"])
@login_required
def new_folder():
    parent_id = _int_arg("parent")
    form = FolderForm()
    form.body.choices = _body_choices()
    return form_page(
        "documents/folder_form.html", form,
        lambda: services.create_folder(current_user, form.title.data, form.description.data, parent_id,
                                       form.body.data or None),
        _("De map is aangemaakt."), lambda created: url_for("documents.index", folder=created.id),
        parent_id=parent_id,
    )


@bp.route("/documents/folders/<int:folder_id>/transition", methods=["POST"])
@login_required
def folder_transition(folder_id: int):
    folder = services.get_folder(current_user, folder_id)
    form = TransitionForm()
    submit_and_flash(form, lambda: services.transition_folder(current_user, folder, form.transition.data,
                                                              form.comment.data or ""),
                     _("De status van de map is gewijzigd."))
    return redirect(url_for("documents.index", folder=folder.id))


@bp.route("/documents/new", methods=["GET", "POST"])
@login_required
def new():
    kind = "file" if request.args.get("kind") == "file" else "page"
    form = DocumentForm()
    form.body.choices = _body_choices()
    form.folder.choices = _folder_choices()
    meetings = services.meetings_to_attach_to(current_user)
    form.meeting.choices = _meeting_choices(meetings)
    if request.method == "GET":
        form.folder.data = str(_int_arg("folder") or "")
        form.meeting.data = str(_int_arg("meeting") or "")
        form.agenda_item.data = str(_int_arg("item") or "")
        # attached from a meeting page: the document belongs to that meeting's body
        meeting = next((m for m in meetings if m.id == _int_arg("meeting")), None)
        if meeting is not None and meeting.body.slug in dict(form.body.choices):
            form.body.data = meeting.body.slug
    if kind == "file":
        form.file.validators = [FileRequired(_("Kies een bestand."))]

    def create():
        upload = form.file.data if kind == "file" else None
        return services.create_document(
            current_user, form.title.data, text=form.text.data or "",
            description=form.description.data or "", tags=form.tags.data or "",
            folder_id=form.folder.data or None, body_slug=form.body.data or None,
            meeting_id=form.meeting.data or None, agenda_item_id=form.agenda_item.data or None,
            file_data=upload.read() if upload else None, filename=upload.filename if upload else None,
        )

    return form_page("documents/form.html", form, create, _("Het document is aangemaakt (privé)."),
                     lambda document: url_for("documents.show", document_id=document.id), kind=kind, document=None)


@bp.route("/meetings/<int:meeting_id>/items/<int:item_id>/documents", methods=["GET", "POST"])
@login_required
def attach(meeting_id: int, item_id: int):
    """One or several files for an agenda item; back to the meeting at the item once added. The
    meeting page carries the same form under each item (documents/_attach_form.html)."""
    meeting = queries.get_meeting(current_user, meeting_id)
    item = queries.get_item(current_user, meeting, item_id)
    if not can(current_user, EDIT, item):
        raise NotAllowed(_("U mag aan dit agendapunt geen documenten toevoegen."))
    form = AttachForm()
    form.visibility.choices = [SelectChoice(value, label) for value, label in VISIBILITY_CHOICES
                               if value != "published" or item.is_public]
    if request.method == "GET":
        form.visibility.data = attachments.default_visibility(item)
    return form_page(
        "documents/attach.html", form,
        lambda: attachments.attach_files(current_user, item, [(f.read(), f.filename or "") for f in form.files.data or ()],
                                         form.visibility.data),
        lambda added: _("Toegevoegd aan punt %(n)d: %(titles)s.", n=item.number,
                        titles=", ".join(d.title for d in added)),
        url_for("meetings.show", meeting_id=meeting.id, _anchor=f"item-{item.id}"), meeting=meeting, item=item,
    )


@bp.route("/documents/<int:document_id>")
def show(document_id: int):
    document = services.get_document(current_user, document_id)
    transitions = services.available_transitions(current_user, document)
    move_form = _move_form()
    move_form.folder.data = str(document.folder_id or "")
    return render_template(
        "documents/show.html", document=document, transitions=transitions, workflow=CONTENT_WORKFLOW,
        history=history(document, "document"), versions=list_versions("document", document.id),
        replace_form=ReplaceFileForm(), move_form=move_form, transition_form=TransitionForm(),
        may_edit=can(current_user, EDIT, document),
    )


@bp.route("/documents/<int:document_id>/edit", methods=["GET", "POST"])
@login_required
def edit(document_id: int):
    document = services.get_document(current_user, document_id)
    if not can(current_user, EDIT, document):
        abort(403)
    form = DocumentForm(obj=document if request.method == "GET" else None)
    form.meeting.choices = _meeting_choices(services.meetings_to_attach_to(current_user))
    if request.method == "GET":
        form.tags.data = ", ".join(document.tag_names)
        form.meeting.data = str(document.meeting_id or "")
        form.agenda_item.data = str(document.agenda_item_id or "")
    return form_page(
        "documents/form.html", form,
        lambda: services.update_document(
            current_user, document, title=form.title.data, description=form.description.data or "",
            text=form.text.data if document.kind == "page" else None, tags=form.tags.data or "",
            meeting_id=form.meeting.data or None, agenda_item_id=form.agenda_item.data or None,
            comment=form.comment.data or "",
        ),
        _("Het document is opgeslagen."), url_for("documents.show", document_id=document.id),
        kind=document.kind, document=document,
    )


def _move_form() -> MoveForm:
    form = MoveForm()
    form.folder.choices = _folder_choices()
    return form


def _document_form(name: str, make_form, success):
    """Registers POST /documents/<id>/<name> (endpoint `documents.<name>`), a form posted from a
    document's page: the decorated function calls the service with the document and the form; the
    outcome is flashed (`success`: a message, or a function of the service's answer) and the
    document's page shown again."""
    def register(call):
        @login_required
        def view(document_id: int):
            document = services.get_document(current_user, document_id)
            form = make_form()
            submit_and_flash(form, lambda: call(document, form), success if callable(success) else str(success))
            return redirect(url_for("documents.show", document_id=document.id))

        bp.add_url_rule(f"/documents/<int:document_id>/{name}", name, view, methods=["POST"])
        return call
    return register


@_document_form("replace", ReplaceFileForm, _l("Het bestand is vervangen; de vorige versie blijft bewaard."))
def replace(document, form):
    return services.replace_file(current_user, document, form.file.data.read(), form.file.data.filename,
                                 form.comment.data or "")


@_document_form("move", _move_form, _l("Het document is verplaatst."))
def move(document, form):
    return services.move_document(current_user, document, form.folder.data or None)


@_document_form("transition", TransitionForm,
                lambda document: _("De status is gewijzigd naar %(state)s.",
                                   state=CONTENT_WORKFLOW.state_title(document.state)))
def transition(document, form):
    return services.transition_document(current_user, document, form.transition.data, form.comment.data or "")


@bp.route("/documents/<int:document_id>/download")
def download(document_id: int):
    document = services.get_document(current_user, document_id)
    number = _int_arg("version")
    path, content_type, filename = services.file_for_download(current_user, document, number)
    response = send_file(path, mimetype=content_type, as_attachment=True, download_name=filename,
                         max_age=0, conditional=True)
    response.headers["Cache-Control"] = "private, no-store" if document.state != "published" else "public, max-age=0"
    return response


@bp.app_context_processor
def document_helpers():
    """For app/templates/documents/_attached.html, included on meeting pages."""
    return {"documents_for_item": services.documents_for_item,
            "document_state_title": CONTENT_WORKFLOW.state_title,
            "attach_visibility": attachments.default_visibility, "visibility_choices": VISIBILITY_CHOICES}
