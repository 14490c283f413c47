"""Teachers' exports: a word list as an Anki deck, CSV, TSV, Pleco cards, XLSX, a PDF
handout (drawn by Qt in `reader.ui.export_pdf`), and lesson packs.

`model` holds the plain values every exporter takes; `from_store` builds them from the
user's database and `export_from_store` runs one export for the CLI and the GUI alike;
`formats` names the formats; every file is written through `reader.core.atomic`.
"""
