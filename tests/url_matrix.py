"""What every URL pattern answers each of the five roles: the table tests/test_url_matrix.py
holds the resolver to.

A row of MATRIX names a pattern by its key (`namespace:name`, or its route when it has no
name), says how to fill its URL from the records of tests/test_url_matrix.py, and what a
GET gets for each role in the order of `tests.roles.ROLES`: anonymous, delegate_a,
delegate_b, officer, secretariat. A role left out gets what the role before it gets, so

    "contributions:mine": row(LOGIN, page("My documents")),

reads "the anonymous visitor is sent to log in, every signed-in role sees My documents",
and a new page is one such line. URL arguments are record references, dotted paths into
the records (`url={"pk": "draft.pk"}`), or `Literal` values. A view that acts on POST
says what a POST gets too (`post=`); a POST writes rows only when its outcome says it did
something. The admin's pages of each registered model come from ADMIN_MODELS: what the
secretariat may do with the model, written out.
"""

import dataclasses
import operator
from urllib.parse import quote

from django.apps import apps
from django.urls import reverse

from tests.roles import ROLES

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


@dataclasses.dataclass(frozen=True)
class Literal:
    """A URL argument as written, not a record reference."""

    value: object


def value_of(records, ref):
    """A record reference (a dotted path into the records) or a `Literal` as its value;
    a function of the records is called, after the request (a record it made)."""
    if isinstance(ref, Literal):
        return ref.value
    if callable(ref):
        return ref(records)
    return operator.attrgetter(ref)(records)


@dataclasses.dataclass(frozen=True)
class Fixed:
    """An outcome that reads the same whatever the records: an error status, a page."""

    text: str

    def expected(self, records, url):
        return self.text


def page(heading):
    """An HTML page whose heading (the first <h1> of its content) is `heading`."""
    return Fixed(f"200 page: {heading}")


def titled(title):
    """An HTML page without a heading, whose <title> is `title`."""
    return Fixed(f"200 page titled: {title}")


@dataclasses.dataclass(frozen=True)
class Served:
    """Content that is not a page, of `content_type`; with `attachment` (a record
    reference), a file to save under that name."""

    content_type: str
    attachment: object = None

    def expected(self, records, url):
        if self.attachment is None:
            return f"200 {self.content_type}"
        return f"200 {self.content_type} attachment: {value_of(records, self.attachment)}"


@dataclasses.dataclass(frozen=True)
class Redirect:
    """A redirect (302, or `code`) to the URL named `to`, its arguments record references,
    with the messages the page after it shows ("error: ...", "success: ...")."""

    to: str
    kwargs: dict = dataclasses.field(default_factory=dict)
    messages: tuple = ()
    origin: str = ""  # for an absolute URL: "http://testserver"
    code: int = 302

    def expected(self, records, url):
        target = reverse(
            self.to, kwargs={name: value_of(records, ref) for name, ref in self.kwargs.items()}
        )
        return " ".join([f"{self.code} to {self.origin}{target}", *self.messages])


@dataclasses.dataclass(frozen=True)
class ToLogin:
    """Sent to a login page (`login` or `admin:login`), to come back to the page asked."""

    login: str

    def expected(self, records, url):
        return f"302 to {reverse(self.login)}?next={quote(url)}"


@dataclasses.dataclass(frozen=True)
class Shadowed:
    """A pattern an earlier one with the same route (the pattern keyed `by`) serves."""

    by: str

    def expected(self, records, url):
        return f"served by {self.by}"


def writes(outcome):
    """Whether a POST with `outcome` writes rows: only one that says it did something."""
    return isinstance(outcome, Redirect) and any(
        message.startswith("success: ") for message in outcome.messages
    )


LOGIN = ToLogin("login")
ADMIN_LOGIN = ToLogin("admin:login")
FORBIDDEN = Fixed("403")
NOT_FOUND = Fixed("404")
NOT_ALLOWED = Fixed("405")


def per_role(outcomes):
    """One outcome per role; a role left out gets what the role before it gets."""
    if not 1 <= len(outcomes) <= len(ROLES):
        raise ValueError(f"give 1 to {len(ROLES)} outcomes, in the order of {ROLES}")
    filled = list(outcomes) + [outcomes[-1]] * (len(ROLES) - len(outcomes))
    return dict(zip(ROLES, filled, strict=True))


