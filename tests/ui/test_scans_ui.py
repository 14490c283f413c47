"""A screenshot pasted into the real window: read on the worker, the page shown beside the
text with a thumbnail in the library, the uncertain characters marked, and a correction
made in place changes the stored text and the analysis."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.store import NewArticle, Store
from reader.ui.library import LibraryPane
from reader.ui.main_window import LanguageTools
from tests.ocr_support import SIMPLIFIED, noto_cjk, render
from tests.ui.test_reader_window import open_window, wait_for_pinyin

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.skipif(noto_cjk() is None, reason="needs fonts-noto-cjk"),
]


def test_pasted_screenshot_opens_with_its_page(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    QApplication.clipboard().setImage(QImage.fromData(render(SIMPLIFIED[:2])))
    with qtbot.waitSignal(window.library.imported, timeout=60_000) as signal:
        window.scans.paste_action.trigger()
    (article_id,) = signal.args[0]
    qtbot.waitUntil(lambda: window.article_id == article_id, timeout=10_000)
    wait_for_pinyin(qtbot, window)
    assert window.view.text.startswith("春天来了")
    assert window.scans.dock.isVisible() and window.scans.panel.page_count == 1
    assert not window.scans.panel.picture.pixmap().isNull()
    assert window.library.model.thumbnail(article_id) is not None

    plain = window.store.articles.add(NewArticle("文", "没有图的文章。"))
    window.show_article(plain)
    qtbot.waitUntil(lambda: not window.scans.dock.isVisible())
    assert window.library.model.thumbnail(plain) is None
    window.close()


def test_marks_and_a_correction_in_place(
    qtbot: QtBot, data_dir: Path, language_tools: LanguageTools
) -> None:
    window = open_window(qtbot, data_dir, language_tools)
    page = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(page, "JPEG")
    article_id = window.store.articles.add(
        NewArticle("扫描", "我们明天去图书官。", pages=(page.getvalue(),), uncertain=((7, 8),))
    )
    window.show_article(article_id)
    wait_for_pinyin(qtbot, window)
    assert window.view.uncertain == [(7, 8)]
    window.view.set_current(7)
    assert window.scans.target() == (7, 8)  # the uncertain character at the cursor
    window.scans.correct(article_id, 7, 8, "馆")
    qtbot.waitUntil(lambda: window.view.text == "我们明天去图书馆。", timeout=30_000)
    wait_for_pinyin(qtbot, window)
    qtbot.waitUntil(lambda: any(t.text == "图书馆" for t in window.view.tokens), timeout=30_000)
    assert window.view.uncertain == []
    assert window.store.articles.text(article_id) == "我们明天去图书馆。"
    window.close()


def test_a_photo_is_read_on_the_worker_with_progress_and_cancel(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    pane = LibraryPane(store)
    qtbot.addWidget(pane)
    photo = tmp_path / "photo.png"
    photo.write_bytes(render(SIMPLIFIED))
    with qtbot.waitSignal(pane.imported, timeout=60_000):
        pane.import_files([str(photo)])
        qtbot.waitUntil(lambda: "Reading the text" in pane.progress_label.text(), timeout=30_000)
    assert [info.title[:4] for info in store.articles.all()] == ["春天来了"]

    with qtbot.waitSignal(pane.import_cancelled, timeout=60_000):
        pane.import_files([str(photo)])
        pane.cancel_button.click()
    qtbot.waitUntil(lambda: not pane.importing, timeout=30_000)
    assert len(store.articles.all()) == 1  # the cancelled one left nothing
    pane.runner.wait()
