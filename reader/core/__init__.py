"""Everything that is not a widget. Nothing in this package imports Qt (a test enforces it)."""
