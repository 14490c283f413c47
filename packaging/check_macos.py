"""Check the macOS release as far as Linux can, before any Mac runs it.

    uv run python packaging/check_macos.py

For each architecture the release builds (TARGETS, one runner each in release.yml), pip
downloads the macOS wheel that runner would install for every locked runtime package that
has binaries; every Mach-O file in them is read with macholib and its minimum macOS
(LC_BUILD_VERSION, or LC_VERSION_MIN_MACOSX in older files) compared with the app's
LSMinimumSystemVersion: a binary that needs a newer macOS would let the app start on a Mac
where it then crashes. Info.plist, the entitlements and the .icns sizes are checked too.
The wheels are kept in build/macos-wheels/ so that a second run downloads nothing.
Exits non-zero when any check fails; the last line says how many passed and failed.
"""

from __future__ import annotations

import io
import plistlib
import struct
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from macholib import mach_o
from macholib.MachO import MachO
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
MACOS = ROOT / "packaging" / "macos"
WHEELS = ROOT / "build" / "macos-wheels"
PYTHON = "3.11"
MACHO_MAGICS = {
    bytes.fromhex(magic)
    for magic in ("feedface", "cefaedfe", "feedfacf", "cffaedfe", "cafebabe", "bebafeca")
}
# The .icns entries and the pixel size each must have.
ICNS_SIZES = {b"ic11": 32, b"ic12": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}


@dataclass(frozen=True)
class Target:
    """One release build: the runner's macOS decides which wheel pip picks there."""

    runner: str
    arch: str  # the wheel tag's name
    cpu: str  # macholib's CPU_TYPE_NAMES name
    runner_macos: str

    @property
    def platform(self) -> str:
        return f"macosx_{self.runner_macos.replace('.', '_')}_{self.arch}"


TARGETS = (
    Target("macos-15", "arm64", "ARM64", "15.0"),
    Target("macos-15-intel", "x86_64", "x86_64", "15.0"),
)

RESULTS: list[bool] = []


def report(ok: bool, message: str) -> None:
    RESULTS.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {message}", flush=True)


def info_plist() -> dict[str, object]:
    info: dict[str, object] = plistlib.loads((MACOS / "Info.plist").read_bytes())
    return info


