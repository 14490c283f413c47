"""The base of the window's parts: each part uses the others' attributes through the
assembled `MainWindow`, which mypy cannot see from one part alone."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    WindowPart = Any
else:
    WindowPart = object
