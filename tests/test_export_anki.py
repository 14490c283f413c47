"""The .apkg opens in the real Anki: every field, both cards, and re-exports update."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageRequest

from reader.core.atomic import TargetExistsError
from reader.core.export.anki import FIELDS, deck_name, marked_sentence, pinyin_html, write_apkg
from reader.core.export.model import Column, ExportList, ExportOptions
from tests.export_samples import BANK, HOSTILE, ISM, PRESIDENT, sample_list


def import_into(collection: Collection, package: Path) -> None:
    collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(package)))


def notes_by_word(collection: Collection) -> dict[str, dict[str, str]]:
    notes = [collection.get_note(nid) for nid in collection.find_notes("")]
    return {note["Simplified"]: dict(note.items()) for note in notes}


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    """A fresh Anki collection, as a new Anki profile has."""
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def test_notes_read_back_with_every_field(tmp_path: Path, collection: Collection) -> None:
    package = write_apkg(tmp_path / "lesson.apkg", sample_list(), ExportOptions())
    import_into(collection, package)

    notes = notes_by_word(collection)
    assert set(notes) == {"银行", "行长", "主义", "坏"}
    bank = notes["银行"]
    assert list(bank) == list(FIELDS)
    assert bank["Traditional"] == "銀行"
    assert bank["Pinyin"] == '<span class="tone2">yín</span> <span class="tone2">háng</span>'
    assert bank["Meaning"] == "bank; CL:家[jia1],個|个[ge4]"
    assert bank["Classifier"] == "家[jia1]"
    assert bank["Example"] == "我去<b>银行</b>取钱。"
    assert bank["Example pinyin"].startswith('<span class="tone3">wǒ</span>')
    assert bank["Source"] == "新渝报"
    assert bank["HSK"] == "2"
    assert bank["Notes"] == "not 很行"
    # Anki fields are HTML: text is escaped, never markup
    assert notes["坏"]["Meaning"] == "=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)"
    assert collection.card_count() == 8  # recognition and recall for each word
    assert deck_name(sample_list().name) in collection.decks.all_names()
    model = collection.models.by_name("Reader (Chinese vocabulary)")
    assert model is not None
    assert [t["name"] for t in model["tmpls"]] == ["Recognition", "Recall"]
    assert ".nightMode" in model["css"] and ".tone3" in model["css"]


def test_reexport_after_an_edit_updates_instead_of_duplicating(
    tmp_path: Path, collection: Collection
) -> None:
    first = sample_list()
    import_into(collection, write_apkg(tmp_path / "v1.apkg", first, ExportOptions()))
    ids_before = sorted(collection.find_notes(""))

    edited = replace(
        first,
        words=(
            replace(BANK, meanings=("bank (financial)",), notes="edited"),
            PRESIDENT,
            ISM,
            HOSTILE,
        ),
    )
    time.sleep(1.1)  # Anki updates a note only when the import is newer (whole seconds)
    import_into(collection, write_apkg(tmp_path / "v2.apkg", edited, ExportOptions()))

    assert sorted(collection.find_notes("")) == ids_before
    assert collection.card_count() == 8
    bank = notes_by_word(collection)["银行"]
    assert bank["Meaning"] == "bank (financial)"
    assert bank["Notes"] == "edited"


def test_another_list_is_another_deck_with_its_own_notes(
    tmp_path: Path, collection: Collection
) -> None:
    import_into(collection, write_apkg(tmp_path / "a.apkg", sample_list("A"), ExportOptions()))
    import_into(collection, write_apkg(tmp_path / "b.apkg", sample_list("B"), ExportOptions()))
    assert len(collection.find_notes("")) == 8
    assert {"Reader::A", "Reader::B"} <= set(collection.decks.all_names())


def test_unchosen_fields_stay_empty(tmp_path: Path, collection: Collection) -> None:
    options = ExportOptions(columns=(Column.SIMPLIFIED, Column.PINYIN, Column.MEANING))
    one = ExportList("Plain", (BANK,))
    import_into(collection, write_apkg(tmp_path / "p.apkg", one, options))
    bank = notes_by_word(collection)["银行"]
    assert bank["Traditional"] == bank["Example"] == bank["Notes"] == ""
    assert bank["Meaning"].startswith("bank")


def test_an_existing_file_is_kept_without_overwrite(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "deck.apkg"
    target.write_bytes(b"precious")
    with pytest.raises(TargetExistsError):
        write_apkg(target, sample_list(), ExportOptions())
    assert target.read_bytes() == b"precious"
    write_apkg(target, sample_list(), ExportOptions(), overwrite=True)
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in folder.iterdir()] == ["deck.apkg"]  # no temporary left


def test_html_helpers() -> None:
    assert (
        pinyin_html("lu:4 r5 C") == '<span class="tone4">lǜ</span> <span class="tone5">r</span> C'
    )
    assert marked_sentence("<行>银行", "银行") == "&lt;行&gt;<b>银行</b>"
    assert marked_sentence("没有", "银行") == "没有"


def test_anki_reads_the_tsv_headers(tmp_path: Path, collection: Collection) -> None:
    from reader.core.export.tables import write_tsv

    path = write_tsv(tmp_path / "words.tsv", sample_list(), ExportOptions())
    metadata = collection.get_csv_metadata(path=str(path), delimiter=None)
    assert list(metadata.column_labels) == list(FIELDS)
    assert metadata.force_delimiter and metadata.force_is_html and not metadata.is_html
    assert list(metadata.preview[0].vals)[:4] == [
        "银行", "銀行", "yín háng", "bank; CL:家[jia1],個|个[ge4]"
    ]  # fmt: skip


def test_cloze_notes_hide_the_word_in_its_sentence(tmp_path: Path, collection: Collection) -> None:
    options = ExportOptions(anki_cloze=True)
    import_into(collection, write_apkg(tmp_path / "c.apkg", sample_list(), options))
    clozes = [
        collection.get_note(n)
        for n in collection.find_notes('"note:Reader (Chinese sentence cloze)"')
    ]
    assert sorted(note["Text"] for note in clozes) == [
        "{{c1::行长}}说了算。", "我去{{c1::银行}}取钱。"
    ]  # fmt: skip
    assert len(collection.find_notes("")) == 6  # four words, two of them with a sentence
    card = collection.get_card(collection.find_cards('"note:Reader (Chinese sentence cloze)"')[0])
    shown = re.sub(r"<[^>]+>", "", card.question().split("</style>")[-1])
    assert "我去[...]取钱。" in shown and "银行" not in shown
