"""The installers' settings that a Linux machine can check: the Windows version resource,
Setup's minimum Windows and its clean uninstall, what the Windows bundle leaves out, the
headless Qt platform per OS, the macOS minimum and its Mach-O reader, the Debian package
(built here for real with dpkg-deb), and the windowed program's message for CLI commands."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import plistlib
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import reader
from reader.ui.headless import headless_platform

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
ISS = PACKAGING / "windows" / "reader.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"reader_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


build = _module(PACKAGING / "build.py")
check_macos = _module(PACKAGING / "check_macos.py")
make_deb = _module(PACKAGING / "linux" / "make_deb.py")
reader_main = _module(PACKAGING / "reader_main.py")


@pytest.mark.parametrize(
    ("version", "numeric"),
    [("0.2.0rc1", "0.2.0.0"), ("0.2.0", "0.2.0.0"), ("1.2", "1.2.0.0"), ("3", "3.0.0.0"),
     ("1.2.3.4", "1.2.3.0"), ("2.0.0.dev5+local", "2.0.0.0"), ("0.2.1.post2", "0.2.1.0")],
)  # fmt: skip
def test_windows_version_is_four_numbers(version: str, numeric: str) -> None:
    assert build.windows_version(version) == numeric


def test_inno_setup_gets_the_numeric_version_and_a_minimum_windows() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert "VersionInfoVersion={#NumericVersion}" in text
    assert "MinVersion=10.0.17763" in text  # Qt 6: Windows 10 1809 or later
    assert 'f"/DNumericVersion={windows_version(version)}"' in (PACKAGING / "build.py").read_text()
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", build.windows_version(reader.__version__))


def test_uninstall_removes_every_registry_key_it_created() -> None:
    """Each key the installer writes is deleted by its own flags or by an ancestor's
    `uninsdeletekey`: nothing (the OpenWithProgids key was) is left behind."""
    entries = [
        dict(re.findall(r'(\w+): ("[^"]*(?:""[^"]*)*"|[^;]+)', line))
        for line in ISS.read_text(encoding="utf-8").splitlines()
        if line.startswith("Root: HKA;")
    ]
    assert len(entries) >= 6
    deleted_trees = [
        e["Subkey"].strip('" ') for e in entries if "uninsdeletekey" in e.get("Flags", "").split()
    ]
    for entry in entries:
        key = entry["Subkey"].strip('" ')
        flags = entry.get("Flags", "").split()
        removed = "uninsdeletekeyifempty" in flags or any(
            key == tree or key.startswith(tree + "\\") for tree in deleted_trees
        )
        assert removed, f"{key} would stay after uninstalling"


def _spec_keep() -> Callable[[tuple[str, str, str]], bool]:
    tree = ast.parse((PACKAGING / "reader.spec").read_text(encoding="utf-8"))
    wanted = [
        node
        for node in tree.body
        if (isinstance(node, ast.FunctionDef) and node.name == "keep")
        or (isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "DROP_PARTS")
    ]
    namespace: dict[str, object] = {}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), "reader.spec", "exec"), namespace)
    keep = namespace["keep"]
    assert callable(keep)
    return keep  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6\\translations\\qtbase_de.qm", False),  # the Windows wheel's path
        ("PySide6/Qt/translations/qtbase_de.qm", False),  # the Linux one
        ("PySide6\\opengl32sw.dll", False),
        ("PySide6\\Qt6Core.dll", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\platforms\\qminimal.dll", True),
        ("jieba/dict.txt", True),
    ],
)
def test_windows_bundle_drops_translations_and_software_opengl(dest: str, kept: bool) -> None:
    assert _spec_keep()((dest, "source", "DATA")) is kept


def test_headless_platform_is_the_one_each_os_uses() -> None:
    assert headless_platform("win32") == "windows"  # offscreen has no fonts on Windows
    assert headless_platform("linux") == "offscreen"
    assert headless_platform("darwin") == "offscreen"
    forced = [
        path
        for path in (ROOT / "reader").rglob("*.py")
        if '"QT_QPA_PLATFORM", "offscreen"' in path.read_text(encoding="utf-8")
    ]
    assert not forced, forced
    assert "QT_QPA_PLATFORM: offscreen" not in WORKFLOW.read_text(encoding="utf-8")


def test_mac_info_plist_is_what_the_spec_uses_and_the_checks_pass() -> None:
    assert (
        '(ROOT / "packaging" / "macos" / "Info.plist")' in (PACKAGING / "reader.spec").read_text()
    )
    info = plistlib.loads((PACKAGING / "macos" / "Info.plist").read_bytes())
    assert info["LSMinimumSystemVersion"] == "15.0"
    check_macos.RESULTS.clear()
    check_macos.check_info_plist(info)
    check_macos.check_entitlements()
    check_macos.check_icns()
    assert check_macos.RESULTS and all(check_macos.RESULTS)


def test_every_mac_target_has_a_release_runner() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    runners = re.search(r"os: \[(.*)\]", text)
    assert runners is not None
    matrix = {name.strip() for name in runners.group(1).split(",")}
    assert {target.runner for target in check_macos.TARGETS} == {
        r for r in matrix if r.startswith("macos")
    }
    assert {target.arch for target in check_macos.TARGETS} == {"arm64", "x86_64"}
    assert "uv run python packaging/check_macos.py" in text


def _mach_o(cputype: int, minos: int) -> bytes:
    """A 64-bit Mach-O dylib header with one LC_BUILD_VERSION command."""
    command = struct.pack("<6I", 0x32, 24, 1, minos, minos, 0)  # platform 1: macOS
    header = struct.pack("<7I", 0xFEEDFACF, cputype, 0, 6, 1, len(command), 0) + b"\0" * 4
    return header + command


def test_mach_o_minimum_is_read_per_architecture() -> None:
    arm64, x86_64 = 0x0100000C, 0x01000007
    assert check_macos.minimum_macos(_mach_o(arm64, 0x000F0000), "ARM64") == "15.0.0"
    assert check_macos.minimum_macos(_mach_o(x86_64, 0x000A0D00), "x86_64") == "10.13.0"
    assert check_macos.minimum_macos(_mach_o(arm64, 0x000F0000), "x86_64") is None


@pytest.mark.parametrize(
    ("version", "debian"), [("0.2.0rc1", "0.2.0~rc1"), ("0.1.0", "0.1.0"), ("1.0b2", "1.0~b2")]
)
def test_debian_version_sorts_pre_releases_first(version: str, debian: str) -> None:
    assert make_deb.debian_version(version) == debian


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed")
def test_deb_installs_a_working_menu_entry_icon_and_lesson_pack_type(tmp_path: Path) -> None:
    bundle = tmp_path / "Reader"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "Reader").write_text("#!/bin/sh\n")
    (bundle / "Reader").chmod(0o700)
    (bundle / "_internal" / "data.txt").write_text("x")
    deb = make_deb.build_deb(bundle, tmp_path / "reader.deb", "0.2.0rc1")

    info = subprocess.run(["dpkg-deb", "--info", deb], capture_output=True, text=True, check=True)
    assert "Package: reader" in info.stdout and "Version: 0.2.0~rc1" in info.stdout
    assert "Depends: libegl1" in info.stdout
    listing = subprocess.run(
        ["dpkg-deb", "--contents", deb], capture_output=True, text=True, check=True
    ).stdout
    assert "root/root" in listing and "./usr/bin/reader -> /opt/reader/Reader" in listing
    assert re.search(r"-rwxr-xr-x .* \./opt/reader/Reader\n", listing)

    unpacked = tmp_path / "unpacked"
    subprocess.run(["dpkg-deb", "-x", deb, unpacked], check=True)
    share = unpacked / "usr" / "share"
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(share / "applications" / "reader.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert (unpacked / "usr" / "bin" / desktop["Exec"].split()[0]).is_symlink()
    assert desktop["Exec"].endswith("%f")
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / f"{desktop['Icon']}.png").is_file()
    assert "application/x-readerpack" in desktop["MimeType"].split(";")
    if shutil.which("update-mime-database"):  # the MIME type really maps *.readerpack
        subprocess.run(["update-mime-database", share / "mime"], check=True)
        globs = (share / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/x-readerpack:*.readerpack" in globs


@pytest.mark.parametrize(
    ("argv", "command"),
    [(["lookup", "行"], "lookup"), (["export", "x"], "export"), (["--version"], "--version"),
     (["-h"], "-h"), ([], None), (["lesson.readerpack"], None), (["--smoke-test"], None)],
)  # fmt: skip
def test_windowed_program_names_the_console_commands(argv: list[str], command: str | None) -> None:
    assert reader_main.console_command(argv) == command


def test_windowed_program_points_to_reader_cli() -> None:
    message = reader_main.refusal("lookup")
    assert "reader-cli lookup" in message and "reader-cli.exe" in message
