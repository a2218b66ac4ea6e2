"""Uploads scanned by a ClamAV daemon: found, clean, and a daemon that does not answer."""

import io
import os
import socket
import tempfile
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contributions.files import FileRefused, antivirus, check_document_file
from egitrs.sample_documents import docx_bytes
from tests.contributions import hostile

UNAVAILABLE = "“proposal.docx” could not be checked for viruses; try again later."


def upload(name, content):
    return SimpleUploadedFile(name, content)


def security_log(caplog):
    return [
        (record.name, record.levelname, record.getMessage())
        for record in caplog.records
        if record.name == "egitrs.security"
    ]


@pytest.fixture
def unix_socket_path():
    # A socket path must stay short (108 bytes), which pytest's tmp_path may not be: a
    # folder of its own directly under the system's temporary folder.
    with tempfile.TemporaryDirectory(prefix="egitrs-") as folder:
        yield os.path.join(folder, "c.sock")


@pytest.mark.clamd
def test_a_clean_file_passes_and_eicar_is_found():
    assert antivirus.scan(io.BytesIO(docx_bytes("Proposal", ["Text."]))) is None
    assert antivirus.scan(io.BytesIO(hostile.EICAR)) is not None


@pytest.mark.clamd
def test_a_file_larger_than_a_read_is_streamed_in_chunks():
    content = hostile.EICAR + b" " * (3 * 2**16)
    # Not the EICAR file any more (it must be exactly its 68 bytes): clean, but all sent.
    assert antivirus.scan(io.BytesIO(content)) is None


def test_without_a_daemon_nothing_is_scanned(settings):
    settings.CLAMD_SOCKET = settings.CLAMD_HOST = ""
    assert antivirus.is_configured() is False
    checked = check_document_file(upload("proposal.docx", docx_bytes("Proposal", ["Text."])))
    assert checked.size > 0


def test_a_missing_socket_refuses_the_upload_and_is_logged(settings, unix_socket_path, caplog):
    settings.CLAMD_SOCKET = unix_socket_path

    with pytest.raises(FileRefused) as refused:
        check_document_file(upload("proposal.docx", docx_bytes("Proposal", ["Text."])))

    assert refused.value.messages == [UNAVAILABLE]
    assert refused.value.code == "virus_scan_unavailable"
    assert security_log(caplog) == [
        (
            "egitrs.security",
            "ERROR",
            f"Upload 'proposal.docx' refused: the virus scanner at {unix_socket_path} did not "
            "answer ([Errno 2] No such file or directory).",
        )
    ]


def test_a_closed_port_refuses_the_upload(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_HOST, settings.CLAMD_PORT = "127.0.0.1", port

    with pytest.raises(FileRefused) as refused:
        check_document_file(upload("proposal.docx", docx_bytes("Proposal", ["Text."])))

    assert refused.value.messages == [UNAVAILABLE]


def test_a_daemon_that_never_answers_is_given_up_after_the_timeout(
    settings, unix_socket_path, caplog
):
    settings.CLAMD_SOCKET = unix_socket_path
    settings.CLAMD_TIMEOUT = 0.3
    with socket.socket(socket.AF_UNIX) as hung:
        hung.bind(unix_socket_path)
        hung.listen()  # and never accepts

        with pytest.raises(FileRefused) as refused:
            check_document_file(upload("proposal.docx", docx_bytes("Proposal", ["Text."])))

    assert refused.value.messages == [UNAVAILABLE]
    assert [message for _, _, message in security_log(caplog)] == [
        f"Upload 'proposal.docx' refused: the virus scanner at {unix_socket_path} did not "
        "answer (timed out)."
    ]


def test_a_daemon_error_refuses_the_upload(settings, unix_socket_path):
    """clamd answers an error, as it does for a stream over its StreamMaxLength."""
    settings.CLAMD_SOCKET = unix_socket_path
    received = []
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(unix_socket_path)
        server.listen()

        def answer():
            connection, _ = server.accept()
            with connection:
                data = b""
                while not data.endswith(b"\0\0\0\0"):
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                received.append(data)
                connection.sendall(b"INSTREAM size limit exceeded. ERROR\0")

        thread = threading.Thread(target=answer)
        thread.start()
        with pytest.raises(antivirus.ScannerUnavailable) as error:
            antivirus.scan(io.BytesIO(b"abc"))
        thread.join()

    assert str(error.value) == "INSTREAM size limit exceeded. ERROR"
    assert received == [b"zINSTREAM\0" + b"\0\0\0\x03abc" + b"\0\0\0\0"]


NOT_SCANNED = (
    '<li class="warning">Uploaded files are not scanned for viruses: no ClamAV daemon is '
    "configured (set CLAMD_SOCKET, or CLAMD_HOST and CLAMD_PORT). Every file is still "
    "checked for macros, scripts, embedded files and links that load content.</li>"
)


def test_the_admin_says_when_uploads_are_not_scanned(client, secretariat, settings):
    client.force_login(secretariat)
    settings.CLAMD_SOCKET = settings.CLAMD_HOST = ""
    assert NOT_SCANNED in client.get(reverse("admin:index")).text

    settings.CLAMD_SOCKET = "/run/clamav/clamd.ctl"
    assert 'id="virus-scanning"' not in client.get(reverse("admin:index")).text
