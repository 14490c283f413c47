"""A second start on the same data folder hands its file to the running window and ends."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.ui.single_instance import FirstInstance, hand_over, server_name


def test_a_later_start_hands_its_file_to_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    name = server_name(tmp_path / "data")
    first = FirstInstance(name)
    assert first.is_listening()
    article = tmp_path / "文章.txt"
    with qtbot.waitSignal(first.file_received, timeout=5000) as received:
        assert hand_over(name, str(article))
    assert received.args == [str(article.resolve())]  # an absolute path: the cwd differs


def test_a_start_without_a_file_brings_the_window_forward(qtbot: QtBot, tmp_path: Path) -> None:
    first = FirstInstance(server_name(tmp_path))
    with qtbot.waitSignal(first.shown_again, timeout=5000):
        assert hand_over(server_name(tmp_path), None)


def test_nothing_listens_for_another_data_folder(qtbot: QtBot, tmp_path: Path) -> None:
    first = FirstInstance(server_name(tmp_path / "one"))
    assert first.is_listening()
    assert server_name(tmp_path / "one") == server_name(tmp_path / "x" / ".." / "one")
    assert not hand_over(server_name(tmp_path / "two"), None)


def test_a_name_left_by_a_crashed_run_is_taken_over(qtbot: QtBot, tmp_path: Path) -> None:
    name = server_name(tmp_path)
    crashed = FirstInstance(name)
    crashed._server.close()  # stands for a socket file nobody answers any more
    first = FirstInstance(name)
    assert first.is_listening()
    with qtbot.waitSignal(first.file_received, timeout=5000):
        assert hand_over(name, str(tmp_path / "a.txt"))
