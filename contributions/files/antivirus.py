"""Every upload scanned by a ClamAV daemon, when one is configured (CLAMD_SOCKET, or
CLAMD_HOST and CLAMD_PORT).

The file is streamed to clamd with its INSTREAM command: chunks each preceded by their
length (4 bytes, big-endian), then a zero length; clamd answers "stream: OK" or
"stream: <signature> FOUND". A daemon that is configured but cannot answer refuses the
upload: a file that was not scanned is never let through.
"""

import logging
import socket
import struct

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from contributions.files.refusals import FileRefused

logger = logging.getLogger("egitrs.security")

_CHUNK = 2**16


class ScannerUnavailable(Exception):
    """clamd could not be reached, did not answer in time, or answered with an error."""


def is_configured():
    return bool(settings.CLAMD_SOCKET or settings.CLAMD_HOST)


def scanner_address():
    if settings.CLAMD_SOCKET:
        return settings.CLAMD_SOCKET
    return f"{settings.CLAMD_HOST}:{settings.CLAMD_PORT}"


def _connect():
    timeout = settings.CLAMD_TIMEOUT
    if settings.CLAMD_SOCKET:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        try:
            connection.connect(settings.CLAMD_SOCKET)
        except BaseException:
            connection.close()
            raise
        return connection
    return socket.create_connection((settings.CLAMD_HOST, settings.CLAMD_PORT), timeout)


def scan(stream):
    """The name of the signature clamd finds in `stream` (read from where it is), or None.

    Raises ScannerUnavailable when clamd does not give an answer.
    """
    try:
        with _connect() as connection:
            connection.sendall(b"zINSTREAM\0")
            while chunk := stream.read(_CHUNK):
                connection.sendall(struct.pack(">L", len(chunk)) + chunk)
            connection.sendall(struct.pack(">L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                received = connection.recv(4096)
                if not received:
                    break
                reply += received
    except OSError as error:  # refused, missing socket, timeout, reset...
        raise ScannerUnavailable(str(error) or type(error).__name__) from error
    answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    if answer == "stream: OK":
        return None
    if answer.startswith("stream: ") and answer.endswith(" FOUND"):
        return answer[len("stream: ") : -len(" FOUND")]
    # "INSTREAM size limit exceeded. ERROR", or no answer at all.
    raise ScannerUnavailable(answer or "no answer")


def check(upload, *, name):
    """Refuse `upload` when clamd finds a virus in it, or cannot say that it finds none."""
    if not is_configured():
        return
    upload.seek(0)
    try:
        signature = scan(upload)
    except ScannerUnavailable as error:
        logger.error(
            "Upload %r refused: the virus scanner at %s did not answer (%s).",
            name,
            scanner_address(),
            error,
        )
        raise FileRefused(
            _("“%(name)s” could not be checked for viruses; try again later."),
            code="virus_scan_unavailable",
            params={"name": name},
        ) from None
    finally:
        upload.seek(0)
    if signature is not None:
        logger.warning("Upload %r refused: the virus scanner found %s.", name, signature)
        raise FileRefused(
            _("“%(name)s” was refused: the virus scanner found %(signature)s in it."),
            code="virus",
            params={"name": name, "signature": signature},
        )
