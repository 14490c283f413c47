"""Entry point of the frozen program: the same `reader` command as `uv run reader`."""

from reader.cli import main

raise SystemExit(main())
