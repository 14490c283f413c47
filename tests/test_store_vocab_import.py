"""Vocabulary import: each format read from a real file, previewed, then committed."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.store import NewWord, Store, WordStatus
from reader.core.vocab_import import (
    ImportedWord,
    VocabFormat,
    VocabImportError,
    commit_import,
    detect_format,
    normalise_pinyin,
    preview_known_words,
    preview_list_import,
    read_vocab_file,
)


def _file(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _simplified(words: tuple[ImportedWord, ...]) -> list[str]:
    return [w.simplified for w in words]


def test_known_words_file_preview_then_commit(store: Store, tmp_path: Path) -> None:
    path = _file(tmp_path, "known.txt", "# my words\n银行\n我们\n\n他们\n我们\n", "gb18030")
    store.vocab.set_statuses({"我们": WordStatus.KNOWN, "银行": WordStatus.LEARNING_2})
    words = read_vocab_file(path)
    assert [(w.line, w.simplified) for w in words] == [
        (2, "银行"),
        (3, "我们"),
        (5, "他们"),
        (6, "我们"),
    ]
    preview = preview_known_words(store, words)
    assert _simplified(preview.added) == ["他们"]
    assert _simplified(preview.updated) == ["银行"]
    assert _simplified(preview.skipped) == ["我们", "我们"]
    assert store.vocab.known_words() == {"我们"}  # nothing changes before the commit
    commit_import(store, preview)
    assert store.vocab.known_words() == {"我们", "银行", "他们"}


def test_a_malformed_line_is_reported_and_nothing_added(store: Store, tmp_path: Path) -> None:
    path = _file(tmp_path, "known.txt", "银行\n我们\nhello\n他们\n")
    with pytest.raises(VocabImportError, match="Line 3") as caught:
        read_vocab_file(path, VocabFormat.KNOWN_WORDS)
    assert caught.value.line == 3
    assert store.vocab.known_words() == set()


def test_csv_with_header_and_quotes_in_gb18030(store: Store, tmp_path: Path) -> None:
    text = (
        "Simplified,Traditional,Pinyin,Meaning,Notes\n"
        '银行,銀行,yín háng,"bank, the place with money",met in 大足\n'
        "行长,行長,hang2 zhang3,bank president,\n"
    )
    path = _file(tmp_path, "words.csv", text, "gb18030")
    words = read_vocab_file(path)
    assert words[0] == ImportedWord(
        2, "银行", "銀行", "yin2 hang2", "bank, the place with money", "met in 大足"
    )
    assert words[1].pinyin == "hang2 zhang3"
    list_id = store.vocab.create_list("imported")
    preview = preview_list_import(store, list_id, words)
    assert (len(preview.added), preview.updated, preview.skipped) == (2, (), ())
    assert store.vocab.words(list_id) == []
    commit_import(store, preview)
    [bank, _] = store.vocab.words(list_id)
    assert (bank.traditional, bank.pinyin, bank.senses, bank.notes) == (
        "銀行",
        "yin2 hang2",
        ("bank, the place with money",),
        "met in 大足",
    )


def test_csv_with_broken_quoting_names_the_line(tmp_path: Path) -> None:
    path = _file(tmp_path, "bad.csv", '银行,bank\n我们,"we\n他们,they\n')
    with pytest.raises(VocabImportError, match="Line") as caught:
        read_vocab_file(path)
    assert caught.value.line is not None and caught.value.line >= 2


def test_tsv_without_header_utf16_updates_and_skips(store: Store, tmp_path: Path) -> None:
    list_id = store.vocab.create_list("mine")
    store.vocab.add_word(NewWord("银行", pinyin="yin2 hang2", senses=("bank",)), list_id)
    store.vocab.add_word(NewWord("我们", pinyin="wo3 men5", senses=("we",)), list_id)
    text = (
        "银行\tyin2 hang2\tbank; money house\n"
        "我们\two3 men5\twe\n"
        "他们\tta1 men5\tthey\n"
        "他们\tta1 men5\tthey\n"
    )
    path = _file(tmp_path, "list.txt", "\ufeff" + text, "utf-16-le")
    words = read_vocab_file(path)
    assert detect_format(text) is VocabFormat.TSV
    preview = preview_list_import(store, list_id, words)
    assert _simplified(preview.added) == ["他们"]
    assert _simplified(preview.updated) == ["银行"]
    assert _simplified(preview.skipped) == ["我们", "他们"]
    commit_import(store, preview)
    by_word = {w.simplified: w for w in store.vocab.words(list_id)}
    assert by_word["银行"].senses == ("bank; money house",)
    assert len(by_word) == 3


def test_pleco_export(store: Store, tmp_path: Path) -> None:
    text = (
        "// HSK 3\n"
        "银行[銀行]\tyin2hang2\tnoun bank\n"
        "行长[行長]\thang2zhang3\tbank president\n"
        "// other\n"
        "绿\tlu:4\tgreen\n"
    )
    path = _file(tmp_path, "pleco.txt", text)
    assert detect_format(text) is VocabFormat.PLECO
    words = read_vocab_file(path)
    assert [(w.line, w.simplified, w.traditional, w.pinyin, w.meaning) for w in words] == [
        (2, "银行", "銀行", "yin2 hang2", "noun bank"),
        (3, "行长", "行長", "hang2 zhang3", "bank president"),
        (5, "绿", "", "lu:4", "green"),
    ]
    list_id = store.vocab.create_list("pleco")
    commit_import(store, preview_list_import(store, list_id, words))
    assert [w.simplified for w in store.vocab.words(list_id)] == ["银行", "行长", "绿"]


def test_anki_notes_in_plain_text(store: Store, tmp_path: Path) -> None:
    text = (
        "#separator:tab\n#html:true\n#columns:Simplified\tPinyin\tMeaning\n"
        "银行\tyín háng\t<b>bank</b>&amp;co<br>money\n"
        "我们\twǒ men\twe\n"
    )
    path = _file(tmp_path, "anki.txt", text)
    assert detect_format(text) is VocabFormat.ANKI
    words = read_vocab_file(path)
    assert [(w.line, w.simplified, w.pinyin, w.meaning) for w in words] == [
        (4, "银行", "yin2 hang2", "bank &co; money"),
        (5, "我们", "wo3 men5", "we"),
    ]
    # without a #columns line the fields are recognised by their content
    bare = _file(tmp_path, "anki2.txt", "#separator:tab\n#html:false\nbank\t银行\tyin2 hang2\n")
    [word] = read_vocab_file(bare)
    assert (word.simplified, word.pinyin, word.meaning) == ("银行", "yin2 hang2", "bank")
    list_id = store.vocab.create_list("anki")
    preview = preview_list_import(store, list_id, words)
    commit_import(store, preview)
    assert store.vocab.words(list_id)[0].senses == ("bank &co; money",)


def test_files_with_no_words_or_binary_are_refused(tmp_path: Path) -> None:
    with pytest.raises(VocabImportError, match=r"(?i)no .*Chinese"):
        read_vocab_file(_file(tmp_path, "empty.csv", "a,b\nc,d\n"))
    with pytest.raises(ValueError):
        read_vocab_file(tmp_path / "missing.txt")
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(ValueError):
        read_vocab_file(binary)


def test_normalise_pinyin() -> None:
    assert normalise_pinyin("yin2hang2") == "yin2 hang2"
    assert normalise_pinyin("Yínháng") == "Yin2 hang2"
    assert normalise_pinyin("lü4") == "lu:4"
    assert normalise_pinyin("") == ""
