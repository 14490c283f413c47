"""A digest of the analysis of real texts: the check that a speed change changed no token.

Analyses the seed page and every text of ``../shared/corpus`` that imports (web novels,
classical and traditional texts, news pages, subtitles, man pages), plus the 300,000
characters ``engine_bench`` measures throughput on, and prints one SHA-256 per text of its
tokens (start, text, kind, readings, entry ids, parts) and one over all. Run it on two
commits (``git worktree add /tmp/base <commit>``, then ``uv run python
/path/to/benchmarks/analysis_digest.py`` inside each) and compare: any change of a token or
a reading changes the digest. ``--dump DIR`` writes each text's tokens as lines, to find
the first difference with ``diff``.

Run: ``uv run python benchmarks/analysis_digest.py [--dump DIR]``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine_bench import CORPUS
from engine_bench import text as engine_bench_text

if TYPE_CHECKING:
    from reader.core.analysis.tokens import Token


def texts() -> Iterator[tuple[str, str]]:
    """(name, text) of every text analysed."""
    from reader.core import paths
    from reader.core.importing import import_file
    from reader.core.importing.reflow import rebuild

    yield "seed", rebuild(paths.seed_article().read_text(encoding="utf-8"))
    if not CORPUS.is_dir():
        return
    yield "novel-300k", engine_bench_text()  # the text engine_bench measures throughput on
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in {".png", ".jpg", ".md5", ""} or path.name.isupper():
            continue
        try:
            articles = import_file(path, force=True)
        except Exception as error:  # a file the importer refuses is skipped
            print(f"{path.name}: skipped ({type(error).__name__})", file=sys.stderr)
            continue
        yield path.name, "\n".join(article.text for article in articles)


@dataclass(frozen=True)
class _Rule:
    text: str
    parts: tuple[str, ...]


def digest(tokens: list[Token], dump: Path | None, name: str) -> bytes:
    """SHA-256 of the tokens' reprs, one a line (written to ``dump/name.tokens`` if asked)."""
    text = "".join(f"{token!r}\n" for token in tokens)
    if dump is not None:
        dump.mkdir(parents=True, exist_ok=True)
        (dump / f"{name}.tokens").write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode()).digest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dump", type=Path, help="write each text's tokens to this folder")
    args = parser.parse_args()
    from reader.core.analysis.pipeline import Analyzer
    from reader.core.analysis.reading_fixes import ReadingFix

    analyzer = Analyzer.create()
    total = hashlib.sha256()

    def report(name: str, text: str, tokens: list[Token]) -> None:
        found = digest(tokens, args.dump, name)
        total.update(found)
        print(f"{found.hex()[:16]}  {len(text):>9,} chars  {len(tokens):>8,} tokens  {name}")

    every = list(texts())
    for name, text in every:
        report(name, text, analyzer.analyse(text))
    # the seed page and the web novel again with a user's word, split and merge rules and
    # reading fixes, which take other paths through the segmenter and the readings
    rules = [_Rule("银行门口", ("银行", "门口")), _Rule("新加", ("新", "加"))]
    fixes = [ReadingFix("银行", ("yin2", "xing2")), ReadingFix("了", ("liao3",))]
    analyzer.add_user_word("夏英杰")
    analyzer.add_user_word("公司")
    for name, text in every[:2]:
        report(f"{name}+rules", text, analyzer.analyse(text, rules, fixes=fixes))
    analyzer.remove_user_word("公司")
    report("seed-a-word-removed", every[0][1], analyzer.analyse(every[0][1]))
    print(f"{total.hexdigest()[:16]}  all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
