"""Example sentences in exports: pinyin word by word with the sentence's punctuation (real
analysis), a sentence stored whole by an older version cut to its clause, the word found
in either script, pinyin written as word lists write it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.export.examples import example_and_pinyin, pinyin_line
from reader.core.export.from_store import export_list
from reader.core.export.model import ExportWord
from reader.core.pinyin import marks_to_numbered, word_marks, written_marks
from reader.core.store import NewWord, Store

if TYPE_CHECKING:
    from reader.core.analysis.pipeline import Analyzer

SEED_SENTENCE = (
    "近年来，大足区坚持以文塑旅、以旅彰文，全面擦亮大足石刻金字招牌，并通过数字技术赋能活化"
    "利用、实施国际营销、加强景区大联动等途径，持续提升大足石刻的国际知名度和影响力，吸引了"
    "越来越多的外国游客走进并推介大足石刻，大足石刻的“国际朋友圈”越来越大。"
)


def test_example_pinyin_is_written_word_by_word_with_the_punctuation(analyzer: Analyzer) -> None:
    line = pinyin_line(analyzer.analyse("大足石刻的“国际朋友圈”越来越大。"))
    assert written_marks(line) == 'Dàzú shíkè de "guójì péngyouquān" yuèláiyuè dà.'
    line = pinyin_line(analyzer.analyse("银行行长不在，我去银行取钱。"))
    assert written_marks(line) == "Yínháng hángzhǎng bùzài, wǒ qù yínháng qǔqián."
    line = pinyin_line(analyzer.analyse("银行行长不在，我去银行取钱。"), sentence_start=False)
    assert line.startswith("yin2hang2 ")  # a clause from inside its sentence


def test_proper_nouns_are_capitalised_as_cc_cedict_writes_them(analyzer: Analyzer) -> None:
    """Sentences of the seed page (xinyubao-2025-06-05): 重庆, 大足 are place names in
    CC-CEDICT (Chong2 qing4, Da4 zu2) and are capitalised inside a sentence, as Hanyu
    Pinyin orthography has it; a word with a lowercase entry for its reading is not."""
    entry = analyzer.dictionary.entry
    line = written_marks(
        pinyin_line(analyzer.analyse("为重庆制造的转型升级提供了坚实基础。"), entry)
    )
    assert line.startswith("Wèi Chóngqìng zhìzào de ") and line.endswith(".")
    line = written_marks(
        pinyin_line(analyzer.analyse("前来大足石刻宝顶山景区的游客络绎不绝。"), entry)
    )
    assert line.startswith("Qiánlái Dàzú shíkè ")
    person = written_marks(pinyin_line(analyzer.analyse("习近平在北京会见了他。"), entry))
    assert person.startswith("Xí Jìnpíng zài Běijīng ")  # surname and given name apart
    # 东方 is "Dong1 fang1" (the Orient) and "dong1 fang1" (east): lowercase; after a
    # sentence's end the next word is capitalised
    line = written_marks(pinyin_line(analyzer.analyse("他在东方。重庆很大。"), entry))
    assert line == "Tā zài dōngfāng. Chóngqìng hěn dà."
    # the example of an export: the clause begins its sentence, or not
    whole = (
        "重庆全市上下，各部门、各行业、各领域出台推进了一系列密集的利好措施，"
        "为重庆制造的转型升级提供了坚实基础。"
    )
    first = example_and_pinyin("重庆全市上下", whole, ("全市",), analyzer.analyse, entry)
    inner = example_and_pinyin("为重庆制造的转型升级", whole, ("转型",), analyzer.analyse, entry)
    assert written_marks(first[1]).startswith("Chóngqìng quánshì")
    assert written_marks(inner[1]).startswith("wèi Chóngqìng zhìzào")


def test_a_whole_sentence_of_an_older_version_is_cut_to_the_clause(analyzer: Analyzer) -> None:
    example, pinyin = example_and_pinyin(SEED_SENTENCE, "", ("影响力", "影響力"), analyzer.analyse)
    assert example == "持续提升大足石刻的国际知名度和影响力"
    assert written_marks(pinyin) == "chíxù tíshēng dàzú shíkè de guójì zhīmíngdù hé yǐngxiǎnglì"
    assert example_and_pinyin(
        SEED_SENTENCE, "", ("影响力",), analyzer.analyse, analyzer.dictionary.entry
    )[1].startswith("chi2xu4 ti2sheng1 Da4zu2 shi2ke4")
    # a clause stored beside its sentence is kept as it is
    clause = "全面擦亮大足石刻金字招牌"
    assert example_and_pinyin(clause, SEED_SENTENCE, ("擦亮",), analyzer.analyse)[0] == clause
    assert example_and_pinyin(SEED_SENTENCE, "", ("擦亮",), None) == (SEED_SENTENCE, "")


def test_the_word_is_marked_in_either_script() -> None:
    word = ExportWord("银行", "銀行", sentence="我去銀行，銀行關門了。")
    assert word.sentence_pieces() == [
        ("我去", False),
        ("銀行", True),
        ("，", False),
        ("銀行", True),
        ("關門了。", False),
    ]
    assert ExportWord("银行", sentence="没有").sentence_pieces() == [("没有", False)]


def test_word_pinyin_as_lists_write_it_and_back() -> None:
    assert word_marks("yin2 hang2") == "yínháng"
    assert word_marks("Xi1 an1") == "Xī'ān"  # the apostrophe keeps xi'an from xian
    assert word_marks("nu:3 er2") == "nǚ'ér"
    assert word_marks("Zhang1 San1") == "Zhāng Sān"  # a name's parts stay apart
    assert word_marks("san1 C") == "sān C"
    for numbered in ("yin2 hang2", "Xi1 an1", "nu:3 er2"):
        assert marks_to_numbered(word_marks(numbered)) == numbered  # a list imports back


def test_the_pinyin_column_capitalises_a_proper_noun(analyzer: Analyzer, store: Store) -> None:
    """The word's own pinyin as CC-CEDICT writes a place name (重庆 Chóngqìng), from the
    reading kept with the word; 东方 (a lowercase entry too) stays as it is."""
    from reader.core.cedict import Dictionary

    assert isinstance(analyzer.dictionary, Dictionary)  # the real one, with HSK levels
    dictionary = analyzer.dictionary
    list_id = store.vocab.create_list("Places")
    for word in ("重庆", "东方"):
        ids = tuple(e.id for e in dictionary.entries(word))
        reading = dictionary.entries(word)[-1].pinyin.lower()
        store.vocab.add_word(NewWord(word, pinyin=reading, entry_ids=ids), list_id)
    [word_list] = [w for w in store.vocab.lists() if w.id == list_id]
    exported = {w.simplified: w.pinyin for w in export_list(store, word_list, dictionary).words}
    assert exported == {"重庆": "Chong2 qing4", "东方": "dong1 fang1"}


def test_a_class_handout_knows_the_taught_words_and_the_glosses(
    analyzer: Analyzer, store: Store
) -> None:
    """export_list with a class handout's options: the article's words in the class's
    lists (either script, by key) and a gloss for each dictionary word, from the store
    and the real dictionary."""
    from reader.core.cedict import Dictionary
    from reader.core.export.model import ExportOptions
    from reader.core.store import NewArticle

    dictionary = analyzer.dictionary
    assert isinstance(dictionary, Dictionary)
    article = store.articles.add(NewArticle("在银行", "我去银行取钱。游客很多。"))
    own = store.vocab.list_for_article(article)
    store.vocab.add_word(NewWord("银行", sentence="我去银行取钱。", source_article_id=article), own)
    taught = store.vocab.create_list("Lesson 1")
    store.vocab.add_words([NewWord("我"), NewWord("去"), NewWord("游客")], taught)
    store.vocab.mark_class_list(taught)
    [word_list] = [w for w in store.vocab.lists() if w.id == own]
    options = ExportOptions(article_off_list=True, article_glosses=True)
    exported = export_list(store, word_list, dictionary, analyzer.analyse, options)
    assert exported.article_taught == {"我", "去", "游客"}
    glosses = exported.article_glosses
    assert glosses is not None and glosses[2] == "bank"  # 银行 at offset 2
    plain = export_list(store, word_list, dictionary, analyzer.analyse)
    assert plain.article_taught == frozenset() and plain.article_glosses is None
