"""Sample word lists for the export tests, the lesson they stock a database with, and the
rule for tests that need a program."""

from __future__ import annotations

import os
import shutil

import pytest

from reader.core.analysis.tokens import Token, TokenKind
from reader.core.export.model import ExportList, ExportWord
from reader.core.store import CorrectionKind, NewArticle, NewWord, Store

BANK = ExportWord(
    simplified="银行",
    traditional="銀行",
    pinyin="yin2 hang2",
    meanings=("bank", "CL:家[jia1],個|个[ge4]"),
    classifiers="家[jia1]",
    sentence="我去银行取钱。",
    sentence_pinyin="wo3 qu4 yin2hang2 qu3 qian2.",
    source="新渝报",
    hsk="2",
    notes="not 很行",
    status="learning 2",
)
PRESIDENT = ExportWord(
    simplified="行长",
    traditional="行長",
    pinyin="hang2 zhang3",
    meanings=("president of a bank",),
    sentence="行长说了算。",
    hsk="7-9",
)
ISM = ExportWord(simplified="主义", traditional="主義", pinyin="zhu3 yi4", meanings=("-ism",))
HOSTILE = ExportWord(
    simplified="坏",
    traditional="壞",
    pinyin="huai4",
    meanings=('=HYPERLINK("http://evil.example","x")',),
    notes="+1+1",
    source="@SUM(1+1)",
    classifiers="\t=1+2",
)

ARTICLE_TEXT = "我去银行取钱。\n行长说了算。"
ARTICLE_TOKENS = (
    Token(0, "我", TokenKind.WORD, ("wo3",)),
    Token(1, "去", TokenKind.WORD, ("qu4",)),
    Token(2, "银行", TokenKind.WORD, ("yin2", "hang2")),
    Token(4, "取", TokenKind.WORD, ("qu3",)),
    Token(5, "钱", TokenKind.WORD, ("qian2",)),
    Token(6, "。", TokenKind.PUNCT, ("",)),
    Token(7, "\n", TokenKind.SPACE, ("",)),
    Token(8, "行长", TokenKind.WORD, ("hang2", "zhang3")),
    Token(10, "说了算", TokenKind.WORD, ("shuo1", "le5", "suan4")),
    Token(13, "。", TokenKind.PUNCT, ("",)),
)


def sample_list(name: str = "Lesson 1 · 银行") -> ExportList:
    return ExportList(
        name=name,
        words=(BANK, PRESIDENT, ISM, HOSTILE),
        article_title="在银行",
        article_text=ARTICLE_TEXT,
        article_tokens=ARTICLE_TOKENS,
    )


def stock_lesson_article(store: Store) -> tuple[int, int]:
    """The lesson's article, the correction its text uses (说了算 split) and the article's
    list, still empty: returns (article id, list id)."""
    article = store.articles.add(NewArticle("在银行", ARTICLE_TEXT, original_text="原文"))
    store.corrections.add(CorrectionKind.SPLIT, "说了算", ["说", "了算"])
    return article, store.vocab.list_for_article(article)


def bank_word(article: int, notes: str = "") -> NewWord:
    """银行 as met in the lesson's article."""
    return NewWord(
        "银行",
        "銀行",
        "yin2 hang2",
        ("bank",),
        sentence="我去银行取钱。",
        source_article_id=article,
        notes=notes,
    )


def require_program(name: str, apt_package: str) -> str:
    """The program's path; outside CI a missing program skips, in CI it fails."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (apt-get install {apt_package})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found