@dataclasses.dataclass(frozen=True)
class Row:
    get: dict
    url: dict
    args: tuple
    path: str | None
    query: dict
    post: dict | None
    data: dict


def row(*get, url=None, args=(), path=None, query=None, post=(), data=None):
    """The outcomes of a GET for the roles (see `per_role`) of the URL reversed with `url`
    (keyword arguments) or `args`, or of `path` as written, with `query`; `post`, for a
    view that acts on POST only, the outcomes of a POST of `data` for the roles."""
    return Row(
        get=per_role(get),
        url=url or {},
        args=tuple(args),
        path=path,
        query=query or {},
        post=per_role(post) if post else None,
        data=data or {},
    )


# -- the admin --------------------------------------------------------------------------

STAFF_ONLY = (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN)
PROTECTED = "protected"


def staff(outcome, *, post=None, **where):
    """An admin page: every role but the secretariat (the only staff) is sent to the
    admin's login; `outcome` is the secretariat's, `post` what its POST gets."""
    return row(*STAFF_ONLY, outcome, post=(*STAFF_ONLY, post) if post else (), **where)


def about(record, **more):
    """The URL arguments of an admin page about `record`."""
    return {"object_id": f"{record}.pk", **more}


@dataclasses.dataclass(frozen=True)
class AdminModel:
    """What the secretariat may do with a registered model, tried on one record (`record`,
    whose `str` is `title`): add one, change the record (else only view it), delete it
    (`PROTECTED`: asked, but other records hold it), and with which history pages."""

    name: str
    record: str
    title: str
    add: bool = True
    change: bool = True
    delete: bool | str = True
    # The changelist offers its rows to change, or only to view.
    listed_to: str = "change"
    # simple_history's pages of the record's versions (else Django's history page), and
    # whether they offer to revert to one.
    versions: bool = True
    revert: bool = True
    import_export: bool = False
    # The admin's own add or change page, by its heading, instead of Django's.
    own_pages: dict = dataclasses.field(default_factory=dict)


def admin_rows(label, model):
    """The rows of a registered model's admin pages, for the secretariat as `model` says."""
    app_label, model_name = label.split(".")
    prefix = f"admin:{app_label}_{model_name}"
    record = about(model.record)
    if model.delete == PROTECTED:
        delete = page(f"Cannot delete {model.name}")
    else:
        delete = page("Delete") if model.delete else FORBIDDEN
    change = page(
        model.own_pages.get("change", f"{'Change' if model.change else 'View'} {model.name}")
    )
    # What the secretariat may not do is refused on POST too, and writes nothing.
    rows = {
        f"{prefix}_changelist": staff(page(f"Select {model.name} to {model.listed_to}")),
        f"{prefix}_add": staff(
            page(model.own_pages.get("add", f"Add {model.name}")) if model.add else FORBIDDEN,
            post=None if model.add else FORBIDDEN,
        ),
        f"{prefix}_change": staff(
            change,
            url=record,
            post=None
            if model.change
            else FORBIDDEN
            if "change" not in model.own_pages
            else change,
        ),
        f"{prefix}_delete": staff(
            delete, url=record, post=None if model.delete is True else delete, data={"post": "yes"}
        ),
        f"{prefix}_history": staff(
            page(f"{'Change' if model.revert else 'View'} history: {model.title}"), url=record
        ),
        # Django's old address of the change page.
        f"admin/{app_label}/{model_name}/<path:object_id>/": staff(
            Redirect(f"{prefix}_change", record), url=record
        ),
    }
    if model.versions:
        rows[f"{prefix}_simple_history"] = staff(
            page(f"{'Revert' if model.revert else 'View'} {model.title}"),
            args=(f"{model.record}.pk", f"versions.{model_name}"),
        )
    if model.import_export:
        rows[f"{prefix}_import"] = staff(page("Import"))
        rows[f"{prefix}_export"] = staff(page("Export"))
        # The second step of an import, on POST only: without the first, its form again.
        rows[f"{prefix}_process_import"] = staff(NOT_ALLOWED, post=page("Import"))
    return rows


