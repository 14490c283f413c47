"""A smaller ICU data library for the Linux build, made with ICU's own tools.

PySide6's wheel carries ICU (libicudata.so.NN: 32 MB of CLDR data for every ICU service).
The only user of ICU in the bundle is libQt6Core, and it calls four ICU services: collation
(QCollator, e.g. the file dialog's sorting), converters (QStringDecoder for an HTML
`charset`), time-zone names (QTimeZone::displayName, QLocale's long date-time formats) and
locale case mapping (QLocale::toUpper / toLower). Dropped here (23 of 32 MB):
- the data trees none of these reads: break iteration, measurement units, currencies,
  language and region display names, transliteration, rule-based number spelling;
- the data of services Qt never calls: character names, spoof checks, IDNA, stringprep,
  NFKC, emoji and layout properties;
- each locale's own data in the main and zone trees (how it writes dates and numbers, its
  zone names: 6 MB). Of it Qt would read only the zone names (QTimeZone::displayName, for
  QLocale's long formats and the `t` format), which reader never shows: it formats no date
  with Qt, and the file dialog's dates use the short format, which has no zone. ICU then
  names a zone "GMT+08:00", from the root data kept, and the zone rules (zoneinfo64) stay.
  Collation has a tree of its own;
- the EBCDIC converters (IBM mainframe code pages, 1 MB): an HTML page names its charset
  in ASCII, so no page that Qt could decode is in one. Which converters are EBCDIC is asked
  of ICU itself (`ebcdic_converters`).
All collations and the other converters (GB18030, GBK, Big5, the ISO-2022 family …) stay
whole: tests/test_packaging_icu.py compares them with the wheel's whole ICU.

`icupkg` removes the items from ICU's own data package (extracted from the library as it
was built), `genccode` turns the package back into an object file with the same entry
point and `ld` links it under the same soname: the same bytes, fewer items. Debian's
icu-devtools provides the ICU tools and binutils the rest. A guard fails the build if the
bundle's binaries call ICU functions beyond the services above (a newer Qt might), so the
filter is checked again before the data a new caller needs could be missing.
"""

from __future__ import annotations

import ctypes
import re
import shutil
import subprocess
from pathlib import Path

# ICU data trees no ICU service that Qt calls opens (see the module docstring).
UNUSED_TREES = ("brkitr", "unit", "curr", "lang", "region", "translit", "rbnf")
# A locale's own data in the main and zone trees (a locale ID: language, then _Script,
# _REGION, variants); their root.res and the supplemental data (zoneinfo64 …) stay.
LOCALE_DATA = re.compile(r"^(zone/)?[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")
# Top-level items of ICU services Qt never calls: u_charName, uspoof, uidna, usprep, NFKC,
# emoji and layout properties.
UNUSED_ITEMS = re.compile(
    r"^(unames\.icu|confusables\.cfu|uts46\.nrm|nfkc(_cf)?\.nrm|rfc\d+\w*\.spp|uemoji\.icu"
    r"|ulayout\.icu)$"
)
# What " A0" is in EBCDIC: a converter that reads these bytes as " A0" is an EBCDIC one.
EBCDIC_SAMPLE = b"\x40\xc1\xf0"
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


def unused_items(items: list[str], ebcdic: set[str]) -> list[str]:
    """The items of the data package that the bundle never reads (the module docstring)."""
    return [
        item
        for item in items
        if item.split("/")[0] in UNUSED_TREES
        or LOCALE_DATA.match(item)
        or UNUSED_ITEMS.match(item)
        or item.removesuffix(".cnv") in ebcdic
    ]


def ebcdic_converters(library: Path, version: str, converters: list[str]) -> set[str]:
    """Which of ``converters`` (names of ``.cnv`` items) read `EBCDIC_SAMPLE` as " A0", as
    the unfiltered ICU beside ``library`` (libicudata.so.NN) converts it."""
    ctypes.CDLL(str(library), mode=ctypes.RTLD_GLOBAL)
    common = ctypes.CDLL(str(library.with_name(f"libicuuc.so.{version}")))
    open_converter = getattr(common, f"ucnv_open_{version}")
    open_converter.restype = ctypes.c_void_p
    open_converter.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    to_unicode = getattr(common, f"ucnv_toUChars_{version}")
    to_unicode.restype = ctypes.c_int32
    to_unicode.argtypes = [
        ctypes.c_void_p,
        ctypes.c_void_p,
        ctypes.c_int32,
        ctypes.c_char_p,
        ctypes.c_int32,
        ctypes.POINTER(ctypes.c_int),
    ]
    close = getattr(common, f"ucnv_close_{version}")
    close.argtypes = [ctypes.c_void_p]
    found = set()
    for name in converters:
        status = ctypes.c_int(0)  # U_ZERO_ERROR; > 0 is a failure
        converter = open_converter(name.encode("ascii"), ctypes.byref(status))
        if status.value > 0 or not converter:
            raise IcuFilterError(f"ICU cannot open its own converter {name}")
        units = (ctypes.c_uint16 * 16)()
        length = to_unicode(
            converter, units, 16, EBCDIC_SAMPLE, len(EBCDIC_SAMPLE), ctypes.byref(status)
        )
        close(converter)
        if status.value <= 0 and bytes(units)[: 2 * length].decode("utf-16-le") == " A0":
            found.add(name)
    return found


def _remove(full: Path, slim: Path, unused: list[str], listing: Path) -> list[str]:
    """Write ``full`` without ``unused`` to ``slim``; returns what was removed: ``unused``
    and the converters that extend a removed one (icupkg names them: an EBCDIC
    double-byte table that an EBCDIC code page extends)."""
    while True:
        listing.write_text("\n".join(unused) + "\n", encoding="utf-8")
        result = subprocess.run(
            ["icupkg", "-r", str(listing), str(full), str(slim)], capture_output=True, text=True
        )
        if result.returncode == 0:
            return unused
        said = result.stdout + result.stderr
        found = re.findall(r"Item (\S+) depends on missing item (\S+)", said)
        dependents = {item for item, _ in found}
        if not found or not all(item.endswith(".cnv") for item in dependents):
            raise IcuFilterError(f"icupkg -r failed: {said}")
        unused = unused + sorted(dependents - set(unused))


def filter_library(library: Path, version: str, work: Path) -> Path:
    """``library`` (libicudata.so.NN) rebuilt without `unused_items`, in ``work``."""
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
    converters = [item.removesuffix(".cnv") for item in items if item.endswith(".cnv")]
    unused = unused_items(items, ebcdic_converters(library, version, converters))
    slim = work / package
    unused = _remove(full, slim, unused, work / "remove.txt")
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
        f"ICU data: {len(unused)} of {len(items)} items dropped ({', '.join(UNUSED_TREES)}, "
        f"locale data, unused services, EBCDIC): "
        f"{library.stat().st_size / 1e6:.1f} -> {out.stat().st_size / 1e6:.1f} MB"
    )
    return out
