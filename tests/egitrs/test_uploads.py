"""Multipart bodies read through the upload handler that keeps file names as sent."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.contributions import hostile
from tests.contributions.test_hostile_uploads import TITLE, multipart, post_draft


def test_fields_and_files_come_through_whole_across_reads(rf):
    # Sizes around the handler's 64 KiB reads, so that boundaries fall across them.
    contents = [bytes([i % 251]) * size for i, size in enumerate([65535, 65536, 65537, 3])]
    names = ["a.pdf", "b" * 1000 + ".pdf", "c\x1b.pdf", "d.pdf"]
    files = [
        ("file", hostile.Hostile("", name, content, ""))
        for name, content in zip(names, contents, strict=True)
    ]
    body = multipart({"text": "--not a boundary\r\n\r\nstill the text", "other": "last"}, files)
    request = rf.post("/", **body)

    assert request.POST.dict() == {
        "text": "--not a boundary\r\n\r\nstill the text",
        "other": "last",
    }
    uploads = request.FILES.getlist("file")
    assert [upload.read() for upload in uploads] == contents
    assert [upload.name_as_sent for upload in uploads] == names
    # What Django keeps of them: at most 255 characters, the escape character dropped.
    assert [upload.name for upload in uploads] == ["a.pdf", "b" * 251 + ".pdf", "c.pdf", "d.pdf"]


def test_a_long_name_passes_the_csrf_check_and_is_refused_by_the_form(
    meeting, delegate_a, settings
):
    """The bare 400 came from the CSRF middleware, the first to read the request's form."""
    settings.CLAMD_SOCKET = settings.CLAMD_HOST = ""
    client = Client(enforce_csrf_checks=True)
    client.force_login(delegate_a)
    url = reverse("contributions:draft_create", args=[meeting.pk])
    client.get(url)
    upload = hostile.Hostile("", "a" * 996 + ".pdf", hostile.pdf_file(), "")

    response = post_draft(
        client, url, upload, csrfmiddlewaretoken=client.cookies["csrftoken"].value
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": [
            "The file name is longer than 200 characters; rename the file with a shorter name "
            "and choose it again."
        ]
    }
    assert response.context["form"]["title"].value() == TITLE


@pytest.mark.parametrize("size", [0, 1, 2**16 - 1, 2**16, 2**16 + 1])
def test_a_body_without_files_is_read_as_sent(rf, size):
    request = rf.post("/", {"field": "x" * size, "other": "y"})
    assert request.POST.dict() == {"field": "x" * size, "other": "y"}
