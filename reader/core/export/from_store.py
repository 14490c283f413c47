"""From the user's database to the exporters' plain values (`ExportList`, `LessonPack`).

What the store keeps is what the learner met; the rest (classifiers, HSK level, senses
when none were chosen) comes from the dictionary through the small `WordFacts` interface,
and the article's tokens and the example sentences' pinyin from an optional ``analyse``
function (the CLI and the GUI pass the analyser's), so this module needs neither.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from reader.core.analysis.tokens import Token
from reader.core.cedict.model import Entry, HskLevel
from reader.core.export.examples import example_and_pinyin, proper_syllables, with_capitals
from reader.core.export.formats import ExportFormat, Writer, write_export
from reader.core.export.model import Column, ExportList, ExportOptions, ExportWord
from reader.core.export.pack import LessonPack, PackArticle, PackCorrection, write_pack
from reader.core.glosses import token_glosser
from reader.core.progress import Progress
from reader.core.store import (
    ArticleNotFoundError,
    ListNotFoundError,
    ListWord,
    Store,
    WordList,
    WordStatus,
)
from reader.core.words import word_keys

Analyse = Callable[[str], Sequence[Token]]


class WordFacts(Protocol):
    """What the export needs of the dictionary (`reader.core.cedict.Dictionary` has it)."""

    def entry(self, id_: int) -> Entry: ...

    def entries(self, word: str) -> list[Entry]: ...

    def hsk_level(self, word: str) -> HskLevel | None: ...


class NoArticleError(ValueError):
    """A lesson pack needs an article, and the list has none."""


STATUS_NAMES = {status: status.label.lower() for status in WordStatus}  # "learning 2"


def find_list(store: Store, name_or_id: str) -> WordList:
    """A list by its exact name, else by its id; `ListNotFoundError` names the choices."""
    lists = store.vocab.lists()
    for word_list in lists:
        if word_list.name == name_or_id:
            return word_list
    if name_or_id.isdigit():
        for word_list in lists:
            if word_list.id == int(name_or_id):
                return word_list
    raise ListNotFoundError(f"no word list is called {name_or_id!r}")


def hsk_text(level: HskLevel | None) -> str:
    """The new HSK (3.0) level where there is one ("7-9" for its top band), else the old."""
    if level is None:
        return ""
    if level.new is not None:
        return "7-9" if level.new >= 7 else str(level.new)
    return "" if level.old is None else str(level.old)


def _classifiers(entry: Entry | None) -> str:
    if entry is None:
        return ""
    shown = []
    for c in entry.classifiers:
        hanzi = c.simplified if c.simplified == c.traditional else f"{c.traditional}|{c.simplified}"
        text = f"{hanzi}[{c.pinyin}]"
        if text not in shown:
            shown.append(text)
    return ", ".join(shown)


def export_word(
    word: ListWord,
    facts: WordFacts | None,
    source: str,
    analyse: Analyse | None = None,
) -> ExportWord:
    entry = _entry_for(word, facts) if facts is not None else None
    meanings = word.senses or (tuple(s.gloss for s in entry.senses) if entry else ())
    traditional = word.traditional or (entry.traditional if entry else "")
    sentence, sentence_pinyin = example_and_pinyin(
        word.sentence,
        word.full_sentence,
        (word.simplified, traditional),
        analyse,
        facts.entry if facts is not None else None,
    )
    pinyin = word.pinyin or (entry.pinyin if entry else "")
    if facts is not None and word.pinyin and word.entry_ids:  # a proper noun's capitals
        syllables = pinyin.split()
        entries = [facts.entry(i) for i in word.entry_ids]
        pinyin = " ".join(with_capitals(syllables, proper_syllables(syllables, entries)))
    return ExportWord(
        simplified=word.simplified,
        traditional=traditional,
        pinyin=pinyin,
        meanings=meanings,
        classifiers=_classifiers(entry),
        sentence=sentence,
        sentence_pinyin=sentence_pinyin,
        source=source,
        hsk=hsk_text(facts.hsk_level(word.simplified)) if facts is not None else "",
        notes=word.notes,
        status=STATUS_NAMES[word.status],
        full_sentence=word.full_sentence or word.sentence,
    )


def _entry_for(word: ListWord, facts: WordFacts) -> Entry | None:
    """The entry the learner chose, else the one with the word's reading, else the first."""
    if word.entry_ids:
        try:
            return facts.entry(word.entry_ids[0])
        except LookupError:
            pass  # an entry of an older dictionary release
    candidates = facts.entries(word.simplified)
    reading = word.pinyin.lower()
    same = [e for e in candidates if e.pinyin.lower() == reading]
    found = same or candidates
    return found[0] if found else None


