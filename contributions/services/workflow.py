"""Drafts and the moves of the workflow: atomic, checked against the rules, audited."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from contributions import rules
from contributions.enums import NEVER_LATE_KINDS, ContributionStatus
from contributions.files import check_document_file, display_name
from contributions.models import Contribution, ContributionFile, StatusChange
from contributions.search import index_document
from contributions.services.cosponsors import (
    pending_cosponsors,
    request_cosponsorships,
    reset_confirmations,
    set_sources,
)
from contributions.services.notifications import delegate_emails, notify_on_commit
from egitrs.workflow import TransitionNotAllowed, perform_move, stamp
from meetings.models import Meeting
from members.rules import is_secretariat, organization_ids_of

__all__ = ["TransitionNotAllowed"]


def _require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


@transaction.atomic
def create_draft(
    *,
    meeting,
    organization,
    by,
    title,
    abstract="",
    kind,
    original_language,
    access_level=None,
    cosponsors=(),
    agenda_items=(),
    upload=None,
    is_requested=False,
    base=None,
    amendment_kind="",
    at=None,
):
    """Start a contribution in draft for `organization`, optionally with its first file.

    Co-sponsors start "pending"; they are asked when the contribution is submitted.
    Only the secretariat marks a contribution as requested (never late). `base` and
    `amendment_kind` make it a revision, addendum or corrigendum (see
    `start_amendment`, which checks that the base may be amended).
    """
    at = at or timezone.now()
    _require(
        is_secretariat(by) or organization.pk in organization_ids_of(by),
        _("You may only submit for your own organization."),
    )
    _require(
        base is not None or rules.can_create_contribution(by, meeting, at=at),
        _("This meeting takes no contributions."),
    )
    _require(
        not is_requested or is_secretariat(by),
        _("Only the secretariat marks a contribution as requested."),
    )
    contribution = Contribution(
        meeting=meeting,
        kind=kind,
        title=title,
        abstract=abstract,
        original_language=original_language,
        access_level=access_level or meeting.group.default_access,
        submitted_by=by,
        is_requested=is_requested,
        base=base,
        amendment_kind=amendment_kind,
        created_at=at,
    )
    stamp(contribution, by=by, at=at)
    contribution.save()
    set_sources(
        contribution=contribution, submitter=organization, cosponsors=cosponsors, by=by, at=at
    )
    contribution.agenda_items.set(agenda_items)
    if upload is not None:
        add_file(
            contribution=contribution, upload=upload, language=original_language, by=by, at=at
        )
    return contribution


@transaction.atomic
def update_draft(
    *,
    contribution,
    by,
    title,
    abstract,
    kind,
    original_language,
    cosponsors,
    agenda_items,
    access_level=None,
    upload=None,
    is_requested=None,
    at=None,
    notify=True,
):
    """Change what a draft says; a new file supersedes the previous one of its language.

    `is_requested` None leaves the flag as it is; only the secretariat changes it. A new
    title, abstract or file puts the co-sponsors' confirmations back to pending: they
    confirmed a text, not a document number (they are told, unless `notify` is False).
    """
    at = at or timezone.now()
    contribution = _lock(contribution)
    _require(rules.can_edit_contribution(by, contribution), _("Only a draft can be edited."))
    if is_requested is not None and is_requested != contribution.is_requested:
        _require(is_secretariat(by), _("Only the secretariat marks a contribution as requested."))
        contribution.is_requested = is_requested
    contribution.title = title
    contribution.abstract = abstract
    contribution.kind = kind
    contribution.original_language = original_language
    if access_level:
        contribution.access_level = access_level
    stamp(contribution, by=by, at=at)
    contribution.save()
    set_sources(
        contribution=contribution,
        submitter=contribution.submitting_organization,
        cosponsors=cosponsors,
        by=by,
        at=at,
    )
    contribution.agenda_items.set(agenda_items)
    if upload is not None:
        add_file(
            contribution=contribution,
            upload=upload,
            language=original_language,
            by=by,
            at=at,
            notify=notify,
        )
    else:
        reset_confirmations(contribution=contribution, by=by, at=at, notify=notify)
    return contribution


@transaction.atomic
def add_file(*, contribution, upload, language, by, at=None, notify=True):
    """Store a checked file; the previous file of that language stays for the secretariat.

    A new file of the original language is a new text: confirmations given by
    co-sponsors go back to pending.
    """
    at = at or timezone.now()
    checked = check_document_file(upload)
    stored = ContributionFile(
        contribution=contribution,
        language=language,
        file=upload,
        # The uploader's name may carry control characters (NUL breaks PostgreSQL text).
        original_name=display_name(upload.name),
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
        uploaded_at=at,
    )
    stamp(stored, by=by, at=at)
    stored.save()
    if contribution.number is not None:  # A translation posted to the register.
        index_document(contribution)
    if language == contribution.original_language:
        reset_confirmations(contribution=contribution, by=by, at=at, notify=notify)
    return stored


def is_exempt_from_deadline(contribution):
    """Documents prepared to the meeting's timetable, or asked for: never late."""
    return contribution.kind in NEVER_LATE_KINDS or contribution.is_requested


