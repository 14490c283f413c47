"""Mutation fuzz of everything a user can open: each mutant of a valid file is imported or
refused with a message (``ImportFailed``, ``PackError``), never an uncaught exception or a
hang.

Seeded and bounded: ``READER_FUZZ_MUTANTS`` mutants per format (default 400, half that for
HTML: 2,200 in all, well under a minute), ``READER_FUZZ_SEED`` picks another sequence. A crasher is
written to the test's temporary folder and named in the failure; keep it small in
``tests/fixtures/fuzz/`` so ``test_known_crashers_are_refused_cleanly`` holds it for good.

The mutants are of bytes (flipped bits, interesting values, cuts, repeated or removed
spans), of the members inside a zip (so the XML and JSON parsers get past the zip), of zip
headers (unknown compression, the encryption flag), and of markup (deep nesting, unknown
charsets, text codecs given as ``--encoding``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.core.export.model import ExportList, ExportWord
from reader.core.export.pack import (
    LessonPack,
    PackArticle,
    PackCorrection,
    PackError,
    pack_bytes,
    preview,
    read_pack,
)
from reader.core.importing import ImportFailed, import_file
from reader.core.lessons import import_pack
from reader.core.store import Store, StoreError

MUTANTS = int(os.environ.get("READER_FUZZ_MUTANTS", "400"))
SEED = int(os.environ.get("READER_FUZZ_SEED", "19"))
# HTML goes through trafilatura and readability (~15 ms a page, 5x the others): half as
# many of its mutants keep the whole run well under a minute on a loaded machine.
FEWER = {".html": 2}
HANG_S = 10  # one mutant may take this long on a loaded machine before it counts as a hang
FIXTURES = Path(__file__).parent / "fixtures" / "fuzz"
TEXT = "外国游客走进并推介大足石刻。银行行长说了算。"

# --- valid files to start from --------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_members() -> dict[str, bytes]:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>大足石刻</w:t></w:r></w:p>'
        f"<w:p><w:r><w:t>{TEXT}</w:t><w:tab/><w:t>{TEXT}</w:t></w:r></w:p>"
        f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{TEXT}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}">'
        f"<w:body>{body}</w:body></w:document>"
    )
    return {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        "word/document.xml": document.encode("utf-8"),
    }


def epub_members() -> dict[str, bytes]:
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>书</dc:title></metadata>'
        '<manifest><item id="c0" href="text/c0.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="c1" href="text/c1.xhtml" media-type="application/xhtml+xml"/></manifest>'
        '<spine><itemref idref="c0"/><itemref idref="c1"/></spine></package>'
    )
    container = (
        '<?xml version="1.0"?><container version="1.0" '
        'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
        '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
        "</rootfiles></container>"
    )
    members = {
        "mimetype": b"application/epub+zip",
        "META-INF/container.xml": container.encode(),
        "OEBPS/content.opf": opf.encode(),
    }
    for i in range(2):
        members[f"OEBPS/text/c{i}.xhtml"] = html_page(f"第{i}章").encode("utf-8")
    return members


def pack_members() -> dict[str, bytes]:
    word = ExportWord(
        simplified="银行", traditional="銀行", pinyin="yin2 hang2", meanings=("bank",)
    )
    lesson = LessonPack(
        PackArticle("在银行", TEXT, TEXT, (PackCorrection("split", "说了算", ("说", "了算")),)),
        ExportList("Words", (word,)),
        created_at="2026-01-01T00:00:00+00:00",
    )
    with zipfile.ZipFile(io.BytesIO(pack_bytes(lesson))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def html_page(title: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html>'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/>'
        f"<title>{title}</title><script>document.write('x')</script></head><body>"
        f"<nav>首页 | 新闻</nav><article><h1>{title}</h1><p>{TEXT}</p><p>{TEXT * 3}</p>"
        f"<ul><li>{TEXT}</li></ul></article><footer>版权</footer></body></html>"
    )


def pdf_document() -> bytes:
    """A one-page PDF with a compressed text stream, written by hand (no library)."""
    content = zlib.compress(b"BT /F1 12 Tf 20 100 Td (Hello reader, page one) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def markdown_document() -> bytes:
    return (
        f"# 大足石刻\n\n{TEXT}\n\n## 小节\n\n* {TEXT}\n* **{TEXT}**\n\n> {TEXT}\n\n"
        "[链接](http://example.com) ![图](x.png)\n\n```\ncode\n```\n\n"
        f"| a | b |\n|---|---|\n| {TEXT} | 1 |\n"
    ).encode()


# --- mutations ------------------------------------------------------------------------

INTERESTING = [b"\x00", b"\xff", b"\x7f", b"\x80", b"\xfe\xff", b"\xef\xbb\xbf", b"%", b"<", b"["]
MARKUP = [
    '<meta charset="rot13">',
    '<meta charset="undefined">',
    '<meta http-equiv="Content-Type" content="text/html; charset=x-no-such">',
    '<?xml version="1.0" encoding="base64"?>',
    "<!ENTITY a 'b'>",
    "&#x110000;",
    "&#0;",
    "<div>" * 20_000,
    "<w:p>" * 20_000,
    "[" * 50_000,
    '{"a":' * 50_000,
    "\x00",
    "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
    "<![CDATA[",
    "<table>" * 3_000,
    "<a>" * 5_000 + "</a>" * 5_000,  # deep but well-formed: walked without recursion
    "<w:r>" * 5_000 + "</w:r>" * 5_000,
    "<div>" * 5_000 + "x" + "</div>" * 5_000,
    "[" * 20_000 + "]" * 20_000,
]
ENCODINGS = [None, None, None, "undefined", "rot13", "base64", "zlib", "utf-16", "big5", "idna"]


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 4, 16))):
        if not out:
            break
        at = rng.randrange(len(out))
        action = rng.randrange(7)
        if action == 0:
            out[at] ^= 1 << rng.randrange(8)
        elif action == 1:
            out[at : at + 1] = rng.choice(INTERESTING)
        elif action == 2:
            del out[at:]
        elif action == 3:
            del out[at : at + rng.randrange(1, 64)]
        elif action == 4:
            span = out[at : at + rng.randrange(1, 64)]
            out[at:at] = span * rng.randrange(1, 8)
        elif action == 5:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        else:
            out[at:at] = rng.choice(MARKUP).encode("utf-8", "surrogatepass")
    return bytes(out)


def mutate_zip(rng: random.Random, members: dict[str, bytes]) -> bytes:
    """One of: a member's content mutated, a member replaced by markup, a member dropped,
    a header field changed (compression method, flags) or the zip's own bytes mutated."""
    changed = dict(members)
    name = rng.choice(sorted(changed))
    choice = rng.randrange(6)
    if choice == 0:
        changed[name] = mutate_bytes(rng, changed[name])
    elif choice == 1:
        changed[name] = rng.choice(MARKUP).encode("utf-8", "surrogatepass")
    elif choice == 2:
        del changed[name]
    elif choice == 5:  # markup inside the member, where its parser will meet it
        content = changed[name]
        at = content.rfind(b"</", 0, max(1, len(content) - 20)) if rng.random() < 0.7 else 0
        payload = rng.choice(MARKUP).encode("utf-8", "surrogatepass")
        changed[name] = content[: max(at, 0)] + payload + content[max(at, 0) :]
    data = _zip(changed)
    if choice == 3:
        return _poke_headers(rng, data)
    return mutate_bytes(rng, data) if choice == 4 else data


