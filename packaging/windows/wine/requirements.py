"""The locked dependencies of a Windows build, for verify_under_wine.sh.

    uv export --locked --no-hashes --no-emit-project --no-dev | python requirements.py pins
    uv export --locked --no-hashes --no-emit-project | python requirements.py pins pyinstaller
    python requirements.py sdist-only

`pins` reads a `uv export` (requirements format) on stdin and prints the pins that hold on
64-bit Windows with CPython 3.11: pip evaluates environment markers against the Python that
runs it (Linux here), not against its `--platform`, so `comtypes ; sys_platform == 'win32'`
would be left out and both numpy pins kept. Given a package name, it keeps only that package
and what it depends on in uv.lock (PyInstaller, out of the dev group). `sdist-only` prints the
locked packages that publish no wheel at all (jieba): pip builds them here, and they must
come out pure Python.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[3]
WINDOWS = {
    "os_name": "nt",
    "sys_platform": "win32",
    "platform_system": "Windows",
    "platform_machine": "AMD64",
    "platform_release": "10",
    "platform_version": "10.0.19045",
    "python_version": "3.11",
    "python_full_version": "3.11.9",
    "implementation_name": "cpython",
    "implementation_version": "3.11.9",
    "platform_python_implementation": "CPython",
}


def locked_packages() -> list[dict[str, object]]:
    with (ROOT / "uv.lock").open("rb") as stream:
        packages: list[dict[str, object]] = tomllib.load(stream)["package"]
    return packages


def dependency_closure(name: str) -> set[str]:
    """`name` and every package it depends on in uv.lock (on any platform)."""
    depends = {
        str(package["name"]): {str(d["name"]) for d in package.get("dependencies", [])}  # type: ignore[attr-defined]
        for package in locked_packages()
    }
    found, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(depends.get(current, ()))
    return found


def windows_pins(export: str, only: set[str] | None = None) -> list[str]:
    pins = []
    for line in export.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        requirement = Requirement(line)
        if only is not None and requirement.name not in only:
            continue
        if requirement.marker is None or requirement.marker.evaluate(WINDOWS):
            pins.append(f"{requirement.name}{requirement.specifier}")
    return pins


def sdist_only() -> list[str]:
    return [
        f"{package['name']}=={package['version']}"
        for package in locked_packages()
        if "sdist" in package and not package.get("wheels")
    ]


def main(argv: list[str]) -> int:
    if argv[:1] == ["pins"] and len(argv) <= 2:
        only = dependency_closure(argv[1]) if len(argv) == 2 else None
        print("\n".join(windows_pins(sys.stdin.read(), only)))
    elif argv == ["sdist-only"]:
        print("\n".join(sdist_only()))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
