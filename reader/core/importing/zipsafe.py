"""Open a zip container (.epub, .docx) without letting it cost more than the limits.

Everything is checked from the zip's central directory before a byte is decompressed:
member count, the total declared size, each member's compression ratio, encryption. Reads
then count what really comes out, so a directory that lies about sizes is caught as well.
XML members are refused if they declare entities (``<!ENTITY``): the expansion attacks
(billion laughs) and external entities need them, and no real .docx or .epub uses them.
"""

from __future__ import annotations

import io
import zipfile

from reader.core.importing.errors import ImportFailed
from reader.core.importing.limits import (
    MAX_COMPRESSION_RATIO,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_MEMBERS,
    RATIO_EXEMPT_BYTES,
)


class SafeZip:
    def __init__(self, data: bytes, kind: str) -> None:
        self.kind = kind
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError):
            raise ImportFailed(
                f"This is not a valid {kind} file: it is not a zip archive (or it is damaged)."
            ) from None
        infos = self._zip.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise ImportFailed(f"This {kind} file holds too many parts ({len(infos)}).")
        if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
            raise self._bomb()
        for info in infos:
            if info.flag_bits & 0x1:
                raise ImportFailed(f"This {kind} file is encrypted; it cannot be opened.")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_EXEMPT_BYTES and ratio > MAX_COMPRESSION_RATIO:
                raise self._bomb()
        self._names = {info.filename for info in infos}
        self._read_total = 0

    def _bomb(self) -> ImportFailed:
        limit = MAX_UNZIPPED_BYTES // (1024 * 1024)
        return ImportFailed(
            f"This {self.kind} file would unpack to far more than its size (over {limit} MB "
            "or compressed beyond any real document): it looks like a zip bomb and was refused."
        )

    def has(self, name: str) -> bool:
        return name in self._names

    def names(self) -> frozenset[str]:
        return frozenset(self._names)

    def read(self, name: str) -> bytes:
        if name not in self._names:
            raise ImportFailed(f"This {self.kind} file is incomplete: {name} is missing.")
        budget = MAX_UNZIPPED_BYTES - self._read_total
        try:
            with self._zip.open(name) as member:
                data = member.read(budget + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
            raise ImportFailed(f"This {self.kind} file is damaged ({name}).") from None
        self._read_total += len(data)
        if len(data) > budget:
            raise self._bomb()
        return data

    def read_xml(self, name: str) -> bytes:
        data = self.read(name)
        if b"<!ENTITY" in data:
            raise ImportFailed(f"This {self.kind} file declares XML entities; it was refused.")
        return data
