"""Every way out of the system agrees with the access policy (issue 7, item 4).

For each state and access level of a document, and for every reader, the public
register, the meeting's page, the document's page, its file, the Atom feed, the admin's
changelist and export, and the meeting report (built, and served) show the document
exactly when `contribution_policy` says the reader may read it, within what each of them
lists at all (the register lists registered documents, the feed published ones, and a
report names what an anonymous visitor may read, since it is served to everyone).
"""

import csv
import io
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from contributions.policies import contribution_policy
from meetings.enums import AccessLevel
from proceedings.enums import ReportStatus
from proceedings.reports import build_report
from tests import factories
from tests.access import document_in, fresh, may_read
from tests.proceedings.conftest import make_decision, make_report, make_statement
from tests.roles import content_of

# A staff user with every view permission on the register who is not the secretariat:
# the admin shows them what the policy shows any signed-in user without an organization.
STAFF_READERS = ["clerk", "secretariat"]
ADMIN_LOGIN = "login"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def clerk(db):
    user = factories.UserFactory(username="clerk", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="contributions"))
    return user


@pytest.fixture
def records(meeting, people, org_a, org_c):
    """The meeting's agenda item, its published report, and a decision and a statement
    about the document `records.document(state, access)` makes."""
    item = factories.AgendaItemFactory(meeting=meeting, number="3", title="Work plan")
    report = make_report(
        meeting.group,
        meeting=meeting,
        title="Report of the meeting",
        status=ReportStatus.PUBLISHED,
    )

    def document(state, access):
        contribution = document_in(
            state,
            access,
            meeting=meeting,
            people=people,
            cosponsor_organization=org_c,
            agenda_items=[item],
        )
        decision = make_decision(meeting, subject="Work plan", agenda_item=item)
        decision.documents.set([contribution])
        make_statement(
            meeting,
            organizations=[org_a],
            title="Statement on the work plan",
            decision=decision,
            document=contribution,
            report=report,
            annex_number=1,
        )
        return fresh(contribution)

    return type("Records", (), {"report": report, "document": staticmethod(document)})


def login(client, user):
    client.logout()
    if getattr(user, "is_authenticated", False):
        client.force_login(user)


def ids_in_page(response, key):
    return [document.pk for document in response.context[key]]


def seen_by(client, reader, user, contribution):
    """What `user` finds of `contribution` on each way out that depends on the reader."""
    group = contribution.meeting.group
    login(client, user)
    register = client.get(reverse("contributions:document_list", args=[group.slug]))
    meeting = client.get(contribution.meeting.get_absolute_url())
    if contribution.number is not None:
        page = client.get(contribution.get_absolute_url())
    else:
        page = client.get(reverse("contributions:member_detail", args=[contribution.pk]))
    file = client.get(contribution.files.get().get_absolute_url())
    content_of(file)
    row = {
        "register": contribution.pk in ids_in_page(register, "page_obj"),
        "meeting page": contribution.pk in ids_in_page(meeting, "documents"),
        "page": ADMIN_LOGIN if page.status_code == 302 else page.status_code,
        "file": file.status_code,
    }
    if reader in STAFF_READERS:
        changelist = client.get(reverse("admin:contributions_contribution_changelist"))
        export = client.post(
            reverse("admin:contributions_contribution_export"),
            {"format": "0", "resource": "0", "contributionresource_id": "on"},
        )
        row["admin"] = contribution.pk in [c.pk for c in changelist.context["cl"].result_list]
        row["export"] = str(contribution.pk) in [r["id"] for r in csv_rows(export)]
    return row


def seen_by_everyone(client, contribution, report, readers):
    """The ways out that are the same for every reader: the feed (never personalized) and
    the report (served to everyone), asked as an anonymous visitor and as the secretariat,
    which previews it."""
    group = contribution.meeting.group
    answers = {}
    for reader in ["anonymous", "secretariat"]:
        login(client, readers[reader])
        feed = client.get(reverse("contributions:document_feed", args=[group.slug]))
        report_page = client.get(
            reverse("proceedings:report_detail", args=[group.slug, report.pk])
        )
        answers[reader] = {
            "feed": contribution.get_absolute_url() in feed_links(feed),
            "report page": named_in_html(contribution, report_page.content.decode()),
        }
    answers["report built"] = named_in_report(contribution, build_report(report))
    return answers


def feed_links(response):
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    return [urlsplit(entry.find(f"{ATOM}link").get("href")).path for entry in entries]


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(content_of(response).decode("utf-8-sig"))))


def named_in_html(contribution, html):
    return bool(contribution.register_number) and contribution.register_number in html


def named_in_report(contribution, document):
    """Whether the built report names the document anywhere: sections, bullets, annexes."""
    texts = [
        text
        for section in document.sections
        for paragraph in section.paragraphs
        for text in [paragraph.text, *paragraph.bullets]
    ] + [text for annex in document.annexes for text in annex.paragraphs]
    return bool(contribution.register_number) and any(
        contribution.register_number in text for text in texts
    )


def expected_row(reader, state, access):
    readable = may_read(state, access)
    # The clerk, signed in without organization or office, reads as any member does.
    reads = readable["other_delegate"] if reader == "clerk" else readable[reader]
    registered = state in ("published", "withdrawn_numbered")
    if registered:
        page = 200 if reads else 404
    else:
        page = ADMIN_LOGIN if reader == "anonymous" else (200 if reads else 404)
    row = {
        "register": reads and registered,
        "meeting page": reads and registered,
        "page": page,
        "file": 200 if reads else 404,
    }
    if reader in STAFF_READERS:
        row["admin"] = row["export"] = reads
    return row


def expected_for_everyone(state, access):
    public = may_read(state, access)["anonymous"]
    # A report names what an anonymous visitor may read (a document withdrawn after the
    # meeting considered it stays named in the decision); the feed lists published ones.
    same = {"feed": public and state == "published", "report page": public}
    return {"anonymous": same, "secretariat": same, "report built": public}


# The four states of the issue; a document withdrawn before it had a number reads as a
# draft (tests/contributions/test_policies.py covers it).
GRID_STATES = ["draft", "submitted", "published", "withdrawn_numbered"]


@pytest.mark.parametrize("access", list(AccessLevel))
@pytest.mark.parametrize("state", GRID_STATES)
def test_every_way_out_agrees_with_the_policy(client, people, clerk, records, state, access):
    contribution = records.document(state, access)
    readers = {**people, "clerk": clerk}

    seen = {reader: seen_by(client, reader, readers[reader], contribution) for reader in readers}
    everyone = seen_by_everyone(client, contribution, records.report, readers)
    by_policy = {
        reader: contribution_policy.can_view(readers[reader], contribution) for reader in readers
    }

    assert seen == {reader: expected_row(reader, state, access) for reader in readers}
    assert {reader: row["file"] == 200 for reader, row in seen.items()} == by_policy
    assert everyone == expected_for_everyone(state, access)
    assert everyone["report built"] is by_policy["anonymous"]
