"""On a phone's screen a wide table scrolls in its frame, and the page itself never does."""

import pytest
from django.urls import reverse

from contributions.enums import Language
from meetings.enums import OfficerRole
from meetings.models import Officer
from tests.factories import AgendaItemFactory, pdf_upload, publish_document

PHONE = {"width": 390, "height": 900}


@pytest.fixture
def group(group, meeting, author, secretariat):
    """A group whose tables are as wide as they come: files in every language, long names."""
    meeting.venue = "International Telecommunication Union, Place des Nations"
    meeting.save()
    Officer.objects.create(
        group=group,
        name="Ambassador Extraordinary and Plenipotentiary",
        role=OfficerRole.VICE_CHAIR,
    )
    AgendaItemFactory(meeting=meeting, title="Consideration of the contributions received")
    files = [(language, pdf_upload()) for language in Language if language != Language.ENGLISH]
    for title in ("Numbering plans and the misuse of numbering resources", "Roaming"):
        publish_document(
            meeting, delegate=author, secretariat=secretariat, title=title, extra_files=files
        )
    return group


def test_a_wide_table_scrolls_in_its_frame_and_no_table_widens_the_page(page, group, meeting):
    page.set_viewport_size(PHONE)
    addresses = {
        "documents": reverse("contributions:document_list", args=[group.slug]),
        "group": reverse("meetings:group_detail", args=[group.slug]),
        "meetings": reverse("proceedings:meeting_list", args=[group.slug]),
        "meeting": meeting.get_absolute_url(),
    }
    widths, panned = {}, {}
    for name, address in addresses.items():
        page.goto(address)
        if name == "documents":
            frame = page.locator(".table-wrap")
            assert frame.evaluate("frame => frame.scrollWidth > frame.clientWidth") is True
        # Nothing in a table, not even the text only screen readers read, widens the page.
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
        panned[name] = page.evaluate("() => { window.scrollTo(200, 0); return window.scrollX; }")
    assert widths == dict.fromkeys(addresses, PHONE["width"])
    assert panned == dict.fromkeys(addresses, 0)