ODD_VALUES: list[object] = [
    None,
    True,
    0,
    -1,
    2**70,
    1.5e308,
    "",
    "x" * 10_000,
    [],
    {},
    [None],
    {"": None},
    ["说", 1],
]


def mutate_json(rng: random.Random, data: bytes) -> bytes:
    """The document still parses, but one value somewhere has another type or size, or a
    key is gone: what gets past the JSON parser to the checks behind it."""
    document = json.loads(data)
    parent: Any = document
    key: Any = None
    for _ in range(rng.randrange(1, 6)):
        node = parent if key is None else parent[key]
        if not isinstance(node, (dict, list)) or not node:
            break
        parent, key = node, rng.choice(list(node) if isinstance(node, dict) else range(len(node)))
        if rng.random() < 0.3:
            break
    if key is None:
        return json.dumps(rng.choice(ODD_VALUES)).encode()
    if isinstance(parent, dict) and rng.random() < 0.2:
        del parent[key]
    else:
        parent[key] = rng.choice(ODD_VALUES)
    return json.dumps(document, ensure_ascii=False).encode()


def mutate_pack(rng: random.Random) -> bytes:
    members = pack_members()
    if rng.random() < 0.5:
        name = rng.choice(sorted(members))
        members[name] = mutate_json(rng, members[name])
        return _zip(members)
    return mutate_zip(rng, members)


def _poke_headers(rng: random.Random, data: bytes) -> bytes:
    """Change the compression method or flags of a local and central header."""
    out = bytearray(data)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = out.find(signature)
        if at >= 0:
            if rng.random() < 0.5:
                out[at + flag_at : at + flag_at + 2] = rng.choice((b"\x01\x00", b"\x40\x00"))
            else:
                method = rng.choice((1, 6, 9, 12, 14, 93, 98, 99)).to_bytes(2, "little")
                out[at + flag_at + 2 : at + flag_at + 4] = method
    return bytes(out)


