"""Mail: who is told of what, in which language, with which links, and only after commit."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from contributions import services
from contributions.enums import ContributionStatus, Language
from contributions.services.notifications import (
    EVENTS,
    delegate_emails,
    delegates_of,
    notify_on_commit,
)
from members.models import Membership, Profile
from tests import factories
from tests.factories import make_contribution
from tests.refusals import refused

SUBMITTED = ContributionStatus.SUBMITTED
PUBLISHED = ContributionStatus.PUBLISHED
SITE = "https://eg.itu.example"
NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.SITE_NAME = "ITU expert groups"
    settings.SECRETARIAT_EMAIL = "eg-itrs@itu.example"
    settings.DEFAULT_FROM_EMAIL = "no-reply@itu.example"


@pytest.fixture
def delegate_a2(org_a):
    return factories.DelegateFactory(organization=org_a, username="delegate-a2")


@pytest.fixture
def delegate_c(org_c):
    return factories.DelegateFactory(organization=org_c, username="delegate-c")


@pytest.fixture
def bystanders(org_a, org_b):
    """People linked to the sources who must never be told, and one of another country."""
    former = factories.DelegateFactory(organization=org_a, username="former")
    Membership.objects.filter(user=former).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    future = factories.DelegateFactory(organization=org_b, username="future")
    Membership.objects.filter(user=future).update(
        start_date=timezone.localdate() + datetime.timedelta(days=1)
    )
    factories.DelegateFactory(organization=org_a, username="inactive", is_active=False)
    factories.DelegateFactory(organization=org_b, username="no-mail", email="")
    factories.DelegateFactory(username="outsider")


def by_address(mailoutbox):
    """{address: message}; each message goes to one address, and no address gets two."""
    assert [len(message.to) + len(message.cc) + len(message.bcc) for message in mailoutbox] == [
        1
    ] * len(mailoutbox)
    messages = {message.to[0]: message for message in mailoutbox}
    assert len(messages) == len(mailoutbox)
    return messages


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def speaks_french(*users):
    for user in users:
        Profile.objects.update_or_create(user=user, defaults={"language": "fr"})


def member_page(contribution):
    return f"{SITE}/my/documents/{contribution.pk}/"


def public_page(contribution):
    group, meeting = contribution.meeting.group, contribution.meeting
    return f"{SITE}/{group.slug}/documents/{meeting.ordinal}-{contribution.number}/"


# Who is told


def test_delegates_of_are_the_active_accounts_of_current_delegates_with_an_address(
    org_a, org_b, org_c, delegate_a, delegate_a2, delegate_b, delegate_c, bystanders
):
    closed = factories.OrganizationFactory(name="Closed Member", active=False)
    factories.DelegateFactory(organization=closed, username="closed")

    assert list(delegates_of([org_a, org_b, closed])) == [delegate_a2, delegate_a, delegate_b]
    assert list(delegates_of([org_c.pk])) == [delegate_c]
    assert list(delegates_of([])) == []


def test_delegate_emails_are_the_confirmed_sources_addresses(
    meeting, delegate_a, delegate_a2, delegate_b, delegate_c, org_b, org_c, bystanders
):
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, cosponsors=[org_b, org_c]
    )
    assert delegate_emails(contribution) == ["delegate-a2@example.org", "delegate-a@example.org"]
    services.confirm_cosponsorship(
        source=contribution.sources.get(organization=org_b), by=delegate_b
    )
    services.decline_cosponsorship(
        source=contribution.sources.get(organization=org_c), by=delegate_c
    )

    assert delegate_emails(contribution) == [
        "delegate-a2@example.org",
        "delegate-a@example.org",
        "delegate-b@example.org",
    ]
    assert delegate_emails(contribution, submitter_only=True) == [
        "delegate-a2@example.org",
        "delegate-a@example.org",
    ]


# Each event: recipients, subject, text and HTML with absolute links


def test_submitted_tells_the_submitter_and_the_secretariat(
    meeting, delegate_a, delegate_a2, bystanders, mailoutbox, django_capture_on_commit_callbacks
):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, title="Work plan")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_contribution(contribution=contribution, by=delegate_a)

    messages = by_address(mailoutbox)
    assert sorted(messages) == ["delegate-a@example.org", "eg-itrs@itu.example"]
    message = messages["delegate-a@example.org"]
    assert message.from_email == "no-reply@itu.example"
    assert message.reply_to == ["eg-itrs@itu.example"]
    assert message.subject == "Submitted: Work plan"
    assert message.body == (
        f"The contribution “Work plan” was submitted to EG-ITRs meeting {meeting.ordinal}.\n"
        "Sources: Member State A\n"
        "\n"
        "The secretariat will check it and publish it in the register.\n"
        "\n"
        "The document:\n"
        f"{member_page(contribution)}\n"
        "\n"
        "-- \n"
        "ITU expert groups\n"
        f"{SITE}/\n"
    )
    html = html_of(message)
    assert '<html lang="en" dir="ltr">' in html
    assert f'<a href="{member_page(contribution)}"' in html
    assert messages["eg-itrs@itu.example"].body == message.body


def test_submitted_late_with_co_sponsors_says_so(
    meeting, delegate_a, org_b, delegate_b, mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    meeting.contribution_deadline = now - datetime.timedelta(hours=2)
    meeting.translation_deadline = now - datetime.timedelta(hours=1)
    meeting.save()
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, cosponsors=[org_b])
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_contribution(contribution=contribution, by=delegate_a)

    body = by_address(mailoutbox)["eg-itrs@itu.example"].body
    assert body.splitlines()[1:6] == [
        "Sources: Member State A",
        "Co-sponsors asked to confirm: Member State B",
        "",
        "It arrived after the contribution deadline and is marked late.",
        "",
    ]
    assert (
        "It arrived after the translation deadline: it may not be translated in time for the "
        "meeting."
    ) in body


def test_returned_tells_the_submitting_organizations_delegates_why(
    meeting, delegate_a, delegate_a2, org_b, delegate_b, secretariat, bystanders, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, cosponsors=[org_b], title="Plan"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.return_for_changes(
            contribution=contribution, by=secretariat, reason="Use the ITU template.\nThanks."
        )

    messages = by_address(mailoutbox)
    assert sorted(messages) == ["delegate-a2@example.org", "delegate-a@example.org"]
    message = messages["delegate-a@example.org"]
    assert message.subject == "Returned for changes: Plan"
    assert "Reason:\nUse the ITU template.\nThanks.\n" in message.body
    assert f"submit it once more.\n{member_page(contribution)}\n" in message.body
    html = html_of(message)
    assert "<p>Use the ITU template.<br>Thanks.</p>" in html
    assert f'<a href="{member_page(contribution)}"' in html


def test_published_tells_every_confirmed_sources_delegates(
    meeting, delegate_a, delegate_a2, org_b, org_c, delegate_b, delegate_c, secretariat,
    bystanders, mailoutbox, django_capture_on_commit_callbacks,
):  # fmt: skip
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, cosponsors=[org_b, org_c]
    )
    services.confirm_cosponsorship(
        source=contribution.sources.get(organization=org_b), by=delegate_b
    )
    services.decline_cosponsorship(
        source=contribution.sources.get(organization=org_c), by=delegate_c
    )
    with django_capture_on_commit_callbacks(execute=True):
        contribution = services.publish_contribution(contribution=contribution, by=secretariat)

    messages = by_address(mailoutbox)
    assert sorted(messages) == [
        "delegate-a2@example.org",
        "delegate-a@example.org",
        "delegate-b@example.org",
    ]
    number = f"EG-ITRs {meeting.ordinal}/1"
    message = messages["delegate-b@example.org"]
    assert message.subject == f"Published as {number}: Proposal for the work plan"
    assert message.body.startswith(
        f"The contribution “Proposal for the work plan” was published as {number}.\n"
        f"\n{public_page(contribution)}\n"
    )
    assert f'<a href="{public_page(contribution)}"' in html_of(message)


def test_published_for_members_only_says_who_can_read_it(
    meeting, delegate_a, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, access_level="members"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_contribution(contribution=contribution, by=secretariat)

    assert "Only signed-in members can read it." in mailoutbox[0].body


def test_cosponsor_requested_tells_the_cosponsors_delegates_where_to_answer(
    meeting, delegate_a, delegate_a2, org_b, delegate_b, bystanders, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, cosponsors=[org_b], title="Work plan"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_contribution(contribution=contribution, by=delegate_a)

    messages = by_address(mailoutbox)
    assert {address: message.subject for address, message in messages.items()} == {
        "delegate-a@example.org": "Submitted: Work plan",
        "eg-itrs@itu.example": "Submitted: Work plan",
        "delegate-b@example.org": "Member State A asks you to co-sponsor: Work plan",
    }
    body = messages["delegate-b@example.org"].body
    name = delegate_a.get_full_name()
    assert body == (
        "Member State A names Member State B as a co-sponsor of the contribution “Work plan” "
        f"to EG-ITRs meeting {meeting.ordinal}.\n"
        f"Prepared by: {name}\n"
        "\n"
        "Abstract:\n"
        "What the contribution proposes.\n"
        "\n"
        "It is shown as a contribution of Member State B only once a delegate of Member State "
        "B confirms. Confirm or decline under “My documents”:\n"
        f"{SITE}/my/documents/\n"
        "\n"
        "The document:\n"
        f"{member_page(contribution)}\n"
        "\n"
        "-- \n"
        "ITU expert groups\n"
        f"{SITE}/\n"
    )
    html = html_of(messages["delegate-b@example.org"])
    assert f'<a href="{SITE}/my/documents/"' in html
    assert f'<a href="{member_page(contribution)}">' in html


@pytest.mark.parametrize(
    ("answer", "subject", "sentence"),
    [
        (
            "confirm",
            "Member State B co-sponsors: Work plan",
            "Member State B confirmed that it co-sponsors your contribution “Work plan”.",
        ),
        (
            "decline",
            "Member State B declines to co-sponsor: Work plan",
            "Member State B declined to co-sponsor your contribution “Work plan”. It is no "
            "longer shown among its sources.",
        ),
        (
            "override",
            "Member State B co-sponsors: Work plan",
            "The secretariat recorded that Member State B co-sponsors your contribution “Work "
            "plan”.\n\nReason:\nLetter of the Permanent Mission.",
        ),
    ],
)
def test_cosponsor_answered_tells_the_submitting_organizations_delegates(
    answer, subject, sentence, meeting, delegate_a, delegate_a2, org_b, delegate_b, secretariat,
    bystanders, mailoutbox, django_capture_on_commit_callbacks,
):  # fmt: skip
    contribution = make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        status=SUBMITTED,
        cosponsors=[org_b],
        title="Work plan",
    )
    source = contribution.sources.get(organization=org_b)
    with django_capture_on_commit_callbacks(execute=True):
        if answer == "confirm":
            services.confirm_cosponsorship(source=source, by=delegate_b)
        elif answer == "decline":
            services.decline_cosponsorship(source=source, by=delegate_b)
        else:
            services.override_cosponsorship(
                source=source, by=secretariat, reason="Letter of the Permanent Mission."
            )

    messages = by_address(mailoutbox)
    assert sorted(messages) == ["delegate-a2@example.org", "delegate-a@example.org"]
    message = messages["delegate-a@example.org"]
    assert message.subject == subject
    assert message.body.startswith(f"{sentence}\n\nThe document:\n{member_page(contribution)}\n")
    assert f'<a href="{member_page(contribution)}"' in html_of(message)


def test_translation_posted_tells_the_submitting_organizations_delegates(
    meeting, delegate_a, delegate_a2, org_b, delegate_b, secretariat, bystanders, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, status=PUBLISHED, secretariat=secretariat
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.post_translation(
            contribution=contribution,
            language=Language.FRENCH,
            upload=factories.docx_upload("fr.docx"),
            by=secretariat,
        )

    messages = by_address(mailoutbox)
    assert sorted(messages) == ["delegate-a2@example.org", "delegate-a@example.org"]
    message = messages["delegate-a@example.org"]
    assert message.subject == "Translation posted (French): Proposal for the work plan"
    number = f"EG-ITRs {meeting.ordinal}/1"
    assert message.body.startswith(
        f"The secretariat posted a translation of {number}, “Proposal for the work plan”.\n"
        "Language: French\n"
        "\n"
        "The document, with its files in each language:\n"
        f"{public_page(contribution)}\n"
    )
    assert f'<a href="{public_page(contribution)}"' in html_of(message)


# Languages


def test_each_person_reads_their_own_language(
    meeting, delegate_a, delegate_a2, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    speaks_french(delegate_a2)
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, status=SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_contribution(contribution=contribution, by=secretariat)

    messages = by_address(mailoutbox)
    number = f"EG-ITRs {meeting.ordinal}/1"
    assert messages["delegate-a@example.org"].subject == (
        f"Published as {number}: Proposal for the work plan"
    )
    french = messages["delegate-a2@example.org"]
    assert french.subject == f"Publié sous la cote {number}{NBSP}: Proposal for the work plan"
    assert french.body.startswith(
        f"La contribution «{NBSP}Proposal for the work plan{NBSP}» a été publiée sous la cote "
        f"{number}.\n"
    )
    html = html_of(french)
    assert '<html lang="fr" dir="ltr">' in html
    assert "Ouvrir le document" in html


@pytest.mark.parametrize(
    ("event", "extra", "subject"),
    [
        ("submitted", {}, f"Contribution soumise{NBSP}: Work plan"),
        ("returned", {"reason": "Template."}, f"Renvoyée pour modification{NBSP}: Work plan"),
        (
            "cosponsor_requested",
            {"source": "org_b"},
            f"Member State A vous demande d'être coauteur{NBSP}: Work plan",
        ),
        (
            "cosponsor_answered",
            {"source": "org_b"},
            f"Member State B se porte coauteur{NBSP}: Work plan",
        ),
        (
            "cosponsor_changed",
            {"source": "org_b"},
            f"Modifiée depuis votre coparrainage{NBSP}: Work plan",
        ),
        (
            "translation_posted",
            {"language": "fr"},
            f"Traduction publiée (Français){NBSP}: Work plan",
        ),
    ],
)
def test_every_mail_has_a_french_subject_and_body(
    event, extra, subject, meeting, delegate_a, org_b, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    speaks_french(delegate_a)
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, cosponsors=[org_b], title="Work plan"
    )
    if "source" in extra:
        extra["source"] = contribution.sources.get(organization=org_b)
    with django_capture_on_commit_callbacks(execute=True):
        notify_on_commit(event, contribution, [delegate_a], **extra)

    [message] = mailoutbox
    assert message.subject == subject
    assert message.body.endswith(f"-- \nITU expert groups\n{SITE}/\n")
    assert "contribution" in message.body
    assert '<html lang="fr" dir="ltr">' in html_of(message)


def test_the_secretariats_address_is_written_to_in_the_sites_language(
    meeting, delegate_a, mailoutbox, django_capture_on_commit_callbacks
):
    speaks_french(delegate_a)
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, title="Work plan")
    with django_capture_on_commit_callbacks(execute=True):
        notify_on_commit(
            "submitted", contribution, ["eg-itrs@itu.example", delegate_a, delegate_a.email]
        )

    messages = by_address(mailoutbox)
    assert {address: message.subject for address, message in messages.items()} == {
        "delegate-a@example.org": f"Contribution soumise{NBSP}: Work plan",
        "eg-itrs@itu.example": "Submitted: Work plan",
    }


def test_a_bare_address_of_an_account_is_written_in_its_language(
    meeting, delegate_a, mailoutbox, django_capture_on_commit_callbacks
):
    speaks_french(delegate_a)
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, title="Work plan")
    with django_capture_on_commit_callbacks(execute=True):
        notify_on_commit("submitted", contribution, ["delegate-a@example.org", ""])

    assert [message.subject for message in mailoutbox] == [
        f"Contribution soumise{NBSP}: Work plan"
    ]


def test_the_html_part_escapes_what_people_typed_and_the_text_part_keeps_it(
    meeting, delegate_a, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    contribution = make_contribution(
        meeting=meeting, delegate=delegate_a, status=SUBMITTED, title="Spectrum & <satellites>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.return_for_changes(
            contribution=contribution, by=secretariat, reason="<script>alert(1)</script>"
        )

    [message] = mailoutbox
    assert message.subject == "Returned for changes: Spectrum & <satellites>"
    assert "“Spectrum & <satellites>”" in message.body
    assert "<script>alert(1)</script>" in message.body
    html = html_of(message)
    assert "“Spectrum &amp; &lt;satellites&gt;”" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html


# Only after commit


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_no_mail_when_the_transaction_rolls_back(
    event, meeting, delegate_a, org_b, mailoutbox, django_capture_on_commit_callbacks
):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, cosponsors=[org_b])
    extra = {
        "source": contribution.sources.get(organization=org_b),
        "reason": "Template.",
        "language": "fr",
    }
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="something later in the request failed"),
        transaction.atomic(),
    ):
        notify_on_commit(event, contribution, [delegate_a, "eg-itrs@itu.example"], **extra)
        raise RuntimeError("something later in the request failed")

    assert callbacks == []
    assert mailoutbox == []


def test_nobody_to_tell_sends_nothing(
    meeting, delegate_a, mailoutbox, django_capture_on_commit_callbacks
):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify_on_commit("published", contribution, ["", *delegates_of([])])

    assert callbacks == []
    assert mailoutbox == []


def test_an_unknown_event_is_refused_at_once(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a)
    with refused(ValueError, "Unknown mail event: 'approved'", contribution):
        notify_on_commit("approved", contribution, [delegate_a])
