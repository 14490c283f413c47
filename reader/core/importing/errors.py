"""The one exception every importer raises for bad input, with a message for the user."""

from __future__ import annotations


class ImportFailed(Exception):  # noqa: N818 (reads as a sentence: raise ImportFailed)
    """The file (or text) cannot be imported; ``str(error)`` says why, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