def binary_packages() -> list[str]:
    """`name==version` of each locked runtime package for Python 3.11 that ships macOS
    wheels (pure-Python ones, jieba among them, carry no Mach-O file)."""
    exported = subprocess.run(
        ["uv", "export", "--locked", "--no-dev", "--no-hashes", "--no-emit-project"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    with_macos_wheels = {
        (package["name"], package["version"])
        for package in lock["package"]
        if any("macosx" in wheel["url"] for wheel in package.get("wheels", []))
    }
    environment = {"python_version": PYTHON, "python_full_version": f"{PYTHON}.0"}
    pins = []
    for line in exported.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        requirement = Requirement(line.strip())
        marker: Marker | None = requirement.marker
        if marker is not None and not marker.evaluate(environment):
            continue
        version = next(iter(requirement.specifier)).version
        if (requirement.name, version) in with_macos_wheels:
            pins.append(f"{requirement.name}=={version}")
    return pins


def download(target: Target, pins: list[str]) -> Path:
    folder = WHEELS / target.platform
    folder.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
        "--only-binary=:all:", "--no-deps", "--platform", target.platform,
        "--python-version", PYTHON, "--implementation", "cp", "--dest", str(folder), *pins,
    ]  # fmt: skip
    subprocess.run(command, check=True)
    return folder


def version_text(encoded: int) -> str:
    """Mach-O packs X.Y.Z as xxxx.yy.zz in 32 bits."""
    return f"{encoded >> 16}.{(encoded >> 8) & 0xFF}.{encoded & 0xFF}"


def minimum_macos(data: bytes, cpu: str) -> str | None:
    """The minimum macOS of the slice for `cpu` in one Mach-O file (None: no such slice)."""
    found: str | None = None
    try:
        machine = _load(data)
    except ValueError:  # a static library (a fat archive of .o files): never loaded at run time
        return None
    for header in machine.headers:
        if mach_o.CPU_TYPE_NAMES.get(header.header.cputype) != cpu:
            continue
        for load_command, command, _ in header.commands:
            if load_command.cmd == mach_o.LC_BUILD_VERSION:
                found = version_text(command.minos)
            elif load_command.cmd == mach_o.LC_VERSION_MIN_MACOSX:
                found = version_text(command.version)
    return found


def _load(data: bytes) -> MachO:
    """macholib reads files by name; a temporary file holds the wheel member."""
    with tempfile.NamedTemporaryFile(suffix=".bin") as scratch:
        scratch.write(data)
        scratch.flush()
        return MachO(scratch.name)


def mach_o_members(wheel: Path) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.infolist():
            if member.is_dir() or member.file_size < 4:
                continue
            with archive.open(member) as stream:
                if stream.read(4) not in MACHO_MAGICS:
                    continue
            data = archive.read(member)
            # Java class files share the fat magic; a fat Mach-O has few architectures.
            fat = data[:4] in (bytes.fromhex("cafebabe"), bytes.fromhex("bebafeca"))
            if fat and struct.unpack(">I", data[4:8])[0] > 30:
                continue
            yield member.filename, data


def check_binaries(target: Target, pins: list[str], minimum: Version) -> None:
    folder = download(target, pins)
    wheels = sorted(folder.glob("*.whl"))
    newest: tuple[Version, str] = (Version("0"), "")
    too_new: list[str] = []
    count = 0
    for wheel in wheels:
        for name, data in mach_o_members(wheel):
            needed = minimum_macos(data, target.cpu)
            if needed is None:
                continue
            count += 1
            newest = max(newest, (Version(needed), f"{wheel.name}: {name}"))
            if Version(needed) > minimum:
                too_new.append(f"{needed} {wheel.name}: {name}")
    print(f"     {target.runner} ({target.arch}): {len(wheels)} wheels, {count} Mach-O files")
    for wheel in wheels:
        print(f"       {wheel.name}")
    print(f"     newest minimum: macOS {newest[0]} ({newest[1]})")
    report(
        not too_new,
        f"{target.arch}: no bundled binary needs a macOS newer than {minimum}"
        + "".join(f"\n       needs {line}" for line in too_new[:10]),
    )


def check_info_plist(info: dict[str, object]) -> None:
    types = info.get("UTExportedTypeDeclarations")
    exported = types[0] if isinstance(types, list) and types else {}
    report(
        exported.get("UTTypeIdentifier") == "org.reader.readerpack"
        and exported.get("UTTypeTagSpecification") == {"public.filename-extension": ["readerpack"]},
        "Info.plist exports the .readerpack type",
    )
    documents = info.get("CFBundleDocumentTypes")
    handled = [
        content
        for document in (documents if isinstance(documents, list) else [])
        for content in document.get("LSItemContentTypes", [])
    ]
    report("org.reader.readerpack" in handled, "Info.plist opens lesson packs (document type)")
    report(info.get("NSHighResolutionCapable") is True, "Info.plist: high-resolution capable")
    report(
        "CFBundleVersion" not in info,
        "Info.plist leaves the version to the spec (from pyproject.toml)",
    )


def check_entitlements() -> None:
    entitlements = plistlib.loads((MACOS / "entitlements.plist").read_bytes())
    # What a frozen Python needs under the hardened runtime, and nothing that weakens it more.
    report(
        entitlements
        == {
            "com.apple.security.cs.allow-unsigned-executable-memory": True,
            "com.apple.security.cs.disable-library-validation": True,
        },
        "entitlements: the two a frozen Python needs, nothing more (no get-task-allow)",
    )


def check_icns() -> None:
    data = (ROOT / "packaging" / "icons" / "reader.icns").read_bytes()
    entries: dict[bytes, tuple[int, int]] = {}
    ok = data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    offset = 8
    while ok and offset < len(data):
        kind = data[offset : offset + 4]
        length = struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        png = data[offset + 8 : offset + length]
        ok = png.startswith(b"\x89PNG") and length > 8
        if ok:
            entries[kind] = struct.unpack(">II", png[16:24])
        offset += length
    wrong = {
        kind.decode(): entries.get(kind)
        for kind, size in ICNS_SIZES.items()
        if entries.get(kind) != (size, size)
    }
    shown = f" (wrong: {wrong})" if wrong else ""
    report(ok and not wrong, f"reader.icns: PNG entries of 32 to 1024 px{shown}")


def main() -> int:
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)
    info = info_plist()
    minimum = Version(str(info["LSMinimumSystemVersion"]))
    print(f"LSMinimumSystemVersion {minimum}; targets: {', '.join(t.runner for t in TARGETS)}")
    check_info_plist(info)
    check_entitlements()
    check_icns()
    pins = binary_packages()
    print(f"locked packages with macOS binaries: {' '.join(pins)}")
    for target in TARGETS:
        check_binaries(target, pins, minimum)
    failed = RESULTS.count(False)
    print(f"macOS checks: {len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