def mutate_text(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.5:
        text = data.decode("utf-8")
        at = rng.randrange(len(text))
        return (text[:at] + rng.choice(MARKUP) + text[at:]).encode("utf-8", "surrogatepass")
    return mutate_bytes(rng, data)


Mutator = Callable[[random.Random], bytes]
FORMATS: dict[str, Mutator] = {
    ".docx": lambda rng: mutate_zip(rng, docx_members()),
    ".epub": lambda rng: mutate_zip(rng, epub_members()),
    ".readerpack": mutate_pack,
    ".pdf": lambda rng: mutate_bytes(rng, pdf_document()),
    ".html": lambda rng: mutate_text(rng, html_page("新闻").encode("utf-8")),
    ".md": lambda rng: mutate_text(rng, markdown_document()),
}


# --- the promise ----------------------------------------------------------------------


class Hang(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def open_as_the_app_does(
    path: Path, encoding: str | None = None, store: Store | None = None
) -> str:
    """Returns "imported" or "refused"; anything else raised is a bug (the test reports
    it). A pack that reads is also added to ``store``, as the app's File ▸ Open does."""
    try:
        if path.suffix == ".readerpack":
            pack = read_pack(path)
            preview(pack).describe()
            if store is not None:
                import_pack(store, pack, source=path.name)
        else:
            import_file(path, encoding=encoding)
    except (ImportFailed, PackError, StoreError) as refusal:
        assert str(refusal).strip(), "a refusal must say why"
        return "refused"
    return "imported"


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_mutants_are_opened_or_refused_cleanly(suffix: str, tmp_path: Path, store: Store) -> None:
    rng = random.Random(f"{SEED}{suffix}")
    make = FORMATS[suffix]
    outcomes = {"imported": 0, "refused": 0}
    crashers: list[str] = []
    count = MUTANTS // FEWER.get(suffix, 1)
    for number in range(count):
        data = make(rng)
        encoding = rng.choice(ENCODINGS) if suffix in (".html", ".md") else None
        path = tmp_path / f"mutant{suffix}"
        path.write_bytes(data)
        try:
            with deadline(HANG_S):
                outcomes[open_as_the_app_does(path, encoding, store)] += 1
        except Exception as error:  # that is the point: report any
            kept = tmp_path / f"crasher-{number}{suffix}"
            kept.write_bytes(data)
            crashers.append(f"{kept} (encoding {encoding}): {type(error).__name__}: {error}"[:300])
    assert not crashers, f"{len(crashers)} of {count} mutants crashed:\n" + "\n".join(crashers[:20])
    assert sum(outcomes.values()) == count


@pytest.mark.parametrize(
    "crasher",
    sorted(p for p in FIXTURES.glob("*") if p.suffix != ".txt"),
    ids=lambda p: p.name,
)
def test_known_crashers_are_refused_cleanly(crasher: Path) -> None:
    """Files that once crashed an importer (found by the fuzz above). An ``.encoding``
    file beside one names the encoding it was opened with."""
    hint = crasher.with_name(crasher.name + ".encoding.txt")
    encoding = hint.read_text().strip() if hint.exists() else None
    with deadline(HANG_S):
        assert open_as_the_app_does(crasher, encoding) in ("imported", "refused")


def test_deep_json_in_a_pack_is_refused(tmp_path: Path) -> None:
    members = pack_members()
    members["list.json"] = b"[" * 100_000 + b"]" * 100_000
    path = tmp_path / "deep.readerpack"
    path.write_bytes(_zip(members))
    with pytest.raises(PackError, match=r"list\.json"):
        read_pack(path)


def test_an_unusable_encoding_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page("新闻"), encoding="utf-8")
    for name in ("undefined", "rot13", "no-such-codec"):
        with pytest.raises(ImportFailed, match=name):
            import_file(path, encoding=name)
    assert json.dumps(open_as_the_app_does(path)) == '"imported"'


def test_a_docx_nested_thousands_deep_is_read(tmp_path: Path) -> None:
    members = docx_members()
    deep = "<w:r>" * 5_000 + "<w:t>深处的文字。</w:t>" + "</w:r>" * 5_000
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"</w:body>", f"<w:p>{deep}</w:p></w:body>".encode()
    )
    path = tmp_path / "deep.docx"
    path.write_bytes(_zip(members))
    [article] = import_file(path)
    assert "深处的文字。" in article.text
