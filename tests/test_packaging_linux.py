"""The Linux build's size cuts keep what the app uses: the smaller ICU data answers Qt's
ICU calls as the wheel's whole ICU does, and stripping never leaves a library the loader
refuses. Runs the build's own modules (packaging/linux) on the wheels' real files."""

from __future__ import annotations

import ctypes
import importlib.util
import json
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINUX_PACKAGING = ROOT / "packaging" / "linux"
SITE = Path(getattr(importlib.util.find_spec("numpy"), "origin", "") or "").parents[1]
QT_LIB = SITE / "PySide6" / "Qt" / "lib"
ICU_VERSION = next((p.name.rsplit(".", 1)[1] for p in QT_LIB.glob("libicudata.so.*")), "")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux build")

# What Qt's four ICU services are asked here: collations of Chinese, Japanese, Korean and
# European locales (numeric order off and on), locale case mapping, converters by name.
LOCALES = (
    "zh_CN",
    "zh_TW",
    "zh_HK",
    "zh_Hant_TW",
    "ja_JP",
    "ko_KR",
    "de_DE",
    "sv_SE",
    "tr_TR",
    "fr_FR",
    "es_ES",
    "ru_RU",
    "ar_EG",
    "th_TH",
    "vi_VN",
    "en_US",
    "",
)
WORDS = (
    "银行",
    "行长",
    "中国",
    "阿",
    "啊",
    "張三",
    "张三",
    "日本語",
    "カタカナ",
    "한국어",
    "zebra",
    "Zebra",
    "été",
    "ete",
    "Äpfel",
    "ångström",
    "čaj",
    "file10",
    "file9",
    "ıi",
    "İI",
    "ß",
    "ss",
    "русский",
    "عربى",
    "ก",
)
CASES = (("tr", "istanbul ı"), ("en", "istanbul ß"), ("lt", "i̇"), ("el", "άλφα"))
CONVERTERS = (
    "GBK",
    "GB18030",
    "Big5",
    "Big5-HKSCS",
    "Shift_JIS",
    "EUC-JP",
    "EUC-KR",
    "ISO-2022-JP",
    "ISO-2022-CN",
    "windows-1252",
    "KOI8-R",
    "x11-compound-text",
)


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, LINUX_PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def icu_answers(folder: Path) -> dict[str, object]:
    """What the ICU in ``folder`` answers (run in a process of its own: one ICU each)."""
    ctypes.CDLL(str(folder / f"libicudata.so.{ICU_VERSION}"), mode=ctypes.RTLD_GLOBAL)
    common = ctypes.CDLL(str(folder / f"libicuuc.so.{ICU_VERSION}"), mode=ctypes.RTLD_GLOBAL)
    i18n = ctypes.CDLL(str(folder / f"libicui18n.so.{ICU_VERSION}"))

    def call(library: ctypes.CDLL, name: str, result: Any, *args: Any) -> Any:
        function = getattr(library, f"{name}_{ICU_VERSION}")
        function.restype, function.argtypes = result, list(args)
        return function

    status_type = ctypes.POINTER(ctypes.c_int)
    pointer, text, size = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32
    collator = call(i18n, "ucol_open", pointer, text, status_type)
    sort_key = call(i18n, "ucol_getSortKey", size, pointer, text, size, text, size)
    attribute = call(
        i18n, "ucol_setAttribute", None, pointer, ctypes.c_int, ctypes.c_int, status_type
    )
    upper = call(common, "u_strToUpper", size, text, size, text, size, text, status_type)
    converter = call(common, "ucnv_open", pointer, text, status_type)
    calendar = call(i18n, "ucal_open", pointer, text, size, text, ctypes.c_int, status_type)
    zone_name = call(
        i18n,
        "ucal_getTimeZoneDisplayName",
        size,
        pointer,
        ctypes.c_int,
        text,
        text,
        size,
        status_type,
    )
    answers: dict[str, object] = {}
    for locale in LOCALES:
        for numeric in (0, 1):
            status = ctypes.c_int(0)
            opened = collator(locale.encode(), ctypes.byref(status))
            if numeric:  # UCOL_NUMERIC_COLLATION = UCOL_ON, as QCollator sets it
                attribute(opened, 7, 17, ctypes.byref(ctypes.c_int(0)))
            keys = []
            for word in WORDS:
                out = ctypes.create_string_buffer(512)
                length = sort_key(opened, _utf16(word), len(word), out, 512)
                keys.append(out.raw[:length].hex())
            answers[f"collation {locale} {numeric}"] = [status.value, keys]
    for locale, word in CASES:
        out, status = ctypes.create_string_buffer(256), ctypes.c_int(0)
        length = upper(
            out, 120, _utf16(word), len(_utf16(word)) // 2, locale.encode(), ctypes.byref(status)
        )
        answers[f"upper {locale}"] = out.raw[: 2 * length].decode("utf-16-le")
    for name in (*CONVERTERS, "ibm-37"):
        status = ctypes.c_int(0)
        answers[f"converter {name}"] = (
            bool(converter(name.encode(), ctypes.byref(status))) and status.value <= 0
        )
    status = ctypes.c_int(0)
    zone = "Asia/Shanghai"
    opened = calendar(_utf16(zone), len(zone), b"zh_CN", 0, ctypes.byref(status))
    out = ctypes.create_string_buffer(256)
    length = zone_name(opened, 0, b"zh_CN", out, 120, ctypes.byref(status))
    answers["zone name"] = out.raw[: 2 * length].decode("utf-16-le")
    return answers


