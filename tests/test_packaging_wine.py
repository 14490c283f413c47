"""The pieces of packaging/windows/verify_under_wine.sh that run on Linux: the locked pins
for 64-bit Windows (markers evaluated for Windows, not for the Linux pip runs on), the
packages built here, numpy's import pointed at the stand-in DLL, and the stand-ins
assembled with the real MinGW tools when they are installed."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
WINE = ROOT / "packaging" / "windows" / "wine"


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"reader_wine_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


requirements = _module(WINE / "requirements.py")
crtfix = _module(WINE / "crtfix.py")


def _export(*arguments: str) -> str:
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not installed")
    command = [uv, "export", "-q", "--locked", "--no-hashes", "--no-emit-project", *arguments]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_windows_pins_follow_the_windows_markers() -> None:
    pins = requirements.windows_pins(
        "comtypes==1.4.17 ; sys_platform == 'win32'\n"
        "numpy==2.4.6 ; python_full_version < '3.12'\n"
        "numpy==2.5.5 ; python_full_version >= '3.12'\n"
        "pyobjc==11.0 ; sys_platform == 'darwin'\n"
        "# via reader\n"
        "jieba==0.42.1\n"
    )
    assert pins == ["comtypes==1.4.17", "numpy==2.4.6", "jieba==0.42.1"]


def test_the_locked_windows_pins_hold_every_runtime_package_once() -> None:
    runtime = requirements.windows_pins(_export("--no-dev"))
    names = [pin.split("==")[0] for pin in runtime]
    assert len(names) == len(set(names))  # one version each, for Python 3.11
    with (ROOT / "pyproject.toml").open("rb") as stream:
        declared = tomllib.load(stream)["project"]["dependencies"]
    direct = {dependency.split(">")[0].split(" ")[0].lower() for dependency in declared}
    assert direct <= set(names)  # comtypes (Windows only) among them


def test_pyinstaller_comes_with_its_windows_dependencies_only() -> None:
    pins = requirements.windows_pins(_export(), requirements.dependency_closure("pyinstaller"))
    names = {pin.split("==")[0] for pin in pins}
    assert {"pyinstaller", "pyinstaller-hooks-contrib", "pefile", "pywin32-ctypes"} <= names
    assert not names & {"pytest", "mypy", "anki", "numpy", "pyside6-essentials"}


def test_sdist_only_packages_are_the_locked_ones_without_wheels() -> None:
    with (ROOT / "uv.lock").open("rb") as stream:
        locked = {p["name"]: p for p in tomllib.load(stream)["package"]}
    found = requirements.sdist_only()
    assert "jieba==0.42.1" in found
    for pin in found:
        assert not locked[pin.split("==")[0]].get("wheels")


def _fake_numpy(site: Path) -> Path:
    """A file with a DLL-name table as numpy's .pyd has, and the import listing objdump
    gives for it (objdump itself reads only real PE files)."""
    binary = site / "numpy" / "_core" / "_multiarray_umath.cp311-win_amd64.pyd"
    binary.parent.mkdir(parents=True)
    binary.write_bytes(b"MZ...KERNEL32.dll\0api-ms-win-crt-math-l1-1-0.dll\0crealf\0acos\0")
    return binary


def test_crtfix_points_numpy_at_the_stand_in_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = _fake_numpy(tmp_path)
    table = {crtfix.API_SET: {"crealf", "acos", "cexpf"}, b"crtfix.dll": set()}

    def imports_from(path: Path, dll: bytes) -> set[str]:
        assert path == binary
        names = table.get(dll, set())
        return names if dll.lower() in path.read_bytes().lower() else set()

    monkeypatch.setattr(crtfix, "imports_from", imports_from)
    definition = tmp_path / "crtfix.def"
    size = binary.stat().st_size
    assert crtfix.main([str(tmp_path), str(definition)]) == 0
    data = binary.read_bytes()
    assert crtfix.API_SET not in data and b"crtfix.dll\0" in data and len(data) == size
    first = definition.read_text()
    assert "    crealf\n" in first and "    acos = ucrtbase.acos\n" in first
    assert "cexpf = ucrtbase.cexpf" in first  # a stub in Wine too: forwarded, never called
    table[b"crtfix.dll"] = table[crtfix.API_SET]  # what objdump lists after the rewrite
    assert crtfix.main([str(tmp_path), str(definition)]) == 0
    assert binary.read_bytes() == data and definition.read_text() == first


@pytest.mark.skipif(
    shutil.which("x86_64-w64-mingw32-as") is None, reason="binutils-mingw-w64 is not installed"
)
@pytest.mark.parametrize("name", ["icuuc", "crtfix"])
def test_the_stand_in_dlls_assemble_and_export_what_is_asked(name: str, tmp_path: Path) -> None:
    definition = WINE / f"{name}.def"
    if name == "crtfix":
        definition = tmp_path / "crtfix.def"
        exports = [f"    {function}" for function in sorted(crtfix.IMPLEMENTED)]
        definition.write_text("LIBRARY crtfix.dll\nEXPORTS\n" + "\n".join(exports) + "\n")
    obj, dll = tmp_path / f"{name}.o", tmp_path / f"{name}.dll"
    subprocess.run(["x86_64-w64-mingw32-as", "-o", obj, WINE / f"{name}.s"], check=True)
    subprocess.run(
        ["x86_64-w64-mingw32-ld", "-shared", "-e", "DllMain", "--subsystem", "windows",
         "-o", dll, obj, definition],
        check=True,
    )  # fmt: skip
    table = subprocess.run(
        ["x86_64-w64-mingw32-objdump", "-p", dll], capture_output=True, text=True, check=True
    ).stdout
    wanted = [
        line.split("=")[0].strip()
        for line in definition.read_text().splitlines()[2:]
        if line.strip()
    ]
    exported = {line.split("]")[-1].strip() for line in table.splitlines() if "\t[" in line}
    assert set(wanted) <= exported
    if name == "icuuc":  # every converter function Qt6Core 6.11 imports
        assert len(wanted) == 20 and "ucnv_open" in wanted
