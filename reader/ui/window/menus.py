"""The menu bar and the display toolbar's zoom buttons, built from the window's actions."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from reader.ui.window.actions import fill_menu
from reader.ui.window.context import Actions
from reader.ui.window.display import DisplayControls


def build_menus(
    window: QMainWindow,
    act: Actions,
    display: DisplayControls,
    recent_menu: QMenu,
    docks: list[QDockWidget],
) -> tuple[QMenu, QMenu]:
    """File, Edit, View, Go and Help (the Words menu comes after the first paint, before
    Help); ``docks``: the word panel's and the library's, toggled from View. Returns the
    Edit menu (the corrections join it) and the Help menu."""
    bar = window.menuBar()
    fill_menu(
        bar.addMenu("&File"),
        [
            act["open"],
            recent_menu,
            act["export_list"],
            None,
            act["import_dictionary"],
            None,
            act["quit"],
        ],
    )
    edit_menu = fill_menu(
        bar.addMenu("&Edit"),
        [
            act["copy"],
            act["copy_pinyin"],
            None,
            act["find"],
            act["find_next"],
            act["find_previous"],
        ],
    )
    side_dock, library_dock = docks
    side_panel = side_dock.toggleViewAction()
    side_panel.setText("&Word panel")
    library = library_dock.toggleViewAction()
    library.setText("&Library")
    menus = display.menus
    fill_menu(
        bar.addMenu("&View"),
        [
            menus["pinyin_style"],
            menus["ruby_words"],
            menus["tone_scheme"],
            menus["script"],
            display.sandhi_action,
            display.toggles["pinyin_joined"],
            display.toggles["word_gaps"],
            display.toggles["glosses"],
            menus["status_marks"],
            display.toggles["compact_popup"],
            None,
            act["zoom_in"],
            act["zoom_out"],
            act["zoom_reset"],
            act["font"],
            None,
            menus["theme"],
            side_panel,
            library,
        ],
    )
    go: tuple[str | None, ...] = ("next_word", "previous_word", "next_char", "previous_char")
    go += (None, "look_up", "close_popup", None, "page_down", "page_up")
    fill_menu(bar.addMenu("&Go"), [None if n is None else act[n] for n in go])
    help_menu = fill_menu(bar.addMenu("&Help"), [act["shortcuts"], act["about"]])
    toolbar = display.toolbar
    toolbar.addSeparator()
    toolbar.addAction(act["zoom_out"])
    toolbar.addAction(act["zoom_in"])
    act["zoom_out"].setIconText("A−")
    act["zoom_in"].setIconText("A+")
    return edit_menu, help_menu
