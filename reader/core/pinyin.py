"""Pinyin rendering for CC-CEDICT's numbered form, and the reverse for search.

CC-CEDICT writes one syllable per token with a tone digit (``hang2``, ``lu:4``, ``r5``,
``Wang2`` for names); headwords with Latin letters or digits keep those tokens bare
(``san1 C``, ``A A zhi4``), and punctuation (``,``, ``·``) stands alone. Every function here
leaves any token that is not a pinyin syllable untouched, so a whole field can be rendered
without knowing what is in it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from enum import Enum
from functools import lru_cache

# Every syllable of Standard Mandarin plus the rare ones CC-CEDICT uses (biang, fiao, ging…),
# with ü written "v" so a syllable is plain ASCII; "r" is the erhua suffix, "m"/"n"/"ng"/"hm"/
# "hng" the syllabic nasals of interjections, "ê" (written "e^") the bare ê.
_SYLLABLES_TEXT = """
a ai an ang ao e ei en eng er o ou e^ m n ng hm hng r
ba bai ban bang bao bei ben beng bi bia bian biang biao bie bin bing biu bo bu
pa pai pan pang pao pei pen peng pi pia pian piao pie pin ping po pou pu
ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
fa fan fang fei fen feng fiao fo fou fu
da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo
ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun
nuo nv nve
la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun
luo lv lve
ga gai gan gang gao ge gei gen geng ging gong gou gu gua guai guan guang gui gun guo
ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui
zhun zhuo
cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun
chuo
sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun
shuo
ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo
sa sai san sang sao se sei sen seng si song sou su suan sui sun suo
ya yai yan yang yao ye yi yin ying yo yong you yu yuan yue yun
wa wai wan wang wei wen weng wo wu
"""
SYLLABLES: frozenset[str] = frozenset(_SYLLABLES_TEXT.split())
_LONGEST_SYLLABLE = max(len(s) for s in SYLLABLES)

_TONE_MARKS = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}
_MARK_TONES = {mark: tone for tone, mark in _TONE_MARKS.items()}
_DIAERESIS = "\u0308"
_CIRCUMFLEX = "\u0302"
_NUMBERED = re.compile(r"([A-Za-z:^üÜ]+)([1-5])")
_VOWELS = "aeiouv"
_APOSTROPHES = re.compile(r"(?<=\w)['’](?=[aeoAEOāáǎàōóǒòēéěèĀÁǍÀŌÓǑÒĒÉĚÈ])")


class PinyinStyle(Enum):
    """How the UI shows readings: tone marks, tone numbers (ü written ``ü``, or ``v`` as
    typed on a keyboard), or zhuyin (bopomofo). Never CC-CEDICT's raw ``lu:3``."""

    MARKS = "marks"
    NUMBERS = "numbers"
    NUMBERS_V = "numbers-v"
    ZHUYIN = "zhuyin"


def _ascii_base(letters: str) -> str:
    """Spell a syllable's letters in the plain key used by ``SYLLABLES`` (ü → v)."""
    return letters.lower().replace("u:", "v").replace("ü", "v")


def _split_numbered(token: str) -> tuple[str, int] | None:
    """``"Lu:3"`` → ``("Lu:", 3)`` when the token is a known syllable with a tone digit."""
    match = _NUMBERED.fullmatch(token)
    if match is None or _ascii_base(match.group(1)) not in SYLLABLES:
        return None
    return match.group(1), int(match.group(2))


def _mark_position(base: str) -> int:
    """Index of the letter that carries the tone mark: a/e first, o in ou, else last vowel."""
    lower = base.lower()
    for vowel in "ae":
        if vowel in lower:
            return lower.index(vowel)
    if "ou" in lower:
        return lower.index("ou")
    vowels = [i for i, ch in enumerate(lower) if ch in _VOWELS]
    if vowels:
        return vowels[-1]
    return 1 if lower.startswith("h") else 0  # syllabic nasals: m, n, ng, hm, hng


def _syllable_to_marks(base: str, tone: int) -> str:
    letters = base.replace("u:", "ü").replace("U:", "Ü").replace("v", "ü").replace("V", "Ü")
    letters = letters.replace("e^", "ê").replace("E^", "Ê")
    if tone == 5:
        return letters
    plain = _ascii_base(base).replace("e^", "e")
    position = _mark_position(plain)
    marked = letters[: position + 1] + _TONE_MARKS[tone] + letters[position + 1 :]
    return unicodedata.normalize("NFC", marked)


