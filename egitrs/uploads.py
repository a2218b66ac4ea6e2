"""File names as the uploader sent them, even those Django's multipart parser refuses.

Django reads the headers of each part of a multipart request (its field name and file
name) within 1 KiB and refuses the whole request with a bare 400 when they are longer:
a file name of 1,000 characters loses everything typed in the form with it. It also
drops, silently, the control characters of a name and shortens it to 255 characters.
This handler passes the request to Django's parser with an over-long file name
shortened, and keeps on each upload the name as sent (`name_as_sent`), so that
`contributions.files` refuses such a name with a message, in a form shown again.
"""

import os
from itertools import groupby

from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.utils.http import parse_header_parameters

# Django's limit (django.http.multipartparser.MAX_TOTAL_HEADER_SIZE) is 1,024 bytes,
# counted from the boundary; names are shortened well before it.
_HEADERS_SHORTENED_OVER = 900
_SHORT_NAME_BYTES = 400
# Headers longer than this are not a file name's doing: left for Django to refuse.
_MAX_HEADERS = 2**16
_READ = 2**16


class LongFileNameUploadHandler(FileUploadHandler):
    """First of the upload handlers: Django's parser, over a stream that shortens names."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        stream = _ShortenedFileNames(input_data, boundary)
        handlers = [handler for handler in self.request.upload_handlers if handler is not self]
        post, files = MultiPartParser(META, stream, handlers, encoding).parse()
        parts = sorted(stream.file_parts, key=lambda part: part[0])
        for field_name, sent in groupby(parts, key=lambda part: part[0]):
            sent = [name for _, name in sent]
            uploads = files.getlist(field_name)
            # Django leaves out a part without a usable name: then which is which is unsure.
            if len(uploads) == len(sent):
                for upload, name in zip(uploads, sent, strict=True):
                    upload.name_as_sent = name
        return post, files

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


class _ShortenedFileNames:
    """A multipart body read through, with over-long file names in part headers shortened."""

    def __init__(self, stream, boundary):
        self.file_parts = []  # (field name, file name as sent) of each file in the body
        self._stream = stream
        self._delimiter = b"\r\n--" + boundary
        # The first boundary has no line break before it: one is added to find it like
        # the others, and not passed on.
        self._buffer = b"\r\n"
        self._skip = 2
        self._in_headers = False
        self._out = bytearray()
        self._eof = False

    def read(self, size=-1):
        while not self._eof and (size is None or size < 0 or len(self._out) < size):
            chunk = self._stream.read(_READ)
            if chunk:
                self._buffer += chunk
                self._scan()
            else:
                self._eof = True
                self._emit(self._buffer)
                self._buffer = b""
        if size is None or size < 0:
            size = len(self._out)
        data = bytes(self._out[:size])
        del self._out[:size]
        return data

    def _scan(self):
        while True:
            if self._in_headers:
                end = self._buffer.find(b"\r\n\r\n")
                if end == -1:
                    if len(self._buffer) > _MAX_HEADERS:
                        self._emit(self._buffer)
                        self._buffer = b""
                        self._in_headers = False
                    return
                self._emit(self._headers(self._buffer[:end]) + b"\r\n\r\n")
                self._buffer = self._buffer[end + 4 :]
                self._in_headers = False
            else:
                found = self._buffer.find(self._delimiter)
                if found == -1:
                    keep = len(self._delimiter) - 1
                    if len(self._buffer) > keep:
                        self._emit(self._buffer[:-keep])
                        self._buffer = self._buffer[-keep:]
                    return
                end = found + len(self._delimiter)
                self._emit(self._buffer[:end])
                self._buffer = self._buffer[end:]
                self._in_headers = True

    def _emit(self, data):
        if self._skip:
            skipped = min(self._skip, len(data))
            data = data[skipped:]
            self._skip -= skipped
        self._out += data

    def _headers(self, headers):
        lines = headers.split(b"\r\n")
        for index, line in enumerate(lines):
            if line.lower().startswith(b"content-disposition:"):
                lines[index] = self._disposition(
                    line, shorten=len(headers) > _HEADERS_SHORTENED_OVER
                )
        return b"\r\n".join(lines)

    def _disposition(self, line, *, shorten):
        try:
            _, params = parse_header_parameters(line.decode())
        except ValueError:
            return line
        sent = params.get("filename")
        if not sent or "name" not in params:
            return line
        self.file_parts.append((params["name"], sent))
        if not shorten:
            return line
        stem, extension = os.path.splitext(sent)
        extension = extension[:16]
        room = _SHORT_NAME_BYTES - len(extension.encode())
        short = stem.encode()[:room].decode(errors="ignore") + extension
        return (
            f'Content-Disposition: form-data; name="{_quoted(params["name"])}"; '
            f'filename="{_quoted(short)}"'
        ).encode()


def _quoted(value):
    return value.replace("\\", "\\\\").replace('"', '\\"')
