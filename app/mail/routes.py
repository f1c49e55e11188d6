"""The beheerder's "Verzonden berichten": the outbox, one message, its .eml, a retry."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core.forms import run
from app.exports.responses import download
from app.mail import bp, services


def _status_labels():
    return {"pending": _("wacht"), "sending": _("wordt verzonden"), "sent": _("verzonden"), "failed": _("mislukt")}


@bp.get("/")
@login_required
def outbox():
    status = request.args.get("status") or None
    page = request.args.get("page", 1, type=int)
    mails, page_size, counts = services.list_mails(current_user, status, page)
    return render_template("mail/outbox.html", mails=mails, counts=counts, status=status, page=page,
                           page_size=page_size, status_labels=_status_labels())


@bp.get("/<int:mail_id>")
@login_required
def show(mail_id: int):
    mail = services.get_mail(current_user, mail_id)
    return render_template("mail/message.html", mail=mail, parts=services.readable_parts(mail),
                           status_labels=_status_labels())


@bp.get("/<int:mail_id>.eml")
@login_required
def eml(mail_id: int):
    mail = services.get_mail(current_user, mail_id)
    return download(mail.message, f"bericht-{mail.id}.eml", "message/rfc822")


@bp.post("/<int:mail_id>/retry")
@login_required
def retry(mail_id: int):
    result = run(lambda: services.retry_mail(current_user, mail_id))
    flash(_("Het bericht wordt opnieuw verzonden.") if result.ok else result.error,
          "success" if result.ok else "error")
    return redirect(url_for("mail.show", mail_id=mail_id))
