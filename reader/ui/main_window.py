"""The main window: menus, the article, and the geometry the user left it in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QPlainTextEdit

from reader import __version__
from reader.core.settings import Settings, load_settings, save_settings

ABOUT_HTML = f"""
<h3>Reader {__version__}</h3>
<p>A reading aid for Chinese: pinyin over the text, a tap for the dictionary,
vocabulary lists and exports for teachers.</p>
<p>Dictionary: <a href="https://www.mdbg.net/chinese/dictionary?page=cc-cedict">CC-CEDICT</a>,
© MDBG, licensed under
<a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.<br>
HSK word lists: complete-hsk-vocabulary by drkameleon, MIT licence.</p>
"""


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.settings: Settings = load_settings(data_dir)
        self.setWindowTitle("Reader")
        self.text_view = QPlainTextEdit(self)
        self.text_view.setReadOnly(True)
        self.setCentralWidget(self.text_view)
        self.recent_menu = QMenu("Open &Recent", self)
        self._build_menus()
        self._restore_geometry()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open…", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_file)
        file_menu.addAction(open_action)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about_action = QAction("&About Reader", self)
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(self.settings.recent_files))

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        else:
            self.resize(1000, 750)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open an article", "", "Text (*.txt)")
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            QMessageBox.warning(self, "Cannot open the file", f"{path}\n\n{error}")
            return
        self.text_view.setPlainText(text)
        self.setWindowTitle(f"{Path(path).name} — Reader")
        self.settings.remember_file(str(Path(path).resolve()))
        self._refresh_recent_menu()

    def show_about(self) -> None:
        QMessageBox.about(self, "About Reader", ABOUT_HTML)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        save_settings(self.data_dir, self.settings)
        super().closeEvent(event)
