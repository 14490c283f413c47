"""CSV, TSV, Pleco and XLSX: the Chinese survives a real spreadsheet, formulas never run."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import openpyxl
import pytest

from reader.core.atomic import TargetExistsError
from reader.core.export.model import DEFAULT_COLUMNS, Column, ExportList, ExportOptions
from reader.core.export.pleco import pleco_text, write_pleco
from reader.core.export.tables import (
    neutralise,
    sheet_title,
    write_csv,
    write_tsv,
    write_xlsx,
)
from tests.export_samples import HOSTILE, ISM, require_program, sample_list

OPTIONS = ExportOptions()
HEADER = ["Simplified", "Traditional", "Pinyin", "Meaning", "Classifier", "Example",
          "Example pinyin", "Source", "HSK", "Notes"]  # fmt: skip


def test_neutralise_every_formula_start() -> None:
    for start in "=+-@\t\r":
        assert neutralise(start + "1+1") == "'" + start + "1+1"
    assert neutralise("-ism") == "'-ism"  # deliberately blunt, see tables.py
    assert neutralise("银行") == "银行"
    assert neutralise("") == ""


def test_csv_is_utf8_with_bom_and_one_header_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "words.csv", sample_list(), OPTIONS)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # what makes Excel read UTF-8
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == HEADER
    assert rows[1][:4] == ["银行", "銀行", "yín háng", "bank; CL:家[jia1],個|个[ge4]"]
    assert len(rows) == 5


def test_csv_formula_injection(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", ExportList("x", (HOSTILE, ISM)), OPTIONS)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    cells = [cell for row in rows[1:] for cell in row if cell]
    assert not [c for c in cells if c[0] in "=+-@\t\r"]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
    assert "'-ism" in cells and "'+1+1" in cells and "'@SUM(1+1)" in cells
    assert "'\t=1+2" in cells


def test_tsv_has_anki_headers_and_one_line_per_word(tmp_path: Path) -> None:
    word = ISM.__class__(
        simplified="多行", pinyin="duo1 hang2", meanings=("many\nlines\tand tabs",)
    )
    path = write_tsv(tmp_path / "words.tsv", ExportList("x", (word, HOSTILE)), OPTIONS)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["#separator:tab", "#html:false"]
    assert lines[2] == "#columns:" + "\t".join(HEADER)
    assert len(lines) == 5
    assert all(len(line.split("\t")) == len(HEADER) for line in lines[3:])
    assert lines[3].split("\t")[3] == "many lines and tabs"
    hostile = lines[4].split("\t")
    assert hostile[3].startswith("'=") and hostile[4] == "' =1+2" and hostile[9] == "'+1+1"


def test_pleco_categories_and_cards() -> None:
    text = pleco_text(sample_list(), OPTIONS)
    lines = text.splitlines()
    assert lines[0] == "//Reader/Lesson 1 · 银行"
    simplified, pinyin, definition = lines[1].split("\t")
    assert (simplified, pinyin) == ("银行[銀行]", "yin2hang2")
    assert definition.startswith("bank; CL:家[jia1],個|个[ge4] — CL: 家[jia1] — 我去银行取钱。")
    assert lines[3].split("\t")[0] == "主义[主義]"
    no_traditional = ExportOptions(columns=(Column.SIMPLIFIED, Column.PINYIN, Column.MEANING))
    assert pleco_text(sample_list(), no_traditional).splitlines()[1].split("\t") == [
        "银行", "yin2hang2", "bank; CL:家[jia1],個|个[ge4] — CL: 家[jia1]"
    ]  # fmt: skip


def test_pleco_injection_cannot_make_categories_or_cards(tmp_path: Path) -> None:
    evil = ISM.__class__(
        simplified="//坏", pinyin="huai4", meanings=("bad\n//Injected/Category\n假\tjia3\tfake",)
    )
    path = write_pleco(tmp_path / "p.txt", ExportList("a/b\nc", (evil,)), OPTIONS)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "//Reader/a-b c"
    assert len(lines) == 2
    assert lines[1].split("\t")[0] == "坏"
    assert [line for line in lines if line.startswith("//")] == [lines[0]]
    assert len(lines[1].split("\t")) == 3


def test_xlsx_cells_are_text_never_formulas(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "words.xlsx", ExportList("x/y:z", (HOSTILE, ISM)), OPTIONS)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None and sheet.title == "x_y_z"
    assert [c.value for c in sheet[1]] == HEADER
    meaning = sheet.cell(row=2, column=4)
    assert meaning.data_type == "s" and meaning.quotePrefix
    assert meaning.value == '=HYPERLINK("http://evil.example","x")'  # shown unchanged
    assert sheet.cell(row=3, column=4).value == "-ism"
    assert sheet.freeze_panes == "A2"


def test_xlsx_drops_control_characters_xml_cannot_hold(tmp_path: Path) -> None:
    word = ISM.__class__(simplified="铃", meanings=("a bell\x07 rings\x0b",))
    path = write_xlsx(tmp_path / "ctl.xlsx", ExportList("x", (word,)), OPTIONS)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None and sheet.cell(row=2, column=4).value == "a bell rings"


def test_sheet_title_rules() -> None:
    assert sheet_title("a" * 40) == "a" * 31
    assert sheet_title("[]") == "__"
    assert sheet_title("") == "Words"


def test_columns_are_chosen(tmp_path: Path) -> None:
    options = ExportOptions(columns=(Column.PINYIN, Column.SIMPLIFIED))
    path = write_csv(tmp_path / "two.csv", sample_list(), options)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["Pinyin", "Simplified"] and rows[1] == ["yín háng", "银行"]
    assert not options.include_sentence and ExportOptions().include_sentence
    with pytest.raises(ValueError, match="twice"):
        ExportOptions(columns=(Column.HSK, Column.HSK))
    assert len(DEFAULT_COLUMNS) == len(HEADER)


def test_existing_files_are_kept(tmp_path: Path) -> None:
    for writer, name in ((write_csv, "a.csv"), (write_tsv, "a.tsv"), (write_xlsx, "a.xlsx"),
                         (write_pleco, "a.txt")):  # fmt: skip
        target = tmp_path / name
        target.write_text("mine")
        with pytest.raises(TargetExistsError):
            writer(target, sample_list(), OPTIONS)
        assert target.read_text() == "mine"
        writer(target, sample_list(), OPTIONS, overwrite=True)
        assert target.read_bytes() != b"mine"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == [
        "a.csv", "a.tsv", "a.txt", "a.xlsx"
    ]  # fmt: skip


# --- LibreOffice ------------------------------------------------------------------------


def soffice(source: Path, target_format: str, out: Path, infilter: str | None = None) -> Path:
    program = require_program("soffice", "libreoffice-calc")
    command = [
        program,
        f"-env:UserInstallation=file://{out / 'profile'}",
        "--headless",
        "--convert-to",
        target_format,
        "--outdir",
        str(out),
    ]
    if infilter:
        command.append(f"--infilter={infilter}")
    subprocess.run([*command, str(source)], check=True, capture_output=True, timeout=180)
    produced = out / (source.stem + "." + target_format.split(":")[0])
    assert produced.exists(), f"LibreOffice did not convert {source.name}"
    return produced


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The CSV and XLSX exports, each converted once by LibreOffice."""
    folder = tmp_path_factory.mktemp("libreoffice")
    words = ExportList("课文", (*sample_list().words,))
    csv_file = write_csv(folder / "from_csv.csv", words, OPTIONS)
    xlsx_file = write_xlsx(folder / "from_xlsx.xlsx", words, OPTIONS)
    out = folder / "out"
    out.mkdir()
    return {
        # A user picks "Unicode (UTF-8)" in LibreOffice's import dialog; Excel uses the BOM.
        "csv": soffice(csv_file, "xlsx", out, infilter="CSV:44,34,76,1"),
        "xlsx": soffice(xlsx_file, "csv:Text - txt - csv (StarCalc):44,34,76", out),
    }


def test_libreoffice_opens_the_csv_with_the_chinese_intact(converted: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(converted["csv"]).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == HEADER  # the BOM is not part of the first cell
    assert rows[1][:3] == ["银行", "銀行", "yín háng"]
    assert rows[1][5] == "我去银行取钱。"
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert all(str(c.value) != "2" for c in sheet[5] if c.column != 9)  # "+1+1" not computed


def test_libreoffice_opens_the_xlsx_with_the_chinese_intact(converted: dict[str, Path]) -> None:
    rows = list(csv.reader(converted["xlsx"].read_text(encoding="utf-8").splitlines()))
    assert rows[0] == HEADER
    assert rows[1][:3] == ["银行", "銀行", "yín háng"]
    assert rows[2][:2] == ["行长", "行長"]
    hostile = rows[4]
    assert hostile[3] == '=HYPERLINK("http://evil.example","x")'  # text, not evaluated
    assert hostile[9] == "+1+1" and hostile[7] == "@SUM(1+1)"