def to_marks(text: str) -> str:
    """``"hang2"`` → ``"háng"``; a whole field ``"Zhang1 San1"`` → ``"Zhāng Sān"``.

    Tokens that are not numbered syllables (``C`` in ``san1 C``, ``·``, ``xx5``) pass through.
    """
    return " ".join(_token_to_marks(token) for token in text.split(" "))


@lru_cache(maxsize=8192)
def _token_to_marks(token: str) -> str:
    parts = _split_numbered(token)
    if parts is None:
        return token
    return _syllable_to_marks(*parts)


def to_numbers(text: str, umlaut: str = "ü") -> str:
    """``"lu:3 nu:3"`` → ``"lü3 nü3"`` (or ``"lv3 nv3"`` with ``umlaut="v"``): tone numbers
    as a learner reads them; tokens that are not numbered syllables pass through."""
    return " ".join(_token_to_numbers(token, umlaut) for token in text.split(" "))


@lru_cache(maxsize=8192)
def _token_to_numbers(token: str, umlaut: str) -> str:
    if _split_numbered(token) is None:
        return token
    upper = umlaut.upper()
    return token.replace("u:", umlaut).replace("U:", upper).replace("ü", umlaut).replace("Ü", upper)


def tone_of(syllable: str) -> int:
    """Tone 1–5 of a numbered (``hang2``) or marked (``háng``) syllable; 0 if not pinyin.

    An unmarked syllable (``ma``, ``r``) is neutral: 5.
    """
    parts = _split_numbered(syllable)
    if parts is not None:
        return parts[1]
    decomposed = unicodedata.normalize("NFD", syllable)
    for ch in decomposed:
        if ch in _MARK_TONES:
            return _MARK_TONES[ch]
    if _is_latin_letters(syllable):
        return 0
    base = _ascii_base(syllable.replace("ê", "e^").replace("Ê", "E^"))
    return 5 if base in SYLLABLES else 0


def _is_latin_letters(token: str) -> bool:
    """Upper-case letters without tone (``C``, ``AA``, ``DNA``) are Latin, not pinyin."""
    return token.isascii() and token.isupper()


# --- zhuyin ---------------------------------------------------------------------------------

_ZHUYIN_INITIALS = {
    "b": "ㄅ", "p": "ㄆ", "m": "ㄇ", "f": "ㄈ", "d": "ㄉ", "t": "ㄊ", "n": "ㄋ", "l": "ㄌ",
    "g": "ㄍ", "k": "ㄎ", "h": "ㄏ", "j": "ㄐ", "q": "ㄑ", "x": "ㄒ", "zh": "ㄓ", "ch": "ㄔ",
    "sh": "ㄕ", "r": "ㄖ", "z": "ㄗ", "c": "ㄘ", "s": "ㄙ",
}  # fmt: skip
_ZHUYIN_FINALS = {
    "a": "ㄚ", "o": "ㄛ", "e": "ㄜ", "e^": "ㄝ", "ai": "ㄞ", "ei": "ㄟ", "ao": "ㄠ", "ou": "ㄡ",
    "an": "ㄢ", "en": "ㄣ", "ang": "ㄤ", "eng": "ㄥ", "er": "ㄦ", "ong": "ㄨㄥ",
    "i": "ㄧ", "ia": "ㄧㄚ", "io": "ㄧㄛ", "ie": "ㄧㄝ", "iai": "ㄧㄞ", "iao": "ㄧㄠ", "iu": "ㄧㄡ",
    "ian": "ㄧㄢ", "in": "ㄧㄣ", "iang": "ㄧㄤ", "ing": "ㄧㄥ", "iong": "ㄩㄥ",
    "u": "ㄨ", "ua": "ㄨㄚ", "uo": "ㄨㄛ", "uai": "ㄨㄞ", "ui": "ㄨㄟ", "uan": "ㄨㄢ", "un": "ㄨㄣ",
    "uang": "ㄨㄤ", "ueng": "ㄨㄥ",
    "v": "ㄩ", "ve": "ㄩㄝ", "van": "ㄩㄢ", "vn": "ㄩㄣ",
}  # fmt: skip
# Spellings with y/w stand for finals without an initial.
_ZERO_INITIAL = {
    "yi": "i", "ya": "ia", "yo": "io", "ye": "ie", "yai": "iai", "yao": "iao", "you": "iu",
    "yan": "ian", "yin": "in", "yang": "iang", "ying": "ing", "yong": "iong",
    "yu": "v", "yue": "ve", "yuan": "van", "yun": "vn",
    "wu": "u", "wa": "ua", "wo": "uo", "wai": "uai", "wei": "ui", "wan": "uan", "wen": "un",
    "wang": "uang", "weng": "ueng",
}  # fmt: skip
_SPECIAL_ZHUYIN = {"m": "ㄇ", "n": "ㄋ", "ng": "ㄫ", "hm": "ㄏㄇ", "hng": "ㄏㄫ", "r": "ㄦ"}
_ZHUYIN_TONES = {1: "", 2: "ˊ", 3: "ˇ", 4: "ˋ", 5: ""}


