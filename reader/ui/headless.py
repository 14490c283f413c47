"""The Qt platform for work without a window: the smoke test and the CLI's PDF export.

`offscreen` finds the system's fonts through fontconfig on Linux and Core Text on macOS, but
on Windows it has no font database at all (0 families: the PDF export crashed on a null
font). There the native `windows` platform serves: it opens no window unless asked and reads
the installed fonts. Kept free of Qt imports so that packaging/build.py can use it.
"""

from __future__ import annotations

import os
import sys


def headless_platform(platform: str = sys.platform) -> str:
    """The QT_QPA_PLATFORM value for headless work on `platform` (a sys.platform name)."""
    return "windows" if platform == "win32" else "offscreen"


def use_headless_platform() -> None:
    """Select the headless platform unless the user chose one (QT_QPA_PLATFORM)."""
    os.environ.setdefault("QT_QPA_PLATFORM", headless_platform())
