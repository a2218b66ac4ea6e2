"""What the register tells people by e-mail, always after the transaction commits."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from members.models import Membership


def delegate_emails(contribution, *, submitter_only=False):
    sources = contribution.sources.all()
    if submitter_only:
        sources = sources.filter(order=0)
    # Only people who are delegates today: a membership that has ended gets no mail.
    memberships = Membership.objects.active().filter(
        organization_id__in=sources.values("organization_id")
    )
    users = (
        get_user_model()
        .objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def notify_on_commit(event, contribution, recipients, **extra):
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    context = {"contribution": contribution, "event": event, **extra}

    def send():
        subject = render_to_string("contributions/email/subject.txt", context).strip()
        body = render_to_string(f"contributions/email/{event}.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)

    transaction.on_commit(send)