@lru_cache(maxsize=1024)
def _zhuyin_of(plain: str) -> str:
    if plain in _SPECIAL_ZHUYIN:
        return _SPECIAL_ZHUYIN[plain]
    if plain in _ZERO_INITIAL:
        return _ZHUYIN_FINALS[_ZERO_INITIAL[plain]]
    initial = plain[:2] if plain[:2] in ("zh", "ch", "sh") else plain[:1]
    if initial not in _ZHUYIN_INITIALS:
        return _ZHUYIN_FINALS[plain]
    final = plain[len(initial) :]
    if initial in ("zh", "ch", "sh", "r", "z", "c", "s") and final == "i":
        return _ZHUYIN_INITIALS[initial]
    if initial in ("j", "q", "x") and final.startswith("u"):
        final = "v" + final[1:]
    return _ZHUYIN_INITIALS[initial] + _ZHUYIN_FINALS[final]


def to_zhuyin(text: str) -> str:
    """``"hang2"`` → ``"ㄏㄤˊ"``; neutral tone is a leading ``˙``; other tokens pass through."""
    return " ".join(_token_to_zhuyin(token) for token in text.split(" "))


@lru_cache(maxsize=8192)
def _token_to_zhuyin(token: str) -> str:
    parts = _split_numbered(token)
    if parts is None:
        return token
    base, tone = parts
    symbols = _zhuyin_of(_ascii_base(base))
    if tone == 5 and _ascii_base(base) != "r":
        return "˙" + symbols
    return symbols + _ZHUYIN_TONES[tone]


def render(field: str, style: PinyinStyle) -> str:
    """A CC-CEDICT pinyin field (``"hang2 zhang3"``) in the style the user chose."""
    if style is PinyinStyle.MARKS:
        return to_marks(field)
    if style is PinyinStyle.ZHUYIN:
        return to_zhuyin(field)
    return to_numbers(field, "v" if style is PinyinStyle.NUMBERS_V else "ü")


# --- from marks (or bare letters) back to numbers, for search ---------------------------------


def syllables(text: str) -> list[str]:
    """Split run-together pinyin letters (``"aihao"``, ``"xian"``) into syllables.

    Longest syllable first, backtracking when the rest cannot be split (``"fangan"`` → fang
    an); ü may be written ``v``, ``ü`` or ``u:``. Raises ``ValueError`` if no split exists.
    """
    # The erhua "r" is tried only when nothing else fits, so "nver" is nü er, not nüe r.
    result = _split(text, 0, {}, SYLLABLES - {"r"}) or _split(text, 0, {}, SYLLABLES)
    if result is None:
        raise ValueError(f"not pinyin: {text!r}")
    return result


def _split(
    text: str, start: int, memo: dict[int, list[str] | None], allowed: frozenset[str]
) -> list[str] | None:
    if start == len(text):
        return []
    if start in memo:
        return memo[start]
    found: list[str] | None = None
    end_limit = min(len(text), start + _LONGEST_SYLLABLE + 2)  # "u:" is two letters for one
    for end in range(end_limit, start, -1):
        piece = text[start:end]
        if _ascii_base(piece) in allowed and text[end : end + 1] != ":":
            rest = _split(text, end, memo, allowed)
            if rest is not None:
                found = [piece, *rest]
                break
    memo[start] = found
    return found


def marks_to_numbered(text: str) -> str:
    """``"ài hào"`` or ``"àihào"`` → ``"ai4 hao4"``; ü becomes ``u:`` as in CC-CEDICT.

    Unmarked syllables get tone 5; tokens that are not pinyin pass through unchanged. An
    apostrophe between syllables (``"Xī'ān"``, as word lists write it) separates them.
    """
    return " ".join(_word_to_numbered(word) for word in _APOSTROPHES.sub(" ", text).split())


