"""Opening a lesson pack: its article, corrections and word list join the user's library.

Everything goes in with one transaction, so a pack that fails half-way changes nothing
(`read_pack` has already refused a damaged, hostile or too new pack before this runs).
The pack's fingerprint is recorded with what it added: opening the same pack again adds
nothing while its article is still in the library. The pack's segmentation rules and
reading fixes apply to the pack's article only, unless the user chooses in the preview to
add them for the whole library (a pack is someone else's file: its rules must not re-cut
or re-read the user's other texts). The user's own rule or fix for a text wins over the
pack's, and the words' statuses stay the
learner's own (the teacher's statuses in the pack are not copied).
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.export.pack import LessonPack, PackError
from reader.core.store import (
    ArticleNotFoundError,
    CorrectionKind,
    NewArticle,
    NewWord,
    Store,
)
from reader.core.store.vocab import DEFAULT_LIST_PREFIX

PACK_SOURCE = "lesson pack"  # the article's source when no file name is given
MAX_TITLE = 200  # a title (or list name) longer than this is cut: the pack is someone else's


@dataclass(frozen=True, slots=True)
class PackImportResult:
    article_id: int
    article_title: str
    list_id: int | None  # None: the pack was opened before and its list since deleted
    list_name: str
    words: int  # words in the list the pack added
    corrections_added: int
    corrections_kept: int  # the pack's rule differed from the user's own, which was kept
    already_present: bool  # opened before: nothing was added

    def describe(self) -> str:
        if self.already_present:
            return f"“{self.article_title}” is already in your library"
        kept = f", {self.corrections_kept} of yours kept" if self.corrections_kept else ""
        return (
            f"Added “{self.article_title}”, the word list “{self.list_name}” "
            f"({self.words} words) and {self.corrections_added} segmentation corrections{kept}"
        )


def opened_article(store: Store, pack: LessonPack) -> int | None:
    """The article this pack added when it was opened before, if it is still in the library."""
    opened = store.packs.find(pack.fingerprint)
    if opened is None or opened.article_id is None:
        return None
    try:
        store.articles.info(opened.article_id)
    except ArticleNotFoundError:
        return None  # deleted since: opening the pack again brings it back
    return opened.article_id


def import_pack(
    store: Store,
    pack: LessonPack,
    source: str = PACK_SOURCE,
    *,
    rules_for_library: bool = False,
) -> PackImportResult:
    """Add the pack's article, corrections and list, in one transaction; or nothing if this
    pack was opened before. ``source`` is what the library shows as the article's origin;
    the corrections apply to that article only unless ``rules_for_library``."""
    article = pack.article
    if not article.text.strip():
        raise PackError("the pack's article has no text")
    title = article.title.strip()[:MAX_TITLE] or "Lesson"
    with store.db.transaction():
        existing = opened_article(store, pack)
        if existing is not None:
            return _already_present(store, pack, existing)
        article_id = store.articles.add(
            NewArticle(title, article.text, source, article.original_text or None)
        )
        added, kept = _add_corrections(store, pack, None if rules_for_library else article_id)
        wanted = pack.word_list.name.strip()[:MAX_TITLE] or DEFAULT_LIST_PREFIX + title
        list_name = store.vocab.free_list_name(wanted)
        list_id = store.vocab.create_list(list_name, article_id)
        ids = store.vocab.add_words(
            [
                NewWord(
                    simplified=w.simplified,
                    traditional=w.traditional,
                    pinyin=w.pinyin,
                    senses=w.meanings,
                    sentence=w.sentence,
                    source_article_id=article_id,
                    notes=w.notes,
                    full_sentence=w.full_sentence,
                )
                for w in pack.word_list.words
            ],
            list_id,
        )
        store.packs.record(pack.fingerprint, article_id, list_id)
    return PackImportResult(
        article_id, title, list_id, list_name, len(set(ids)), added, kept, already_present=False
    )


def _already_present(store: Store, pack: LessonPack, article_id: int) -> PackImportResult:
    opened = store.packs.find(pack.fingerprint)
    list_id = opened.list_id if opened is not None else None
    lists = {w.id: w for w in store.vocab.lists()}
    word_list = lists.get(list_id) if list_id is not None else None
    return PackImportResult(
        article_id=article_id,
        article_title=store.articles.info(article_id).title,
        list_id=word_list.id if word_list else None,
        list_name=word_list.name if word_list else "",
        words=word_list.word_count if word_list else 0,
        corrections_added=0,
        corrections_kept=0,
        already_present=True,
    )


def _add_corrections(store: Store, pack: LessonPack, article_id: int | None) -> tuple[int, int]:
    """Add the pack's rules and reading fixes for texts the user has none for, to the
    article given (or the whole library when None); count those that differ."""
    mine = {c.text: c.parts for c in store.corrections.all()}
    added = kept = 0
    for rule in pack.article.corrections:
        if rule.text in mine:
            kept += mine[rule.text] != rule.parts
            continue
        kind = CorrectionKind(rule.kind)
        if article_id is None:
            store.corrections.add(kind, rule.text, rule.parts)
        else:
            store.corrections.add_for_article(article_id, kind, rule.text, rule.parts)
        mine[rule.text] = rule.parts
        added += 1
    my_readings = {stored.fix.text: stored.fix for stored in store.corrections.reading_fixes()}
    for fix in pack.article.reading_fixes:
        if fix.text in my_readings:
            kept += my_readings[fix.text] != fix
            continue
        store.corrections.add_reading_fix(fix.text, fix.readings, article_id)
        added += 1
    return added, kept
