"""Strip the symbol tables from the Linux bundle's ELF files, where the result still loads.

Nothing in the bundle reads them (libpython alone sheds ~17 MB). PyInstaller's own `strip`
cannot be used: in a library that auditwheel patched (patchelf appends segments), `strip`
can move a segment so that its file offset and its address no longer agree modulo the page
size, and the loader then refuses the file ("ELF load command address/offset not
page-aligned": numpy's OpenBLAS). So each file is stripped into a copy, which replaces it
only when every loadable segment is still aligned; such a file keeps its symbols.
"""

from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path

PT_LOAD = 1


def is_elf(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(4) == b"\x7fELF"


def segments_aligned(path: Path) -> bool:
    """Whether each PT_LOAD segment's offset and address agree modulo its alignment (the
    loader's rule); False for anything but a little-endian 64-bit ELF file."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:  # ELFCLASS64, ELFDATA2LSB
        return False
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    entry_size, count = struct.unpack_from("<HH", data, 0x36)
    for header in range(phoff, phoff + count * entry_size, entry_size):
        kind, _flags, offset, address = struct.unpack_from("<IIQQ", data, header)
        (align,) = struct.unpack_from("<Q", data, header + 0x30)
        if kind == PT_LOAD and align > 1 and (address - offset) % align:
            return False
    return True


def strip_file(path: Path) -> bool:
    """Strip ``path`` in place where that makes it smaller (a library its wheel stripped
    already can grow by a page); False when the stripped copy would not load."""
    stripped = path.with_name(path.name + ".stripped")
    try:
        subprocess.run(["strip", "-o", str(stripped), str(path)], check=True)
        if not segments_aligned(stripped):
            return False
        if stripped.stat().st_size < path.stat().st_size:
            stripped.chmod(path.stat().st_mode)
            os.replace(stripped, path)
        return True
    finally:
        stripped.unlink(missing_ok=True)


def strip_bundle(internal: Path) -> list[Path]:
    """Strip every ELF file under ``internal``; returns those left whole (see above)."""
    kept = []
    for path in sorted(internal.rglob("*")):
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        if not strip_file(path):
            kept.append(path)
    return kept
