"""A smaller ICU data library for the Linux build, made with ICU's own tools.

PySide6's wheel carries ICU (libicudata.so.NN: 32 MB of CLDR data for every ICU service).
The only user of ICU in the bundle is libQt6Core, and it calls four ICU services: collation
(QCollator, e.g. the file dialog's sorting), converters (QStringDecoder for an HTML
`charset`), time-zone names (QTimeZone::displayName, QLocale's long date-time formats) and
locale case mapping (QLocale::toUpper / toLower). None of these reads the data trees
dropped here: break iteration, measurement units, currencies, language and region
display names, transliteration and rule-based number spelling (15 MB). Everything Qt can
reach stays whole: all collations, converters, time-zone names and locale data.

`icupkg` removes the trees from ICU's own data package (extracted from the library as it
was built), `genccode` turns the package back into an object file with the same entry
point and `ld` links it under the same soname: the same bytes, fewer items. Debian's
icu-devtools provides the ICU tools and binutils the rest. A guard fails the build if the
bundle's binaries call ICU functions beyond the services above (a newer Qt might), so the
filter is checked again before the data a new caller needs could be missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

# ICU data trees no ICU service that Qt calls opens (see the module docstring).
UNUSED_TREES = ("brkitr", "unit", "curr", "lang", "region", "translit", "rbnf")
# The ICU functions the bundle's own binaries may import: the four services Qt uses.
ALLOWED_CALLS = re.compile(r"^(ucol_|ucnv_|UCNV_|ucal_|u_strToLower_|u_strToUpper_)")
TOOLS = ("objcopy", "nm", "readelf", "ld", "icupkg", "genccode")


class IcuFilterError(Exception):
    """The data could not be filtered safely; the message says why and what to install."""


def _run(*command: str | Path) -> str:
    return subprocess.run(
        [str(part) for part in command], check=True, capture_output=True, text=True
    ).stdout


def icu_calls(binary: Path, version: str) -> set[str]:
    """The ICU functions (of this ICU version) that ``binary`` imports."""
    symbols = _run("readelf", "--dyn-syms", "-W", binary)
    suffix = f"_{version}"
    return {
        fields[7].split("@")[0]
        for fields in (line.split() for line in symbols.splitlines())
        if len(fields) >= 8 and fields[6] == "UND" and fields[7].split("@")[0].endswith(suffix)
    }


def slim_binaries(binaries: list[tuple[str, str, str]], work: Path) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries with libicudata replaced by the filtered copy built in
    ``work``; unchanged when the bundle has no ICU. Raises `IcuFilterError`."""
    data_entries = [e for e in binaries if re.search(r"libicudata\.so\.\d+$", e[0])]
    if not data_entries:
        return binaries
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        raise IcuFilterError(
            f"{', '.join(missing)} not found: install icu-devtools and binutils "
            "(apt-get install icu-devtools binutils) to build the smaller ICU data"
        )
    dest, source, _ = data_entries[0]
    version = dest.rsplit(".", 1)[1]
    own = re.compile(r"libicu\w+\.so")
    for entry_dest, entry_source, _ in binaries:
        if own.search(entry_dest) or not _is_elf(Path(entry_source)):
            continue
        unexpected = {
            call for call in icu_calls(Path(entry_source), version) if not ALLOWED_CALLS.match(call)
        }
        if unexpected:
            raise IcuFilterError(
                f"{entry_dest} calls ICU functions the data filter was not checked for: "
                f"{sorted(unexpected)[:8]}; check which ICU data they read and update "
                "packaging/linux/icu_data.py"
            )
    filtered = filter_library(Path(source), version, work)
    return [(d, str(filtered) if d == dest else s, t) for d, s, t in binaries]


def _is_elf(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(4) == b"\x7fELF"


def filter_library(library: Path, version: str, work: Path) -> Path:
    """``library`` (libicudata.so.NN) rebuilt without `UNUSED_TREES`, in ``work``."""
    shutil.rmtree(work, ignore_errors=True)
    (work / "full").mkdir(parents=True)
    entry = f"icudt{version}"
    package = f"{entry}l.dat"  # icupkg names the items after the package file: keep it
    full = work / "full" / package
    # the data package is the library's only symbol, alone in .rodata
    _run("objcopy", "-O", "binary", "--only-section=.rodata", library, full)
    symbol = re.search(rf"^\S+ ([0-9a-f]+) R {entry}_dat$", _run("nm", "-D", "-S", library), re.M)
    if symbol is None or int(symbol.group(1), 16) != full.stat().st_size:
        raise IcuFilterError(f"{library.name}: .rodata is not exactly the {entry}_dat package")
    items = _run("icupkg", "-l", full).split()
    unused = [item for item in items if item.split("/")[0] in UNUSED_TREES]
    (work / "remove.txt").write_text("\n".join(unused) + "\n", encoding="utf-8")
    slim = work / package
    _run("icupkg", "-r", work / "remove.txt", full, slim)
    kept = set(_run("icupkg", "-l", slim).split())
    if kept != set(items) - set(unused):
        raise IcuFilterError("icupkg did not keep exactly the items asked for")
    _run("genccode", "-o", "-m", library, "-e", entry, "-d", work, slim)
    out = work / "lib" / library.name
    out.parent.mkdir()
    soname = re.search(r"\(SONAME\).*\[(.+)\]", _run("readelf", "-d", library))
    if soname is None:
        raise IcuFilterError(f"{library.name} has no soname")
    _run(
        "ld",
        "-shared",
        "-z",
        "noexecstack",
        "-soname",
        soname.group(1),
        "-o",
        out,
        work / f"{entry}l_dat.o",
    )
    print(
        f"ICU data: {len(unused)} of {len(items)} items dropped ({', '.join(UNUSED_TREES)}): "
        f"{library.stat().st_size / 1e6:.1f} -> {out.stat().st_size / 1e6:.1f} MB"
    )
    return out