def would_be_late(contribution, *, at):
    """Submitted at `at`, the contribution would be flagged late."""
    return not is_exempt_from_deadline(contribution) and contribution.meeting.is_late(at=at)


def submit_contribution(*, contribution, by, at=None, notify=True):
    """Send a draft to the secretariat and ask its pending co-sponsors to confirm.

    Flags it late after the contribution deadline (except the kinds that are never late
    and requested contributions), and "not translated in time" after the translation
    deadline, whatever its kind: every document needs the translators' time. After the
    meeting's last day nothing more is submitted to it, except the revisions, addenda and
    corrigenda the secretariat makes (how errors are fixed after a meeting).
    """

    def prepare(contribution, at):
        meeting = contribution.meeting
        after_the_meeting = contribution.base_id is not None and is_secretariat(by)
        if not after_the_meeting:
            if meeting.has_ended(at=at):
                raise ValidationError(
                    _("The meeting has ended: no more contributions can be submitted to it."),
                    code="meeting_ended",
                )
            if not rules.can_submit_contribution(by, contribution, at=at):
                raise ValidationError(
                    _("%(meeting)s does not take contributions now.") % {"meeting": meeting},
                    code="meeting_closed",
                )
        if not contribution.files.exists():
            raise ValidationError(
                _("Attach the document's file before submitting it."), code="no_file"
            )
        contribution.submitted_at = at
        contribution.is_late = would_be_late(contribution, at=at)
        contribution.after_translation_deadline = meeting.is_after_translation_deadline(at=at)
        return ["submitted_at", "is_late", "after_translation_deadline"]

    def tell(contribution):
        if notify:
            notify_on_commit("submitted", contribution, [by.email, settings.SECRETARIAT_EMAIL])
            request_cosponsorships(contribution)

    return _move(
        contribution,
        ContributionStatus.SUBMITTED,
        by=by,
        at=at,
        prepare=prepare,
        notify=tell,
        refusal=_("You may not submit this document now."),
    )


def return_for_changes(*, contribution, by, reason, at=None, notify=True):
    """Send a submitted document back to its submitter as a draft, with the reason."""
    if not reason.strip():
        raise ValidationError(_("Say why the document is returned."), code="no_reason")

    def tell(contribution):
        if notify:
            notify_on_commit(
                "returned",
                contribution,
                delegate_emails(contribution, submitter_only=True),
                reason=reason,
            )

    return _move(
        contribution,
        ContributionStatus.DRAFT,
        by=by,
        at=at,
        note=reason,
        notify=tell,
        refusal=_("Only the secretariat can."),
    )


