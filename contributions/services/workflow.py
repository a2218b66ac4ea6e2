"""Drafts and the moves of the workflow: atomic, checked against the rules, audited."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from contributions import rules
from contributions.enums import (
    NEVER_LATE_KINDS,
    TRANSITIONS,
    ContributionStatus,
    SourceConfirmation,
)
from contributions.files import check_document_file, display_name
from contributions.models import Contribution, ContributionFile, Source, StatusChange
from contributions.services.cosponsors import pending_cosponsors, request_cosponsorships
from contributions.services.notifications import delegate_emails, notify_on_commit
from meetings.models import Meeting
from members.rules import is_secretariat, organization_ids_of


class TransitionNotAllowed(ValidationError):
    pass


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
):
    """Start a contribution in draft for `organization`, optionally with its first file.

    Co-sponsors start "pending"; they are asked when the contribution is submitted.
    Only the secretariat marks a contribution as requested (never late).
    """
    _require(
        is_secretariat(by) or organization.pk in organization_ids_of(by),
        _("You may only submit for your own organization."),
    )
    _require(rules.can_create_contribution(by, meeting), _("This meeting takes no contributions."))
    _require(
        not is_requested or is_secretariat(by),
        _("Only the secretariat marks a contribution as requested."),
    )
    contribution = Contribution.objects.create(
        meeting=meeting,
        kind=kind,
        title=title,
        abstract=abstract,
        original_language=original_language,
        access_level=access_level or meeting.group.default_access,
        submitted_by=by,
        is_requested=is_requested,
    )
    Source.objects.create(
        contribution=contribution,
        organization=organization,
        order=0,
        confirmation=SourceConfirmation.CONFIRMED,
        confirmed_by=by,
        confirmed_at=timezone.now(),
    )
    _set_cosponsors(contribution, organization, cosponsors)
    contribution.agenda_items.set(agenda_items)
    if upload is not None:
        add_file(contribution=contribution, upload=upload, language=original_language, by=by)
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
):
    """Change what a draft says; a new file supersedes the previous one of its language.

    `is_requested` None leaves the flag as it is; only the secretariat changes it.
    """
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
    contribution.save()
    _set_cosponsors(contribution, contribution.submitting_organization, cosponsors)
    contribution.agenda_items.set(agenda_items)
    if upload is not None:
        add_file(contribution=contribution, upload=upload, language=original_language, by=by)
    return contribution


def _set_cosponsors(contribution, submitter, cosponsors):
    wanted = [org for org in dict.fromkeys(cosponsors) if org.pk != submitter.pk]
    contribution.sources.exclude(order=0).exclude(organization__in=wanted).delete()
    existing = {source.organization_id: source for source in contribution.sources.exclude(order=0)}
    for position, organization in enumerate(wanted, start=1):
        source = existing.get(organization.pk)
        if source is None:
            Source.objects.create(
                contribution=contribution, organization=organization, order=position
            )
        elif source.order != position:
            source.order = position
            source.save(update_fields=["order"])


@transaction.atomic
def add_file(*, contribution, upload, language, by):
    """Store a checked file; the previous file of that language stays for the secretariat."""
    checked = check_document_file(upload)
    return ContributionFile.objects.create(
        contribution=contribution,
        language=language,
        file=upload,
        # The uploader's name may carry control characters (NUL breaks PostgreSQL text).
        original_name=display_name(upload.name),
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )


def is_exempt_from_deadline(contribution):
    """Documents prepared to the meeting's timetable, or asked for: never late."""
    return contribution.kind in NEVER_LATE_KINDS or contribution.is_requested


def would_be_late(contribution, *, at):
    """Submitted at `at`, the contribution would be flagged late."""
    return not is_exempt_from_deadline(contribution) and contribution.meeting.is_late(at=at)


