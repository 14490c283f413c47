"""The one exception every importer raises for bad input, with a message for the user.

A ``ValueError``: the input is what is wrong, and callers that catch ValueError for bad
input (as scripts do) catch it too.
"""

from __future__ import annotations


class ImportFailed(ValueError):
    """The file (or text) cannot be imported; ``str(error)`` says why, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
