"""The library pane: the user's articles, their import, and corrections to them."""

from reader.ui.library.pane import LibraryPane

__all__ = ["LibraryPane"]
