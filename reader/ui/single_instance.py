"""One running window per data folder: a second start hands its file to the first and ends.

Without it each double-click on a lesson pack started another process on the same
database. The first window listens on a local socket (a named pipe on Windows) named after
its data folder; a later start connects, sends the file's absolute path (or an empty line:
"come to the front") and exits. A data folder of its own (`--data-dir`) is its own instance.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

CONNECT_TIMEOUT_MS = 500
WRITE_TIMEOUT_MS = 2000


def server_name(data_dir: Path) -> str:
    """The same name for every start on one data folder (the folder path is per user)."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"reader-{digest}"


def hand_over(name: str, file: str | None) -> bool:
    """Send `file` to the window already running under `name`; False when none is."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    message = str(Path(file).resolve()) if file else ""
    socket.write(f"{message}\n".encode())
    sent = socket.waitForBytesWritten(WRITE_TIMEOUT_MS)
    socket.disconnectFromServer()
    return sent


class FirstInstance(QObject):
    """The running window's end: `file_received` for each file a later start sends, and
    `shown_again` for each start, so that the window comes to the front."""

    file_received = Signal(str)
    shown_again = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(name):
            # A socket file a crashed run left behind (Unix) blocks the name: nobody answers
            # it, or hand_over would have succeeded, so it is removed.
            QLocalServer.removeServer(name)
            self._server.listen(name)
        self._server.newConnection.connect(self._accept)

    def is_listening(self) -> bool:
        return self._server.isListening()

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._read_sender)
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)

    def _read_sender(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data()).decode("utf-8", "replace").rstrip("\n")
            self.shown_again.emit()
            if line:
                self.file_received.emit(line)


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
