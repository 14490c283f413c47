"""Build a Debian package (.deb) of the one-folder Linux build with dpkg-deb.

    python packaging/linux/make_deb.py dist/Reader dist/Reader-X.Y.Z-linux-x86_64.deb X.Y.Z

The program goes to /opt/reader, `reader` on the PATH points at it, and the desktop entry,
the icon and the lesson-pack MIME type (application/x-readerpack, *.readerpack) go where the
desktop finds them; dpkg's triggers (shared-mime-info, desktop-file-utils, the icon cache)
refresh the menus and file associations, so no maintainer script is needed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ICON = HERE.parent / "icons" / "reader.png"  # 256 x 256
INSTALL_DIR = "opt/reader"
# Qt's xcb platform and its font and D-Bus libraries (the same list as .ci/run installs).
DEPENDS = "libegl1, libgl1, libxkbcommon0, libxkbcommon-x11-0, libfontconfig1, libdbus-1-3"
RECOMMENDS = "fonts-noto-cjk"  # any CJK font does; without one the Hanzi show as boxes


def debian_version(version: str) -> str:
    """Debian orders `~` before everything: 0.2.0rc1 -> 0.2.0~rc1 sorts before 0.2.0."""
    return re.sub(r"(?<=\d)(a|b|rc|\.dev)(?=\d)", r"~\1", version).replace("~.dev", "~dev")


def architecture() -> str:
    found = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    )
    return found.stdout.strip()


def control(version: str, installed_kb: int) -> str:
    return (
        "Package: reader\n"
        f"Version: {debian_version(version)}\n"
        f"Architecture: {architecture()}\n"
        "Maintainer: reader <reader@localhost>\n"
        f"Installed-Size: {installed_kb}\n"
        f"Depends: {DEPENDS}\n"
        f"Recommends: {RECOMMENDS}\n"
        "Section: education\n"
        "Priority: optional\n"
        "Description: Chinese reading aid\n"
        " Read Chinese with pinyin over the text and a dictionary at a click; lesson\n"
        " packs (.readerpack) open in Reader.\n"
    )


def build_deb(bundle: Path, output: Path, version: str) -> Path:
    """Lay out the package tree in a temporary folder and let dpkg-deb build it."""
    with tempfile.TemporaryDirectory(prefix="reader-deb-") as scratch:
        root = Path(scratch) / "root"
        shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
        (root / "usr" / "bin").mkdir(parents=True)
        (root / "usr" / "bin" / "reader").symlink_to(f"/{INSTALL_DIR}/Reader")
        for source, target in (
            (HERE / "reader.desktop", "usr/share/applications/reader.desktop"),
            (HERE / "reader-mime.xml", "usr/share/mime/packages/reader.xml"),
            (ICON, "usr/share/icons/hicolor/256x256/apps/reader.png"),
        ):
            (root / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, root / target)
        size = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN" / "control").write_text(control(version, -(-size // 1024)))
        for path in [root, *root.rglob("*")]:  # what dpkg installs is readable by all
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() or path.stat().st_mode & 0o100 else 0o644)
        output.unlink(missing_ok=True)
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(root), str(output)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the one-folder build (dist/Reader)")
    parser.add_argument("output", type=Path, help="the .deb to write")
    parser.add_argument("version", help="the version from pyproject.toml")
    args = parser.parse_args()
    print(f"built {build_deb(args.bundle, args.output, args.version)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
