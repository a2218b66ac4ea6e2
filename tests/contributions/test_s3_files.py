"""Files in an S3-compatible bucket (AWS_STORAGE_BUCKET_NAME): kept there and nowhere else,
served by the download view, which checks who asks, and never linked from a page.

The bucket is moto's, inside this process: the storage is the one the settings build from
the environment, talking to S3 through boto3, whose requests moto answers.
"""

import re
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

from egitrs.settings import uploaded_file_storage
from meetings.enums import AccessLevel
from tests.factories import docx_content, publish_document

BUCKET = "egitrs-files"


@pytest.fixture
def bucket(settings, monkeypatch):
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", BUCKET)
    monkeypatch.setenv("AWS_S3_REGION_NAME", "eu-central-2")
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-central-2")
        s3.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-2"}
        )
        settings.STORAGES = {**settings.STORAGES, "default": uploaded_file_storage()}
        yield s3


def stored_keys(s3):
    return [entry["Key"] for entry in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def readers_of(s3, key):
    """Who the object's ACL lets read it, besides its owner."""
    grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    return [grant["Grantee"].get("URI") for grant in grants if grant["Grantee"]["Type"] == "Group"]


def test_files_are_kept_in_the_bucket_and_served_only_by_the_download_view(
    bucket, client, settings, meeting, author, delegate_b, secretariat
):
    publish = {"delegate": author, "secretariat": secretariat}
    public = publish_document(meeting, title="Roaming", **publish).files.get()
    members = publish_document(
        meeting, title="Numbering", access_level=AccessLevel.MEMBERS, **publish
    ).files.get()

    assert sorted(stored_keys(bucket)) == sorted([public.file.name, members.file.name])
    assert list(Path(settings.MEDIA_ROOT).rglob("*")) == []
    assert [readers_of(bucket, public.file.name), readers_of(bucket, members.file.name)] == [
        [],
        [],
    ]
    assert [downloaded(client, public), downloaded(client, members)] == [
        (200, "public, max-age=300", docx_content("A contribution")),
        (404, None, b""),
    ]

    client.force_login(delegate_b)
    page = client.get(members.contribution.get_absolute_url()).content.decode()
    links = re.findall(r'href="([^"]+)"', page)
    assert [link for link in links if "/files/" in link or BUCKET in link] == [
        members.get_absolute_url()
    ]
    assert downloaded(client, members) == (200, "private", docx_content("A contribution"))


def downloaded(client, file):
    """The status, Cache-Control and bytes of the file's download."""
    response = client.get(file.get_absolute_url())
    content = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, response.get("Cache-Control"), content