def _answers_of(folder: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, __file__, str(folder)], capture_output=True, text=True, check=True
    )
    answers: dict[str, object] = json.loads(result.stdout)
    return answers


@pytest.fixture(scope="module")
def slim_icu(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if not ICU_VERSION or any(shutil.which(t) is None for t in _module("icu_data").TOOLS):
        pytest.skip("needs PySide6's ICU and icu-devtools + binutils")
    work = tmp_path_factory.mktemp("icu")
    icu_data = _module("icu_data")
    built = icu_data.filter_library(QT_LIB / f"libicudata.so.{ICU_VERSION}", ICU_VERSION, work)
    folder = work / "slim"
    folder.mkdir()
    shutil.copy(built, folder)
    for name in ("libicuuc", "libicui18n"):
        shutil.copy(QT_LIB / f"{name}.so.{ICU_VERSION}", folder)
    yield folder


def test_slim_icu_answers_qt_as_the_whole_one(slim_icu: Path) -> None:
    whole, slim = _answers_of(QT_LIB), _answers_of(slim_icu)
    assert (slim_icu / f"libicudata.so.{ICU_VERSION}").stat().st_size < 12_000_000
    assert whole["converter ibm-37"] and not slim["converter ibm-37"]  # EBCDIC: dropped
    assert whole["zone name"] == "中国标准时间" and slim["zone name"] == "GMT+08:00"
    same = {key for key in whole if key not in {"converter ibm-37", "zone name"}}
    assert {k: slim[k] for k in same} == {k: whole[k] for k in same}
    assert all(whole[f"converter {name}"] for name in CONVERTERS)


def _first_load_header(data: bytes) -> int:
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    entry_size, count = struct.unpack_from("<HH", data, 0x36)
    return next(
        header
        for header in range(phoff, phoff + count * entry_size, entry_size)
        if struct.unpack_from("<I", data, header)[0] == 1
    )


def test_misaligned_segment_is_seen(tmp_path: Path) -> None:
    strip_elf = _module("strip_elf")
    library = tmp_path / "lib.so"
    shutil.copy(QT_LIB / "libQt6DBus.so.6", library)
    assert strip_elf.segments_aligned(library)
    data = bytearray(library.read_bytes())
    offset_field = _first_load_header(bytes(data)) + 8
    (offset,) = struct.unpack_from("<Q", data, offset_field)
    struct.pack_into("<Q", data, offset_field, offset + 8)
    library.write_bytes(bytes(data))
    assert not strip_elf.segments_aligned(library)


def test_strip_keeps_openblas_whole_and_strips_numpy(tmp_path: Path) -> None:
    """numpy's OpenBLAS, stripped, would not load: it keeps its symbols; numpy's core
    extension is stripped and still loads (beside the OpenBLAS it links)."""
    strip_elf = _module("strip_elf")
    shutil.copytree(SITE / "numpy.libs", tmp_path / "numpy.libs")  # OpenBLAS and what it links
    openblas = next((SITE / "numpy.libs").glob("libscipy_openblas*.so"))
    core = next((SITE / "numpy" / "_core").glob("_multiarray_umath.*.so"))
    copies = tmp_path / "numpy.libs" / openblas.name, tmp_path / "core" / core.name
    copies[1].parent.mkdir()
    shutil.copy(core, copies[1])
    assert not strip_elf.strip_file(copies[0])
    assert copies[0].read_bytes() == openblas.read_bytes()
    assert strip_elf.strip_file(copies[1])
    assert copies[1].stat().st_size < core.stat().st_size
    ctypes.CDLL(str(copies[0]), mode=ctypes.RTLD_GLOBAL)
    ctypes.CDLL(str(copies[1]))


if __name__ == "__main__":
    print(json.dumps(icu_answers(Path(sys.argv[1]))))
