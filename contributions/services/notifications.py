"""What the register tells people by e-mail, always after the transaction commits, in the
background (`contributions.tasks`).

Each person gets a message of their own, in their own language, with a plain-text and an
HTML part: nobody learns who else was told, and a delegate who reads French reads French.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from contributions.enums import Language, SourceConfirmation
from contributions.models import Contribution, Source
from egitrs.tasks import enqueue_on_commit
from members.models import Membership, language_of

# Each event has `contributions/email/<event>_subject.txt`, `<event>.txt` and `<event>.html`.
EVENTS = frozenset(
    {
        "submitted",
        "returned",
        "published",
        "cosponsor_requested",
        "cosponsor_changed",
        "cosponsor_answered",
        "translation_posted",
    }
)


def delegates_of(organizations):
    """The people who speak for `organizations` today: active accounts with an address.

    `organizations` is anything `organization__in` takes: Organization objects, their ids,
    or a queryset of either (`contribution.sources.values("organization_id")`). A
    membership that has ended, an inactive account or one without an address gets no mail.
    """
    memberships = Membership.objects.active().filter(organization__in=organizations)
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .exclude(email="")
        .select_related("profile")
        .order_by("email", "pk")
    )


def delegate_emails(contribution, *, submitter_only=False):
    """The addresses of the current delegates of the contribution's sources.

    A co-sponsor that declined (or has not confirmed) is not a source: it is not told.
    """
    sources = contribution.sources.filter(
        Q(order=0) | Q(confirmation=SourceConfirmation.CONFIRMED)
    )
    if submitter_only:
        sources = sources.filter(order=0)
    users = delegates_of(sources.values("organization_id"))
    return sorted(set(users.values_list("email", flat=True)))


def notify_on_commit(event, contribution, recipients, **extra):
    """Mail `event` about `contribution` to `recipients` once the transaction commits.

    `recipients` mixes User objects (`delegates_of`) and bare addresses (the
    secretariat's). Each address gets one message of its own, never two, in the language
    of the person behind it, sent by a background task of its own: a mail server that is
    down delays the message (the task is tried again) and never turns a change that did
    succeed into an error page. Nothing is sent if the transaction rolls back.
    """
    if event not in EVENTS:
        raise ValueError(f"Unknown mail event: {event!r}")
    # Resolved now, inside the transaction, so the mail goes to who was meant at the time.
    languages = _languages_by_address(recipients)
    # The task module sends through `send_notification`: imported when first needed.
    from contributions.tasks import send_notification_task

    # A task's arguments are JSON: the source by its id.
    if "source" in extra:
        extra = {**extra, "source": extra["source"].pk}
    for address, language in sorted(languages.items()):
        enqueue_on_commit(send_notification_task, event, contribution.pk, address, language, extra)


def send_notification(event, contribution_id, address, language, extra):
    """Send the message of `event` to one address (`notify_on_commit` queued it)."""
    contribution = (
        Contribution.objects.select_related("meeting__group", "submitted_by")
        .filter(pk=contribution_id)
        .first()
    )
    if contribution is None:  # A draft deleted before its mail went: nobody to tell of it.
        return
    if "source" in extra:
        extra = {
            **extra,
            "source": Source.objects.select_related("organization").get(pk=extra["source"]),
        }
    context = {"contribution": contribution, "event": event, **_sources(contribution), **extra}
    _message(event, context, address, language).send()


def _languages_by_address(recipients):
    """{address: language}, each address once, in the language of the person behind it.

    A bare address that is also an active account's is written in that person's language
    too; any other (the secretariat's) in the site's language.
    """
    found = {}
    for recipient in recipients:
        if isinstance(recipient, str):
            if address := recipient.strip():
                found.setdefault(address.lower(), (address, None))
        elif recipient.email:
            found[recipient.email.lower()] = (recipient.email, language_of(recipient))
    if bare := [address for address, language in found.values() if language is None]:
        accounts = (
            get_user_model()
            .objects.filter(is_active=True, email__in=bare)
            .select_related("profile")
            .order_by("pk")
        )
        for user in accounts:
            address, language = found[user.email.lower()]
            if language is None:
                found[user.email.lower()] = (address, language_of(user))
    return {address: language or settings.LANGUAGE_CODE for address, language in found.values()}


def _sources(contribution):
    """The names of the confirmed sources, and of the co-sponsors yet to answer."""
    sources = list(contribution.sources.select_related("organization"))
    return {
        "sources": [
            source.organization.name
            for source in sources
            if source.is_submitter or source.confirmation == SourceConfirmation.CONFIRMED
        ],
        "pending_cosponsors": [
            source.organization.name
            for source in sources
            if not source.is_submitter and source.confirmation == SourceConfirmation.PENDING
        ],
    }


def _message(event, context, address, language):
    with translation.override(language):
        context = {**context, "site_name": settings.SITE_NAME}
        if "language" in context:
            context["language_name"] = Language(context["language"]).label
        # A subject is one line: a title with a line break must not break the header.
        subject = render_to_string(f"contributions/email/{event}_subject.txt", context)
        subject = " ".join(line.strip() for line in subject.splitlines() if line.strip())
        context["subject"] = subject
        text = render_to_string(f"contributions/email/{event}.txt", context)
        html = render_to_string(f"contributions/email/{event}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [address],
        reply_to=_reply_to(),
    )
    message.attach_alternative(html, "text/html")
    return message


def _reply_to():
    # Replies reach the secretariat even when mail leaves from a no-reply address.
    if settings.SECRETARIAT_EMAIL and settings.SECRETARIAT_EMAIL != settings.DEFAULT_FROM_EMAIL:
        return [settings.SECRETARIAT_EMAIL]
    return None