def _word_to_numbered(word: str) -> str:
    letters: list[str] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", word):
        if ch in _MARK_TONES:
            if not tones:
                return word
            tones[-1] = _MARK_TONES[ch]
        elif ch == _DIAERESIS and letters and letters[-1] in "uU":
            letters[-1] = "v" if letters[-1] == "u" else "V"
        elif ch == _CIRCUMFLEX and letters and letters[-1] in "eE":
            letters.append("^")
            tones.append(0)
        else:
            letters.append(ch)
            tones.append(0)
    plain = "".join(letters)
    if _is_latin_letters(word):
        return word
    if not plain.replace("^", "").isascii() or not plain.replace("^", "").isalpha():
        return word
    try:
        parts = syllables(plain)
    except ValueError:
        return word
    numbered: list[str] = []
    position = 0
    for part in parts:
        tone = max(tones[position : position + len(part)]) or 5
        position += len(part)
        numbered.append(part.replace("v", "u:").replace("V", "U:") + str(tone))
    return " ".join(numbered)


def numbered_syllables(field: str) -> Iterator[tuple[str, int]]:
    """The (plain syllable with ü as v, tone) pairs of a numbered field, skipping non-pinyin."""
    for token in field.split():
        plain = _plain_syllable(token)
        if plain is not None:
            yield plain


@lru_cache(maxsize=4096)
def _plain_syllable(token: str) -> tuple[str, int] | None:
    parts = _split_numbered(token)
    return None if parts is None else (_ascii_base(parts[0]), parts[1])


# --- pinyin written word by word --------------------------------------------------------------
# Word lists and example sentences write pinyin the way the orthography (GB/T 16159) and
# textbooks do: a word's syllables together ("yínháng"), an apostrophe before a syllable
# starting with a, o or e inside a word ("Xī'ān"). Their numbered form keeps a word's
# syllables run together too ("yin2hang2"): each syllable ends in its tone digit, so the
# syllables are still found exactly.

_NUMBERED_RUN = re.compile(r"[A-Za-z:^üÜ]+[1-5]")


def run_together(numbered: str) -> str:
    """A word's CC-CEDICT reading with its syllables together: ``"yin2 hang2"`` →
    ``"yin2hang2"``; a capitalised syllable after the first starts a new word (``"Zhang1
    San1"``, a name), and what is not a syllable stands alone (``"san1 C"``)."""
    words: list[str] = []
    joinable = False
    for token in numbered.split():
        syllable = _split_numbered(token) is not None
        if syllable and joinable and not token[0].isupper():
            words[-1] += token
        else:
            words.append(token)
        joinable = syllable
    return " ".join(words)


def word_pieces(word: str) -> list[tuple[str, int]]:
    """One word of run-together numbered pinyin (``"Xi1an1,"``) as marked pieces with their
    tones: ``[("Xī", 1), ("'", 0), ("ān", 1), (",", 0)]``; what is not a syllable (marks,
    digits, Latin letters) is a piece of tone 0."""
    pieces: list[tuple[str, int]] = []
    position = 0
    after_syllable = False
    for match in _NUMBERED_RUN.finditer(word):
        parts = _split_numbered(match.group())
        if parts is None:
            continue
        if match.start() > position:
            pieces.append((word[position : match.start()], 0))
            after_syllable = False
        if after_syllable and takes_apostrophe(parts[0]):
            pieces.append(("'", 0))
        pieces.append((_syllable_to_marks(*parts), parts[1]))
        position = match.end()
        after_syllable = True
    if position < len(word):
        pieces.append((word[position:], 0))
    return pieces


def written_marks(text: str) -> str:
    """Run-together numbered pinyin (``"yin2hang2 qu3 qian2."``) with tone marks, word by
    word: ``"yínháng qǔ qián."``."""
    return " ".join("".join(p for p, _ in word_pieces(word)) for word in text.split(" "))


def word_marks(numbered: str) -> str:
    """A word's CC-CEDICT reading as a word list shows it: ``"Xi1 an1"`` → ``"Xī'ān"``."""
    return written_marks(run_together(numbered))


def takes_apostrophe(syllable: str) -> bool:
    """Whether a syllable written after another inside one word is preceded by an apostrophe
    (Hanyu Pinyin orthography: one beginning with a, o or e, as in xī'ān, tiān'ānmén);
    ``syllable`` in any form shown (marks, numbers), accented or not."""
    return unicodedata.normalize("NFD", syllable[:1])[:1] in _AOE


_AOE = frozenset("aoeAOE")