# What the secretariat may do in the admin, written from members.services
# (SECRETARIAT_APPS, SECRETARIAT_AUTH_PERMISSIONS), history/apps.py and each admin's
# has_*_permission. No other role is staff.
ADMIN_MODELS = {
    # Groups are only read: a superuser grants powers.
    "auth.group": AdminModel(
        "group",
        "secretariat_group",
        "Secretariat",
        add=False,
        change=False,
        delete=False,
        listed_to="view",
        versions=False,
    ),
    # Accounts are made and edited, never deleted: documents point at them.
    "auth.user": AdminModel("user", "delegate_a", "delegate-a", delete=False, versions=False),
    "members.organization": AdminModel(
        "organization", "org_b", "Member State B", import_export=True
    ),
    "members.membership": AdminModel(
        "membership", "membership", "delegate-a – Member State A (Delegate)"
    ),
    # The group and its meeting hold documents, decisions and reports.
    "meetings.expertgroup": AdminModel("expert group", "group", "EG-ITRs", delete=PROTECTED),
    "meetings.meeting": AdminModel("meeting", "meeting", "EG-ITRs meeting 1", delete=PROTECTED),
    "meetings.agendaitem": AdminModel("agenda item", "item", "1. Work plan"),
    # A published document leaves the register only by withdrawal; its history is read.
    "contributions.contribution": AdminModel(
        "contribution",
        "published",
        "EG-ITRs 1/1: Published proposal",
        delete=False,
        revert=False,
        import_export=True,
    ),
    # The decision approved a report.
    "proceedings.decision": AdminModel(
        "decision",
        "decision",
        "EG-ITRs meeting 1: the progress report (Approved)",
        delete=PROTECTED,
    ),
    "proceedings.statement": AdminModel("statement", "statement", "Statement of A", revert=False),
    "proceedings.workplan": AdminModel("work plan", "work_plan", "Work plan", revert=False),
    # A published report is frozen: only read, never deleted.
    "proceedings.report": AdminModel(
        "report",
        "report",
        "Progress report of the EG-ITRs",
        change=False,
        delete=False,
        revert=False,
    ),
    # The security log is only read, by everybody.
    "members.securityevent": AdminModel(
        "security event",
        "security_event",
        "Login failed – intruder (2026-03-02 09:30)",
        add=False,
        change=False,
        delete=False,
        listed_to="view",
        versions=False,
    ),
    # Failed logins are read and lifted (deleted), never made or edited.
    "axes.accessattempt": AdminModel(
        "access attempt",
        "access_attempt",
        "Attempted Access: 2099-03-02 09:30:00+00:00",
        add=False,
        change=False,
        listed_to="view",
        versions=False,
    ),
    # The queue of background tasks is only read: which failed, and why.
    "django_tasks_database.dbtaskresult": AdminModel(
        "Task Result",
        "task_result",
        "DBTaskResult object (7a5c0d4e-1b2f-4c3d-9e8f-0a1b2c3d4e5f)",
        add=False,
        change=False,
        delete=False,
        listed_to="view",
        versions=False,
    ),
    # A history file is uploaded and reviewed; what it did stays.
    "history.historyimport": AdminModel(
        "history import",
        "history_import",
        "history.json (Refused: the file has problems)",
        change=False,
        delete=False,
        listed_to="view",
        versions=False,
        own_pages={"add": "Upload a history file", "change": "History file “history.json”"},
    ),
}


# Registered models the secretariat may not even see: their rows are written in MATRIX.
SUPERUSER_ONLY = {"otp_totp.totpdevice", "otp_static.staticdevice"}


def newest(model_label):
    """The pk of the newest `model_label` row: the one a POST just made."""

    def pk(records):
        return apps.get_model(model_label).objects.latest("pk").pk

    return pk


SUBMITTED = "success: Submitted to the secretariat, in time."
NOT_SUBMITTER = (
    "error: Only the submitting organization's delegates or the secretariat can do this."
)
NOT_FOR_A = "error: Only a delegate of Member State A can answer for it."
NOT_REQUESTED = "error: Only a requested translation can be started."
REVISION_STARTED = Redirect(
    "contributions:draft_edit",
    {"pk": newest("contributions.Contribution")},
    (
        "success: A draft revision of EG-ITRs 1/1 is started. Change what needs changing, "
        "attach its file, then submit it.",
    ),
)

GROUP = {"group_slug": "group.slug"}
REPORT = {**GROUP, "pk": "report.pk"}

