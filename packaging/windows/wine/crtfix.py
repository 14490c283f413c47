"""Point numpy at crtfix.dll under Wine (verify_under_wine.sh; the bundle built under Wine
is for checking only and never ships).

    python crtfix.py SITE_PACKAGES DEF_FILE

Wine 8's ucrtbase.dll has crealf, cimagf and other complex-number functions only as stubs
that abort the process, and numpy calls crealf as it imports. Windows resolves
`api-ms-win-crt-math-l1-1-0.dll` (an API set) before any file, so no DLL can stand in for
it: instead each numpy binary that imports one of the functions crtfix.s implements gets
that import's DLL name rewritten to `crtfix.dll` (same length, padded with NULs), and
DEF_FILE is written so that crtfix.dll exports those functions and forwards every other
function numpy takes from the API set to ucrtbase. Run again, it changes nothing.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

API_SET = b"api-ms-win-crt-math-l1-1-0.dll"
FIX = b"crtfix.dll".ljust(len(API_SET), b"\0")
IMPLEMENTED = {"crealf", "cimagf", "creall", "cimag", "cimagl"}


def imports_from(binary: Path, dll: bytes) -> set[str]:
    """The names `binary` imports from `dll` (objdump's import table)."""
    table = subprocess.run(
        ["objdump", "-p", str(binary)], capture_output=True, text=True, check=True
    ).stdout
    names: set[str] = set()
    for block in re.split(r"\n\s*DLL Name: ", table)[1:]:
        if block.split("\n", 1)[0].strip().lower().encode() == dll.lower():
            names.update(re.findall(r"^\s+[0-9a-f]+\s+\d+\s+(\S+)$", block, re.MULTILINE))
    return names


def main(argv: list[str]) -> int:
    site, definition = Path(argv[0]), Path(argv[1])
    binaries = sorted([*site.glob("numpy/**/*.pyd"), *site.glob("numpy*/**/*.dll")])
    forwarded: set[str] = set()
    for binary in binaries:
        data = binary.read_bytes()
        names = imports_from(binary, API_SET) | imports_from(binary, FIX.rstrip(b"\0"))
        forwarded |= names - IMPLEMENTED
        if names & IMPLEMENTED and API_SET in data.lower():
            start = data.lower().index(API_SET)
            binary.write_bytes(data[:start] + FIX + data[start + len(API_SET) :])
            print(f"crtfix: {binary.relative_to(site)} imports from crtfix.dll")
    exports = [f"    {name}" for name in sorted(IMPLEMENTED)]
    exports += [f"    {name} = ucrtbase.{name}" for name in sorted(forwarded)]
    definition.write_text("LIBRARY crtfix.dll\nEXPORTS\n" + "\n".join(exports) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
