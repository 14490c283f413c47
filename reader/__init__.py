"""reader: a desktop reading aid for Chinese."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reader")
except PackageNotFoundError:  # running from a tree that was never installed
    __version__ = "0.0.0+unknown"