MATRIX = {
    # The public pages. The installation runs one group: its page is the home page.
    "home": row(page("Expert Group on the International Telecommunication Regulations (EG-ITRs)")),
    "meetings:group_detail": row(
        page("Expert Group on the International Telecommunication Regulations (EG-ITRs)"),
        url=GROUP,
    ),
    "contributions:document_list": row(page("EG-ITRs documents"), url=GROUP),
    "contributions:search": row(page("Search the documents")),
    "contributions:document_feed": row(Served("application/atom+xml; charset=utf-8"), url=GROUP),
    "contributions:document_detail": row(
        page("EG-ITRs 1/1 Published proposal"), url={**GROUP, "slug": "published.slug"}
    ),
    "contributions:file_download": row(
        Served(DOCX, "file.download_name"),
        url={"pk": "file.pk", "filename": "file.download_name"},
    ),
    "proceedings:meeting_list": row(page("EG-ITRs meetings"), url=GROUP),
    "proceedings:meeting_detail": row(
        page("EG-ITRs meeting 1"), url={**GROUP, "ordinal": "meeting.ordinal"}
    ),
    "proceedings:report_list": row(page("EG-ITRs reports"), url=GROUP),
    "proceedings:work_plan": row(page("EG-ITRs work plan"), url=GROUP),
    "proceedings:report_detail": row(page("Progress report of the EG-ITRs"), url=REPORT),
    "proceedings:report_docx": row(Served(DOCX, "report_docx_name"), url=REPORT),
    "proceedings:report_pdf": row(Served(PDF, "report_pdf_name"), url=REPORT),
    "proceedings:report_translation_download": row(
        Served(DOCX, "translation.download_name"),
        url={**REPORT, "file_pk": "translation.pk", "filename": "translation.download_name"},
    ),
    # The member area: the draft is delegate_a's; the officer has no organization.
    "contributions:mine": row(LOGIN, page("My documents")),
    "contributions:draft_create": row(
        LOGIN,
        page("New contribution to EG-ITRs meeting 1"),
        page("New contribution to EG-ITRs meeting 1"),
        Redirect(
            "contributions:mine",
            messages=(
                "error: Only a delegate of a member organization can make a contribution. If "
                "you represent one, ask the secretariat to add you to its delegation.",
            ),
        ),
        page("New contribution to EG-ITRs meeting 1"),
        url={"meeting_id": "meeting.pk"},
    ),
    "contributions:member_detail": row(
        LOGIN,
        page("Draft proposal"),
        NOT_FOUND,
        NOT_FOUND,
        page("Draft proposal"),
        url={"pk": "draft.pk"},
    ),
    "contributions:draft_edit": row(
        LOGIN,
        page("Edit draft"),
        NOT_FOUND,
        NOT_FOUND,
        page("Edit draft"),
        url={"pk": "draft.pk"},
    ),
    # The secretariat may submit a draft for the delegation (contributions.rules).
    "contributions:draft_submit": row(
        LOGIN,
        NOT_ALLOWED,
        url={"pk": "draft.pk"},
        post=(
            LOGIN,
            Redirect("contributions:member_detail", {"pk": "draft.pk"}, (SUBMITTED,)),
            NOT_FOUND,
            NOT_FOUND,
            Redirect("contributions:member_detail", {"pk": "draft.pk"}, (SUBMITTED,)),
        ),
    ),
    "contributions:withdraw": row(
        LOGIN,
        page("Withdraw “Draft proposal”?"),
        NOT_FOUND,
        NOT_FOUND,
        page("Withdraw “Draft proposal”?"),
        url={"pk": "draft.pk"},
    ),
    "contributions:amendment_start": row(
        LOGIN,
        NOT_ALLOWED,
        url={"pk": "published.pk", "kind": Literal("rev")},
        post=(
            LOGIN,
            REVISION_STARTED,
            Redirect("contributions:member_detail", {"pk": "published.pk"}, (NOT_SUBMITTER,)),
            Redirect("contributions:member_detail", {"pk": "published.pk"}, (NOT_SUBMITTER,)),
            REVISION_STARTED,
        ),
    ),
    # org C's document asks org A to co-sponsor it: only org A's delegates answer.
    "contributions:cosponsorship_answer": row(
        LOGIN,
        NOT_ALLOWED,
        url={"pk": "cosponsored.pk", "organization_id": "org_a.pk"},
        post=(
            LOGIN,
            Redirect(
                "contributions:member_detail",
                {"pk": "cosponsored.pk"},
                ("success: Member State A co-sponsors “Joint proposal”.",),
            ),
            NOT_FOUND,
            Redirect("contributions:member_detail", {"pk": "cosponsored.pk"}, (NOT_FOR_A,)),
        ),
        data={"answer": "confirm"},
    ),
    "contributions:desk": row(
        LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, page("The secretariat's desk")
    ),
    # Accounts. The project's login and password reset come before Django's own.
    "login": row(page("Log in")),
    "password_reset": row(page("Set or reset your password")),
    "login accounts/login/ django.contrib.auth.views.LoginView": row(Shadowed("login")),
    "password_reset accounts/password_reset/ django.contrib.auth.views.PasswordResetView": row(
        Shadowed("password_reset")
    ),
    "logout": row(NOT_ALLOWED, post=(Redirect("home"),)),
    "password_change": row(LOGIN, page("Change your password")),
    "password_change_done": row(LOGIN, page("Password changed")),
    "password_reset_done": row(page("Check your email")),
    # A link of a reset mail: its token goes into the session, out of the address.
    "password_reset_confirm": row(
        Redirect(
            "password_reset_confirm", {"uidb64": "reset_uid", "token": Literal("set-password")}
        ),
        url={"uidb64": "reset_uid", "token": "reset_token"},
    ),
    "password_reset_complete": row(page("Password set")),
    "password_change accounts/password_change/ django.contrib.auth.views.PasswordChangeView": row(
        Shadowed("password_change")
    ),
    "password_reset_confirm accounts/reset/<uidb64>/<token>/ "
    "django.contrib.auth.views.PasswordResetConfirmView": row(
        Shadowed("password_reset_confirm"), url={"uidb64": "reset_uid", "token": "reset_token"}
    ),
    # Two-factor sign-in, optional for delegates and officers; the secretariat has it.
    "members:two_factor": row(LOGIN, page("Two-factor sign-in")),
    "members:two_factor_setup": row(LOGIN, page("Set up two-factor sign-in")),
    # The QR code of a set-up in progress: none is.
    "members:two_factor_qr": row(LOGIN, NOT_FOUND),
    "members:two_factor_recovery_codes": row(
        LOGIN,
        Redirect(
            "members:two_factor",
            messages=(
                "info: Recovery codes are shown only once, when they are made. If you have "
                "lost yours, make new ones.",
            ),
        ),
    ),
    # Only the secretariat has an app here, whose codes it may renew; staff keep theirs on.
    "members:two_factor_recovery_codes_renew": row(
        LOGIN, *[Redirect("members:two_factor")] * 3, page("Make new recovery codes")
    ),
    "members:two_factor_turn_off": row(LOGIN, *[Redirect("members:two_factor")] * 3, FORBIDDEN),
    # Every signed-in role here passed the code step: on to its own start page.
    "members:two_factor_verify": row(
        LOGIN, *[Redirect("contributions:mine")] * 3, Redirect("contributions:desk")
    ),
    # For load balancers: the same for everybody, never cached.
    "health": row(page("System status: working")),
    # The language switch acts on POST; a GET goes back where it came from.
    "set_language": row(Redirect("home")),
    # The admin site.
    "admin:index": staff(page("Site administration")),
    # Django's admin login has no heading. A signed-in role that is not staff is told so.
    "admin:login": row(*[titled("Log in | Expert groups")] * 4, Redirect("admin:index")),
    # Logging out is a POST; the admin's sends a visitor who is not staff to its index.
    "admin:logout": row(
        *[Redirect("admin:index")] * 4,
        NOT_ALLOWED,
        post=(*[Redirect("admin:index")] * 4, Redirect("home")),
    ),
    "admin:password_change": row(Shadowed("admin_password_change")),
    "admin:password_change_done": staff(page("Password changed")),
    "admin:autocomplete": staff(
        Served("application/json"),
        query={"app_label": "members", "model_name": "membership", "field_name": "organization"},
    ),
    "admin:jsi18n": staff(Served('text/javascript; charset="utf-8"')),
    "admin:view_on_site": staff(
        Redirect(
            "contributions:document_detail",
            {**GROUP, "slug": "published.slug"},
            origin="http://testserver",
        ),
        url={"content_type_id": "published_type.pk", "object_id": "published.pk"},
    ),
    "admin:app_list": staff(page("Members administration"), url={"app_label": Literal("members")}),
    "admin/(?P<url>.*)$": staff(NOT_FOUND, path="/admin/nothing-here/"),
    # The project's admin password change comes before the admin's own.
    "admin_password_change": staff(page("Change your password")),
    # Two-factor devices (SUPERUSER_ONLY): only a superuser removes one (a lost phone);
    # the secretariat cannot take away a colleague's second factor.
    **{
        f"admin:otp_{app}_{model}_{page_name}": staff(FORBIDDEN, **where)
        for app, model, record in (
            ("totp", "totpdevice", "totp_device"),
            ("static", "staticdevice", "static_device"),
        )
        for page_name, where in (
            ("changelist", {}),
            ("add", {}),
            ("change", {"url": about(record)}),
            ("delete", {"url": about(record)}),
            ("history", {"url": about(record)}),
        )
    },
    **{
        f"admin/otp_{app}/{model}/<path:object_id>/": staff(
            Redirect(f"admin:otp_{app}_{model}_change", about(record)), url=about(record)
        )
        for app, model, record in (
            ("totp", "totpdevice", "totp_device"),
            ("static", "staticdevice", "static_device"),
        )
    },
    "admin:otp_totp_totpdevice_config": staff(FORBIDDEN, url={"pk": "totp_device.pk"}),
    "admin:otp_totp_totpdevice_qrcode": staff(FORBIDDEN, url={"pk": "totp_device.pk"}),
    # The secretariat's own admin pages.
    "admin:contributions_contribution_publish": staff(
        page("Publish the document"), url=about("cosponsored")
    ),
    "admin:contributions_contribution_correct": staff(
        page("Correct the register entry"), url=about("published")
    ),
    "admin:contributions_contribution_late_decision": staff(
        page("Decide on a late contribution"), url=about("published")
    ),
    "admin:contributions_contribution_translations": staff(
        page("Languages of the document"), url=about("published")
    ),
    # Starting a translation is a POST; French was not requested.
    "admin:contributions_contribution_translation_start": staff(
        NOT_ALLOWED,
        url=about("published"),
        post=Redirect(
            "admin:contributions_contribution_translations", about("published"), (NOT_REQUESTED,)
        ),
        data={"language": "fr"},
    ),
    "admin:contributions_contribution_translation_post": staff(
        page("Post a translation"), url=about("published")
    ),
    "admin:contributions_contribution_source_override": staff(
        page("Confirm a co-sponsor for the organization"),
        url=about("cosponsored", source_id="cosponsored_source.pk"),
    ),
    "admin:proceedings_workplan_approve": staff(
        page("Approve a work plan"), url=about("work_plan")
    ),
    "admin:proceedings_report_start": staff(page("Start a progress report")),
    "admin:proceedings_report_approve": staff(
        page("Approve the report"), url=about("draft_report")
    ),
    "admin:proceedings_report_publish": staff(
        page("Publish the report"), url=about("draft_report")
    ),
    "admin:proceedings_report_new_version": staff(
        NOT_ALLOWED,
        url=about("report"),
        post=Redirect(
            "admin:proceedings_report_change",
            {"object_id": newest("proceedings.Report")},
            ("success: Version 2 of “Progress report of the EG-ITRs” is started as a draft.",),
        ),
    ),
    "admin:proceedings_report_translations": staff(
        page("Languages of the report"), url=about("report")
    ),
    # Spanish was not requested.
    "admin:proceedings_report_translation_start": staff(
        NOT_ALLOWED,
        url=about("report"),
        post=Redirect("admin:proceedings_report_translations", about("report"), (NOT_REQUESTED,)),
        data={"language": "es"},
    ),
    "admin:proceedings_report_translation_post": staff(
        page("Post a translation of the report"), url=about("report")
    ),
    "admin:auth_user_password_change": staff(
        page("Change password: delegate-a"), url={"id": "delegate_a.pk"}
    ),
    "admin:history_historyimport_review": staff(
        page("History file “history.json”"), url=about("history_import")
    ),
}
for _label, _model in ADMIN_MODELS.items():
    MATRIX.update(admin_rows(_label, _model))