def _article_of(word_list: WordList, words: Sequence[ListWord]) -> int | None:
    """The list's own article, else the one most of its words come from."""
    if word_list.article_id is not None:
        return word_list.article_id
    sources = Counter(w.source_article_id for w in words if w.source_article_id is not None)
    return sources.most_common(1)[0][0] if sources else None


def _titles(store: Store, article_ids: set[int | None]) -> dict[int, str]:
    """Titles of the articles words came from; a deleted article gives no title."""
    titles = {}
    for article_id in article_ids:
        if article_id is not None:
            try:
                titles[article_id] = store.articles.info(article_id).title
            except ArticleNotFoundError:
                continue
    return titles


def export_list(
    store: Store,
    word_list: WordList,
    facts: WordFacts | None = None,
    analyse: Analyse | None = None,
    options: ExportOptions | None = None,
) -> ExportList:
    """The list's words in list order, with its article (and the article's tokens when
    ``analyse`` is given; with ``options`` asking for a class handout, the article's
    words in the class's lists and the glosses of its words)."""
    words = store.vocab.words(word_list.id)
    titles = _titles(store, {w.source_article_id for w in words})
    exported = tuple(
        export_word(w, facts, titles.get(w.source_article_id or -1, ""), analyse) for w in words
    )
    article_id = _article_of(word_list, words)
    if article_id is None:
        return ExportList(word_list.name, exported)
    article = store.articles.get(article_id)
    tokens = analyse(article.text) if analyse else None
    taught: frozenset[str] = frozenset()
    glosses: dict[int, str] | None = None
    if tokens is not None and facts is not None and options is not None:
        if options.article_off_list:
            class_words = store.vocab.class_words()
            keys = word_keys(tokens, facts)
            taught = frozenset(text for text, key in keys.items() if key in class_words)
        if options.article_glosses:
            gloss = token_glosser(facts.entry)
            glosses = {t.start: g for t in tokens if t.is_chinese and (g := gloss(t))}
    return ExportList(
        word_list.name,
        exported,
        article_title=article.info.title,
        article_text=article.text,
        article_tokens=tokens,
        article_taught=taught,
        article_glosses=glosses,
    )


def lesson_pack(store: Store, word_list: WordList, facts: WordFacts | None = None) -> LessonPack:
    """The list with its article, and the segmentation corrections and reading fixes that
    apply to it."""
    words = store.vocab.words(word_list.id)
    article_id = _article_of(word_list, words)
    if article_id is None:
        raise NoArticleError(
            f"the list {word_list.name!r} has no article: a lesson pack holds an article "
            "and its words"
        )
    article = store.articles.get(article_id)
    corrections = tuple(
        PackCorrection(str(c.kind), c.text, c.parts)
        for c in store.corrections.all(article_id)
        if c.text in article.text
    )
    fixes = tuple(
        stored.fix
        for stored in store.corrections.reading_fixes(article_id)
        if stored.fix.text in article.text
    )
    exported = export_list(store, word_list, facts)
    return LessonPack(
        article=PackArticle(
            article.info.title, article.text, article.original_text, corrections, fixes
        ),
        word_list=ExportList(word_list.name, exported.words),
    )


def export_from_store(
    store: Store,
    word_list: WordList,
    fmt: ExportFormat,
    path: str | os.PathLike[str],
    options: ExportOptions,
    *,
    facts: WordFacts | None = None,
    make_analyser: Callable[[], Analyse] | None = None,
    pdf_writer: Writer | None = None,  # reader.ui.export_pdf.write_pdf_handout
    overwrite: bool = False,
    progress: Progress | None = None,
) -> Path:
    """One export, the same from the CLI and the GUI. The analyser (slow to load) is made
    only when the format shows pinyin the store does not keep (the article's, the examples')
    or examples (a sentence stored whole by an older version is cut to its clause)."""
    if fmt is ExportFormat.PACK:
        return write_pack(path, lesson_pack(store, word_list, facts), overwrite=overwrite)
    wants_pinyin = fmt is ExportFormat.PDF or bool(
        {Column.SENTENCE, Column.SENTENCE_PINYIN} & set(options.columns)
    )
    analyse = make_analyser() if wants_pinyin and make_analyser is not None else None
    exported = export_list(store, word_list, facts, analyse, options)
    if fmt is ExportFormat.PDF:
        if pdf_writer is None:
            raise ValueError("the PDF handout is drawn by Qt: pass reader.ui.export_pdf's writer")
        return pdf_writer(path, exported, options, overwrite=overwrite, progress=progress)
    return write_export(fmt, path, exported, options, overwrite=overwrite, progress=progress)