def submit_contribution(*, contribution, by):
    """Send a draft to the secretariat and ask its pending co-sponsors to confirm.

    Flags it late after the contribution deadline (except the kinds that are never late
    and requested contributions), and "not translated in time" after the translation
    deadline, whatever its kind: every document needs the translators' time. After the
    meeting's last day nothing more is submitted to it.
    """
    with transaction.atomic():
        contribution = _lock(contribution)
        _check_move(contribution, ContributionStatus.SUBMITTED)
        _require(
            rules.can_edit_contribution(by, contribution),
            _("You may not submit this document now."),
        )
        now = timezone.now()
        meeting = contribution.meeting
        if meeting.has_ended(at=now):
            raise ValidationError(
                _("The meeting has ended: no more contributions can be submitted to it.")
            )
        if not rules.can_submit_contribution(by, contribution):
            raise ValidationError(
                _("%(meeting)s does not take contributions now.") % {"meeting": meeting}
            )
        if not contribution.files.exists():
            raise ValidationError(_("Attach the document's file before submitting it."))
        contribution.submitted_at = now
        contribution.is_late = would_be_late(contribution, at=now)
        contribution.after_translation_deadline = meeting.is_after_translation_deadline(at=now)
        _move(
            contribution,
            to=ContributionStatus.SUBMITTED,
            by=by,
            fields=["submitted_at", "is_late", "after_translation_deadline"],
        )
        notify_on_commit("submitted", contribution, [by.email, settings.SECRETARIAT_EMAIL])
        request_cosponsorships(contribution)
    return contribution


def return_for_changes(*, contribution, by, reason):
    """Send a submitted document back to its submitter as a draft, with the reason."""
    if not reason.strip():
        raise ValidationError(_("Say why the document is returned."))
    with transaction.atomic():
        contribution = _lock(contribution)
        _check_move(contribution, ContributionStatus.DRAFT)
        _require(rules.can_return_contribution(by, contribution), _("Only the secretariat can."))
        _move(contribution, to=ContributionStatus.DRAFT, by=by, note=reason)
        notify_on_commit(
            "returned",
            contribution,
            delegate_emails(contribution, submitter_only=True),
            reason=reason,
        )
    return contribution


def publish_contribution(*, contribution, by):
    """Give a submitted document its register number and make it visible per its access.

    The meeting row is locked while the number is drawn, so two officers publishing at
    the same instant get consecutive numbers with no gap and no duplicate.
    """
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=contribution.meeting_id)
        contribution = _lock(contribution)
        _check_move(contribution, ContributionStatus.PUBLISHED)
        _require(rules.can_publish_contribution(by, contribution), _("Only the secretariat can."))
        if pending := pending_cosponsors(contribution):
            raise ValidationError(
                _(
                    "Not published: %(organizations)s must first confirm co-sponsorship "
                    "(or the secretariat record a confirmation with its reason)."
                )
                % {"organizations": ", ".join(str(organization) for organization in pending)}
            )
        if contribution.base_id is None:
            highest = Contribution.objects.filter(
                meeting_id=contribution.meeting_id, amendment_kind=""
            ).aggregate(highest=Max("number"))["highest"]
            contribution.number = (highest or 0) + 1
        else:
            if contribution.base.number is None:
                raise ValidationError(
                    _("Publish the document this one amends before publishing this one.")
                )
            contribution.number = contribution.base.number
            highest = Contribution.objects.filter(
                base_id=contribution.base_id,
                amendment_kind=contribution.amendment_kind,
                number__isnull=False,
            ).aggregate(highest=Max("amendment_ordinal"))["highest"]
            contribution.amendment_ordinal = (highest or 0) + 1
        contribution.published_at = timezone.now()
        _move(
            contribution,
            to=ContributionStatus.PUBLISHED,
            by=by,
            fields=["number", "amendment_ordinal", "published_at"],
        )
        notify_on_commit("published", contribution, delegate_emails(contribution))
    return contribution


def withdraw_contribution(*, contribution, by, note=""):
    """Withdraw a document; a numbered one stays in the register, marked withdrawn."""
    with transaction.atomic():
        contribution = _lock(contribution)
        _check_move(contribution, ContributionStatus.WITHDRAWN)
        _require(
            rules.can_withdraw_contribution(by, contribution),
            _("You may not withdraw this document."),
        )
        _move(contribution, to=ContributionStatus.WITHDRAWN, by=by, note=note)
    return contribution


def _lock(contribution):
    return (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("meeting__group")
        .get(pk=contribution.pk)
    )


def _check_move(contribution, to):
    if to not in TRANSITIONS[contribution.status]:
        raise TransitionNotAllowed(
            _("A %(from)s document cannot become %(to)s."),
            params={
                "from": contribution.get_status_display().lower(),
                "to": ContributionStatus(to).label.lower(),
            },
        )


def _move(contribution, *, to, by, note="", fields=()):
    from_status = contribution.status
    contribution.status = to
    contribution.save(update_fields=["status", "updated_at", *fields])
    StatusChange.objects.create(
        contribution=contribution, from_status=from_status, to_status=to, by=by, note=note
    )