def publish_contribution(*, contribution, by, at=None, number=None, notify=True):
    """Give a submitted document its register number and make it visible per its access.

    The meeting row is locked while the number is drawn, so two officers publishing at
    the same instant get consecutive numbers with no gap and no duplicate. A register
    brought in from the past keeps its numbers (`number`: the document's `n` in
    `EG-ITRs 2/n`, or the ordinal of a revision, addendum or corrigendum); the next
    publication continues after the highest.
    """

    def prepare(contribution, at):
        if pending := pending_cosponsors(contribution):
            raise ValidationError(
                _(
                    "Not published: %(organizations)s must first confirm co-sponsorship "
                    "(or the secretariat record a confirmation with its reason)."
                )
                % {"organizations": ", ".join(str(organization) for organization in pending)},
                code="cosponsors_pending",
            )
        if contribution.base_id is None:
            registered = Contribution.objects.filter(
                meeting_id=contribution.meeting_id, amendment_kind=""
            )
            contribution.number = _next_number(registered, "number", number)
        else:
            if contribution.base.number is None:
                raise ValidationError(
                    _("Publish the document this one amends before publishing this one."),
                    code="base_unpublished",
                )
            contribution.number = contribution.base.number
            registered = Contribution.objects.filter(
                base_id=contribution.base_id,
                amendment_kind=contribution.amendment_kind,
                number__isnull=False,
            )
            contribution.amendment_ordinal = _next_number(registered, "amendment_ordinal", number)
        contribution.published_at = at
        return ["number", "amendment_ordinal", "published_at"]

    def tell(contribution):
        index_document(contribution)  # Saved by now, with its number.
        if notify:
            notify_on_commit("published", contribution, delegate_emails(contribution))

    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=contribution.meeting_id)
        return _move(
            contribution,
            ContributionStatus.PUBLISHED,
            by=by,
            at=at,
            prepare=prepare,
            notify=tell,
            refusal=_("Only the secretariat can."),
        )


def _next_number(registered, field, given):
    """The next number of `field` among `registered`, or `given` when it is still free."""
    if given is None:
        highest = registered.aggregate(highest=Max(field))["highest"]
        return (highest or 0) + 1
    if int(given) < 1:
        raise ValidationError(_("Register numbers start at 1."), code="number_invalid")
    if registered.filter(**{field: given}).exists():
        raise ValidationError(
            _("Number %(number)s is already taken in this register."),
            params={"number": given},
            code="number_taken",
        )
    return int(given)


@transaction.atomic
def correct_contribution(*, contribution, by, title, abstract, reason, at=None):
    """The secretariat corrects the title or abstract of a document in the register.

    Publication fixes what a document says; a correction is its own act, with its reason,
    and the document's history keeps the text it replaces.
    """
    _require(is_secretariat(by), _("Only the secretariat corrects the register."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the entry is corrected."), code="no_reason")
    contribution = _lock(contribution)
    if contribution.status not in (ContributionStatus.PUBLISHED, ContributionStatus.WITHDRAWN):
        raise ValidationError(
            _("Only a document in the register is corrected; a draft is edited."),
            code="not_registered",
        )
    if (title, abstract) == (contribution.title, contribution.abstract):
        raise ValidationError(_("Nothing was changed."), code="unchanged")
    contribution.title = title
    contribution.abstract = abstract
    stamp(contribution, by=by, at=at or timezone.now(), note=reason)
    contribution.save(update_fields=["title", "abstract", "updated_at"])
    index_document(contribution)
    return contribution


def withdraw_contribution(*, contribution, by, note="", at=None):
    """Withdraw a document; a numbered one stays in the register, marked withdrawn."""
    return _move(
        contribution,
        ContributionStatus.WITHDRAWN,
        by=by,
        at=at,
        note=note,
        refusal=_("You may not withdraw this document."),
    )


def _lock(contribution):
    return (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("meeting__group")
        .get(pk=contribution.pk)
    )


def _audit(contribution, source, target, by, at, note):
    StatusChange.objects.create(
        contribution=contribution, from_status=source, to_status=target, by=by, at=at, note=note
    )


def _move(contribution, target, **move):
    """A move of the contribution's workflow, its StatusChange row written."""
    return perform_move(
        contribution,
        target,
        roles=rules.CONTRIBUTION_ROLES,
        audit=_audit,
        related=("meeting__group",),
        **move,
    )
