"""Helpers for ui_bench: long articles made of the real analysed seed page, and RSS."""

from __future__ import annotations

from functools import lru_cache

from reader.core.analysis.tokens import Token


@lru_cache(maxsize=1)
def seed_tokens() -> tuple[str, tuple[Token, ...]]:
    """The seed page's text (as imported) and its real analysis."""
    from reader.core import paths
    from reader.core.importing import import_file
    from reader.core.progress import Progress
    from reader.ui.main_window import load_language_tools

    text = "\n".join(a.text for a in import_file(paths.seed_article()))
    analyzer = load_language_tools([], Progress()).analyzer
    return text, tuple(analyzer.analyse(text))


def long_article(length: int) -> tuple[str, list[Token]]:
    """At least ``length`` characters: the seed page repeated, tokens shifted to match."""
    text, tokens = seed_tokens()
    pieces: list[str] = []
    result: list[Token] = []
    offset = 0
    while offset < length:
        for token in tokens:
            result.append(
                Token(
                    offset + token.start,
                    token.text,
                    token.kind,
                    token.readings,
                    token.entry_ids,
                    token.parts,
                )
            )
        pieces.append(text + "\n")
        result.append(Token(offset + len(text), "\n", result[-1].kind.SPACE))
        offset += len(text) + 1
    return "".join(pieces), result


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0
