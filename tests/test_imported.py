"""An imported article reaches the library whole, from the CLI and the GUI alike."""

from __future__ import annotations

from reader.core.imported import new_article
from reader.core.importing import ImportedArticle
from reader.core.store import NewArticle, Store

SCANNED = ImportedArticle(
    title="截图",
    text="你好。\n再见。",
    original_text="你好。再见。",
    source="/tmp/shot.png",
    pages=(b"\xff\xd8\xffjpeg",),
    uncertain=((1, 2),),
)


def test_every_field_the_library_keeps_is_carried_over() -> None:
    assert new_article(SCANNED) == NewArticle(
        "截图", "你好。\n再见。", "/tmp/shot.png", "你好。再见。", (b"\xff\xd8\xffjpeg",), ((1, 2),)
    )


def test_a_given_source_replaces_the_file_name() -> None:
    assert new_article(SCANNED, "pasted image").source == "pasted image"
    assert new_article(SCANNED, "").source == ""  # "" is a source too (not "use the file's")


def test_the_article_is_stored_as_imported(store: Store) -> None:
    [article_id] = store.articles.add_many([new_article(SCANNED)])
    stored = store.articles.get(article_id)
    assert (stored.info.title, stored.text, stored.original_text, stored.info.source) == (
        "截图",
        "你好。\n再见。",
        "你好。再见。",
        "/tmp/shot.png",
    )
