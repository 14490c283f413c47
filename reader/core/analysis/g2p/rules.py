"""Grammar rules for the polyphones a learner meets in every text (了 得 地 着 还 长 重 …).

A rule decides a character that no dictionary word covers, and settles one that a
dictionary covers when both agree (了解, 觉得, 长城 agree in both dictionaries and never get
here). Rules decide from the neighbouring characters, as a grammar book would: 得 after a
verb is the complement marker ``de5`` but ``dei3`` ("must") after a subject; 了 after 不 is
the potential complement ``liao3``; 长 after a degree adverb is the adjective ``chang2``;
after 姓 a character takes its surname reading. Where no rule applies the model decides.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from functools import cache
from pathlib import Path

VERBS = Path(__file__).resolve().parent.parent / "data" / "verbs.txt.gz"
# A verb within this many characters after 为 makes it the preposition wèi ("for"): 为观众
# 演出, 为协约国军队运输; without one it is the copula wéi ("be, as"): 成绩为二十二秒.
_WEI_REACH = 8

_PRONOUNS = set("我你他她它您咱")
# subjects and adverbs that stand before the modal 得 děi ("must"): 我得走, 明天得早起, 就得去
_BEFORE_MODAL = _PRONOUNS | set("们就也还都又总可天早须全")
# degree adverbs: what follows is an adjective (很长 cháng, 太重 zhòng)
_DEGREE = set("很太真好最更挺特非较多够越")
_NUMERALS = set("一二两三四五六七八九十百千万几第这那哪每各某半")
# verbs whose result complement 着 is zháo ("reach the goal"): 找着, 睡着, 猜不着
_ZHAO_VERBS = set("找睡猜见碰摸借买点着够用")
# Verbs whose 着了 is zháo "be hurt by" (吓着了, 冻着了, 被压着了).
_HARM = set("吓冻烫压累伤撞砸晒淋呛噎熏")
# 着 zháo as "touch, catch": 着急, 着凉, 着火 (also in the dictionaries), 着迷
_ZHAO_NEXT = set("急凉火迷地")
# chóng "again": 重写, 重做; the verb after 重 in that sense
_AGAIN_VERBS = set("写做说来读新复建修演播装考选填画排算印拍开启")
# what one plants: 种菜 zhòng
_PLANTED = set("菜树花地田草粮稻麦瓜豆果棉茶苗玉")
# What grows in a field 地 dì (罂粟地, 甘蔗地, 麦地).
_CROPS = set("粟麦稻棉薯蔗瓜桑豆")
_ENDS = set("，。！？；：、,.!?;:…）)」』”’")
# What a clause starts after (not a closing bracket: "（学名：）为豆科" is the copula).
_CLAUSE_START = {"", *"，。！？；：、,.!?;:…"}
# What follows a verb and marks it as one: the delimitative 一下 / 一V / V了V, aspect
# (了 着 过), a complement (得 好 完 上 紧 起): 数一数, 量一下, 系好, 藏起来, 处得来.
_ASPECT = set("了着过得好完上紧起")
# Result and direction complements, which follow verbs only: 弄干, 钻进, 数到, 藏进.
_RESULT = set("出进回开到成走掉坏干清通")
# The verb reading of characters that are also nouns or adjectives (数 shù "number",
# 量 liàng "amount", 系 xì "department", 藏 zàng "Tibet", 处 chù "place", 称 chèn "fit",
# 铣 xiǎn in names: 铣出环形槽 xǐ "mill").
_VERB = {
    "数": "shu3",
    "量": "liang2",
    "系": "ji4",
    "藏": "cang2",
    "处": "chu3",
    "称": "cheng1",
    "钻": "zuan1",
    "扇": "shan1",
    "盛": "cheng2",
    "弄": "nong4",
    "铺": "pu1",
    "铣": "xi3",
}
# Measure words of what a verb fills or lays (盛一碗饭, 铺两床被子).
_CONTAINERS = set("碗盆杯勺盘锅桶瓢床")
# The durative 着 after a posture or holding verb: 背着包 bēi, 空着 kòng ("left vacant"),
# 划着船 huá "row" (huà "mark, plan" takes 着 only in its compounds: 计划着).
_DURATIVE = {"背": "bei1", "空": "kong4", "划": "hua2"}
# Verbs read so only as a word of their own with an aspect marker: 供着佛像 gòng "enshrine"
# (gōng "supply" lives in compounds: 提供, 供应, 供给); 射中了, 猜中了 zhòng "hit".
_PERFECTIVE = {"供": "gong4", "中": "zhong4"}
# The adjective reading after a degree adverb (很冲 chòng "pungent", 很空 kōng, 太干 gān,
# 很称身 chèn "fit").
_ADJECTIVE = {
    "冲": "chong4",
    "空": "kong1",
    "干": "gan1",
    "少": "shao3",
    "薄": "bao2",
    "难": "nan2",
    "散": "san3",
    "强": "qiang2",
    "称": "chen4",
    "差": "cha4",
    "横": "heng4",
    "累": "lei4",
    "晕": "yun1",
    "倔": "jue4",
    "脏": "zang1",
}
# The measure-word reading after a numeral or demonstrative: 三载 zǎi "years", 一处 chù,
# 一觉 jiào, 一曲 qǔ, 一间 jiān, 三更 gēng.
_MEASURE = {
    "载": "zai3",
    "处": "chu4",
    "觉": "jiao4",
    "曲": "qu3",
    "间": "jian1",
    "更": "geng1",
    "担": "dan4",
    "宿": "xiu3",
    "折": "zhe2",
    "只": "zhi1",
    "场": "chang3",
    "打": "da2",
    "沓": "da2",
    "朝": "zhao1",
    "分": "fen1",
    "度": "du4",
    "号": "hao4",
    "角": "jiao3",
    "把": "ba3",
    "发": "fa1",
    "扎": "za1",
    "趟": "tang4",
    "番": "fan1",
    "挑": "tiao1",
    "片": "pian4",
    "幢": "zhuang4",
}


def _hanzi(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _next(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else ""


def _verbal(text: str, i: int) -> bool:
    """``text[i]`` is followed by a verb's delimitative, aspect marker or complement."""
    after = _next(text, i)
    if after in ("一", "了") and _next(text, i + 1) in (text[i], "下"):
        return True  # 数一数, 量一下, 数了数
    return after in _ASPECT


def _ba_zai(text: str, i: int) -> bool:
    """``text[i]`` is the verb of 把 … V 在 (把被子铺在床上, 把书藏在床下): before 在 alone a
    noun is as likely, the subject (办公处在二楼)."""
    return _next(text, i) == "在" and "把" in _clause_before(text, i)[-6:]


def _word_class(text: str, i: int) -> str | None:
    """The reading the grammatical context of ``text[i]`` selects: a measure word after a
    numeral, an adjective after a degree adverb, a verb before its aspect or complement."""
    char, prev = text[i], _prev(text, i)
    if prev in _NUMERALS and char in _MEASURE:
        return _MEASURE[char]
    if prev in _DEGREE and char in _ADJECTIVE:
        return _ADJECTIVE[char]
    if char in _DURATIVE and _next(text, i) == "着":
        return _DURATIVE[char]
    if char in _PERFECTIVE and _next(text, i) in ("了", "着"):
        return _PERFECTIVE[char]
    if char in _VERB and (_verbal(text, i) or _next(text, i) in _RESULT or _ba_zai(text, i)):
        return _VERB[char]
    if char in _VERB and _next(text, i) in _NUMERALS and _next(text, i + 1) in _CONTAINERS:
        return _VERB[char]  # 盛一碗饭, 铺两床被子: the verb before what it fills
    return None


def _de(text: str, i: int) -> str | None:
    prev, after = _prev(text, i), _next(text, i)
    if after in ("了", "到", "的"):
        return "de2"  # 得了病, 得到, 我得的分: "obtain"
    if (after == "" or after in _ENDS) and prev in set("可难获求所"):
        return "de2"  # 不可得。, 求之不得: "obtain" ends the clause
    if prev in _BEFORE_MODAL or prev == "" or prev in _ENDS:
        return "dei3"  # 我得走了, 你得多喝水, 明天得早起
    if _hanzi(prev):
        return "de5"  # 说得对, 跑得很快: complement after the verb or adjective
    return None


def _le(text: str, i: int) -> str | None:
    prev = _prev(text, i)
    if prev == "得" and (_prev(text, i - 1) in _BEFORE_MODAL or _lexical_de(text, i - 1)):
        return "le5"  # 取得了, 不记得了: the aspect after a verb ending in 得
    if prev in ("不", "得"):
        return "liao3"  # 受不了, 走不了, 去得了: potential complement
    return "le5"


def _lexical_de(text: str, i: int) -> bool:
    """``text[i]`` (得) ends a verb of two characters (取得, 获得, 记得, 觉得), not the
    potential complement's 得 (去得了, 吃得了; 来得了 "can come" is the complement)."""
    return i > 0 and text[i - 1] != "来" and text[i - 1 : i + 1] in verbs()


def _reduplicated_before(text: str, i: int) -> bool:
    """A reduplicated modifier ends before ``text[i]`` (轻轻, 慢慢, 沉甸甸, 高高兴兴): what
    follows it is the adverbial 地 de, whatever comes next (轻轻地下了床, 悄悄地上了楼)."""
    return i >= 2 and _hanzi(text[i - 1]) and text[i - 1] == text[i - 2]


# Verbs and words that put something on or under the ground (掉到地上了, 摔倒地上, 扔在
# 地上): before them 地上 / 地下 stays the ground, whatever verb follows.
_ONTO_GROUND = set("在到落掉倒躺坐跪趴扔丢甩吐撂搁砸踩埋放摔洒撒泼滚铺堆") | set(
    "从往向于入出回进满遍的了这那块片"
)


def _modified_before(text: str, i: int) -> bool:
    """An adverbial modifier ends before ``text[i]`` (地): a reduplicated one, or two
    characters before 地下 / 地上 used as a verb with its aspect or direction (警惕地下了
    床, 兴奋地上了船, 小心地下来)."""
    if _reduplicated_before(text, i):
        return True
    return (
        i >= 2
        and _hanzi(text[i - 2])
        and _hanzi(text[i - 1])
        and text[i - 1] not in _ONTO_GROUND
        and _next(text, i + 1) in set("了着过来去")
    )


def _di(text: str, i: int) -> str | None:
    prev, after = _prev(text, i), _next(text, i)
    if _reduplicated_before(text, i):
        return "de5"  # 轻轻地下了床, 悄悄地上了楼, 慢慢地走
    if after in set("上下里方面区市县球图点铁址带位") or prev in set("满遍各当原此何其两陆耕荒墓"):
        return "di4"  # 地上, 地方, 地球, 满地, 遍地: the noun "ground, place"
    if prev in _CROPS:
        return "di4"  # 罂粟地, 甘蔗地, 西瓜地: the field where it grows
    if prev == "似":
        return "de5"  # 似地 = 似的
    if text[max(0, i - 2) : i] in ("意外", "格外", "额外", "分外"):
        return "de5"  # 意外地遇到: the adverb, not 外地 "elsewhere"
    if _hanzi(prev) and _hanzi(after) and prev not in set("在的了土草田种大这那该本外内"):
        return "de5"  # 慢慢地走, 高兴地唱: adverbial marker before the verb
    return None


def _zhe(text: str, i: int) -> str | None:
    prev, after = _prev(text, i), _next(text, i)
    if after in _ZHAO_NEXT:
        return "zhao2"
    if prev == "身" or (prev in set("已均皆都仍亦") and _clothes(text, i + 1)):
        return "zhuo2"  # 身着藏袍, 已着裙装, 均着军装: "wear" (written style)
    if (prev in _ZHAO_VERBS or (prev == "不" and _prev(text, i - 1) in _ZHAO_VERBS)) and (
        after in ("了", "") or after in _ENDS or prev == "不"
    ):
        return "zhao2"  # 找着了, 睡着了, 睡不着
    if prev in _HARM and after == "了":
        return "zhao2"  # 吓着了, 被压着了, 冻着了: "be affected by" (压着纸 is durative)
    if _hanzi(prev):
        return "zhe5"  # 躺着, 开着, 笑着说: durative after the verb
    return None


def _clothes(text: str, i: int) -> bool:
    """Clothes start at ``text[i]`` (裙装, 军装, 礼服, 长袍): what the written 着 zhuó wears."""
    return text[i : i + 1] in set("裙袍衫") or text[i + 1 : i + 2] in set("装服袍衫")


def _huan(text: str, i: int) -> str | None:
    after = _next(text, i)
    if after == "给" or after in set("钱书债款清"):
        return "huan2"  # 还给, 还钱, 还书: "give back"
    if after == "" or after in _ENDS:
        return "huan2"  # 书要按时还。: the adverb hái never ends a clause
    if after in _PRONOUNS and _next(text, i + 1) not in set("们是"):
        return "huan2"  # 明天还你钱
    if after in set("是有没要在不很会能可得想以更"):
        return "hai2"  # 还是, 还没, 还要: "still, also"
    return None


def _chang_zhang(text: str, i: int) -> str | None:
    prev, after = _prev(text, i), _next(text, i)
    if after in set("得大高胖成出了"):
        return "zhang3"  # 长得很高, 长大, 长了: "grow"
    if prev in _DEGREE or prev == "不":
        return "chang2"  # 很长, 太长: the adjective "long"
    return None


def _zhong_chong(text: str, i: int) -> str | None:
    prev, after = _prev(text, i), _next(text, i)
    if prev in _DEGREE or after in ("了", "量"):
        return "zhong4"  # 很重, 太重了: "heavy"
    if after in _AGAIN_VERBS:
        return "chong2"  # 重写, 重说: "again"
    return None


FIRM = frozenset("行得幢")  # the characters ``firm_reading`` may decide
# Words whose characters ``firm_reading`` may decide against the dictionaries: 大夫 is the
# doctor dàifu except as the ancient official (士大夫, 卿大夫 dàfū); the word 应从 "comply"
# is the modal 应 yīng and 从 "from" where something follows (应从实际出发).
# 地下 / 地上 after a reduplicated or a two-character modifier are the adverbial 地 de and
# the verb 下 / 上 (慢慢地下了楼, 警惕地下了床), not the words "underground, on the ground".
# 人为 "man-made" is 人 + the preposition 为 wèi before a pronoun or 大家 (一个人为大家做饭).
# 倾倒 before 出 / 进 / 入 / 掉 is dumping, qīng dào (倾倒出十几桶雨水), not toppling dǎo.
# 极差 "range" (statistics) is 极 "extremely" + 差 chà "poor" when said of something (体质极差).
# 长长了 is "grew long", zhǎng cháng (长长的 "long, long" chángcháng).
FIRM_WORDS = frozenset(["大夫", "应从", "地下", "地上", "人为", "倾倒", "极差", "长长"])
# One-character verbs before a potential complement 得出 / 得到 / 得了 / 得起 (造得出, 买得到,
# 吃得了): there 得 is the particle de, not the verb dé of the words 得出, 得到.
_POTENTIAL_VERBS = set(
    "看听买造做吃拿找想写走跑搬记睡学用猜认查算赶考办比抬靠打管站住忍挡躲逃养治救放搞弄修卖借赢受"
)


def firm_reading(text: str, i: int) -> str | None:
    """A reading grammar gives even against the dictionaries' word: 这一行 / 第三行 are
    "line, trade" háng, not the word 一行 / 三行 yì xíng ("a travelling party")."""
    if text[i] == "得":
        if _prev(text, i) in _POTENTIAL_VERBS and _next(text, i) in set("出到了起住来过"):
            return "de5"
        return None
    if text[i] == "幢":
        return _reduplicated_measure(text, i)
    if text[i : i + 2] == "大夫":
        return "da4" if _prev(text, i) in set("士卿夫") else "dai4"
    if text[i : i + 2] == "应从" and _hanzi(_next(text, i + 1)):
        return "ying1"
    if text[i - 1 : i + 1] == "人为" and i >= 1 and _for_someone(text, i):
        return "wei4"
    if text[i - 1 : i + 1] == "倾倒" and i >= 1 and _next(text, i) in set("出进入掉"):
        return "dao4"
    if text[i : i + 2] == "长长" and _next(text, i + 1) == "了":
        return "zhang3"
    if text[i - 1 : i + 1] == "极差" and i >= 1 and _said_of(text, i - 1):
        return "cha4"
    if text[i : i + 2] in ("地下", "地上") and _modified_before(text, i):
        return "de5"
    if text[i - 1 : i + 1] == "地上" and i >= 1 and _modified_before(text, i - 1):
        return "shang4"
    ordinal = _prev(text, i) == "第" or _prev(text, i - 1) in set("第这那哪每")
    if text[i] == "行" and _prev(text, i) in _NUMERALS and ordinal and _next(text, i) != "人":
        return "hang2"
    return None


def _said_of(text: str, i: int) -> bool:
    """The word at ``text[i:i + 2]`` is said of what goes before (体质极差), not the noun
    (样本的极差为五, 计算极差, 极差值)."""
    return (
        _hanzi(_prev(text, i))
        and _prev(text, i) not in set("的算求其")
        and _next(text, i + 1) not in set("为是值的")
    )


def _for_someone(text: str, i: int) -> bool:
    """A person follows ``text[i]`` (为): a pronoun or 大家 (为你高兴, 为大家)."""
    return _next(text, i) in _PRONOUNS or text[i + 1 : i + 3] in _EVERYONE


def _reduplicated_measure(text: str, i: int) -> str | None:
    """The measure reading of a measure word doubled after 一 (一幢幢 zhuàng "building after
    building"; the word 幢幢 is chuáng "flickering")."""
    if (_prev(text, i) == "一" and _next(text, i) == text[i]) or (
        _prev(text, i) == text[i] and _prev(text, i - 1) == "一"
    ):
        return _MEASURE[text[i]]
    return None


def _xing_hang(text: str, i: int) -> str | None:
    prev = _prev(text, i)
    if prev in _NUMERALS:
        return "hang2"  # 第三行, 这一行: line, trade
    if prev in set("不真也能很") or _next(text, i) in set("吗吧啊呀"):
        return "xing2"  # 不行, 你真行, 行吗: "all right, capable"
    if _shop(text, i) or _goods_shop(text, i):
        return "hang2"  # 一家轮胎行, 这家琴行, 轮胎行恶火: the firm, counted or named by its goods
    return None


# What 行 xíng "go, do" runs into (行至, 行驶, 行医, 行礼 …): never the firm háng.
_XING_NEXT = set("至到进走驶经过于在动为使程军事礼凶刺骗窃乞善医将了着得")
# What stands between a measure word and a verb 行 rather than a firm's name: 一家人,
# 一家三口, and adverbs (这家店都行).
_NOT_FIRM = set("人口都也就还才又可说")


# The last character of goods a firm 行 háng is named by (轮胎行, 电器行, 珠宝行, 五金行).
_GOODS = set("胎器宝材镜具料货金布绸漆纸表鞋帽")


def _goods_shop(text: str, i: int) -> bool:
    """``text[i]`` (行) follows goods and is followed by what is said of it, not by what the
    verb xíng runs into (轮胎行驶 is a word, 轮胎行不行 the adjective)."""
    after = _next(text, i)
    return (
        _prev(text, i) in _GOODS
        and _hanzi(after)
        and after not in _XING_NEXT
        and after not in set("不人")
    )


def _shop(text: str, i: int) -> bool:
    """``text[i]`` (行) ends a noun counted by 家 or 间 (一家轮胎行, 那间琴行): the firm."""
    before = _clause_before(text, i)
    at = max(before.rfind("家"), before.rfind("间"))
    name = before[at + 1 :]
    return (
        at > 0
        and before[at - 1] in _NUMERALS
        and 0 < len(name) <= 4
        and all(_hanzi(c) and c not in _NOT_FIRM for c in name)
        and _next(text, i) not in _XING_NEXT
    )


# Words ending in 一 that are no numeral: 单一种养 is 单一 + 种养 zhòng, not 一种 "a kind".
_NOT_NUMERAL_ONE = frozenset(["单一", "统一", "唯一", "同一", "专一", "划一", "均一", "万一"])


def _zhong(text: str, i: int) -> str | None:
    prev, after = _prev(text, i), _next(text, i)
    if prev in _NUMERALS and text[max(0, i - 2) : i] not in _NOT_NUMERAL_ONE:
        return "zhong3"  # 这种, 一种, 各种: the measure word "kind"
    if after in _PLANTED or after in set("了着过的养"):
        return "zhong4"  # 种菜, 种了, 他种的西红柿, 种养: "plant"
    return None


def _gan(text: str, i: int) -> str | None:
    if _next(text, i) == "了" and _next(text, i + 1) in _ENDS | {""}:
        return "gan1"  # 衣服干了。: "dry" (the verb gàn takes an object or a duration)
    if _prev(text, i) in set("去来肯敢苦实蛮硬") or _next(text, i) in _PRONOUNS | set("活啥吗嘛"):
        return "gan4"  # 放心去干, 肯干, 干活, 干啥: "do, work"
    return None


def _zhuan(text: str, i: int) -> str | None:
    after = _next(text, i)
    if after == "" or after in _ENDS or after == "着" or "圈" in text[i + 1 : i + 4]:
        return "zhuan4"  # 轮子在转。, 转着, 转了一圈: "revolve" (zhuǎn "turn to" takes a goal)
    if after in set("来去回过") and _next(text, i + 1) != "转":
        return "zhuan3"  # 醒转来, 转回去: "turn back" (转来转去 is "go round")
    return None


def _tiao(text: str, i: int) -> str | None:
    if _verbal(text, i) or _next(text, i) in set("高低大小整"):
        return "tiao2"  # 调一下, 调好, 调高: "adjust" (diào "transfer" takes a place)
    return None


def _jue_jiao(text: str, i: int) -> str | None:
    after = _next(text, i)
    if after == "" or after in _ENDS:
        return "jiao4"  # 睡了一个好觉。: jué lives in compounds (觉得, 感觉), all dictionary words
    return None


# Measure words and nouns after 数 "several" (数个国家, 数种方法, 数罪并罚, 数年); the
# verb shǔ takes an object or a complement instead (数钱, 数一数, 数到十).
_SEVERAL = set("个位名种次件只条座项部本罪年日月天倍")


def _shu(text: str, i: int) -> str | None:
    if _next(text, i) in set("二两三四五六七八九十百千万") | _SEVERAL:
        return "shu4"  # 数十个, 数百人, 数个, 数种: "several"
    if _prev(text, i) in ("的", "之"):
        return "shu4"  # 这里的数指算术: the noun "number"
    return "shu3"  # 数钱, 数一数: the verb "count"


@cache
def verbs() -> frozenset[str]:
    """Words of two or more characters that jieba's dictionary tags as verbs (``VERBS``,
    made by ``derive_verbs``)."""
    return frozenset(gzip.decompress(VERBS.read_bytes()).decode("utf-8").split("\n"))


def derive_verbs(jieba_dict: Path, min_count: int = 20) -> str:
    """The lines of ``VERBS``: jieba's ``dict.txt`` words of 2+ characters tagged v or vn
    and seen at least ``min_count`` times, sorted."""
    found = set()
    for line in jieba_dict.read_text(encoding="utf-8").splitlines():
        word, count, tag = line.split(" ")
        if tag in ("v", "vn") and len(word) > 1 and int(count) >= min_count:
            found.add(word)
    return "\n".join(sorted(found))


# One-character verbs that take an object after a beneficiary (为我洗衣, 为他治病).
_SHORT_VERBS = set("做写买洗治送找唱说讲办拍画修演弹读教煮用开")
# What stands before the preposition 为 wèi: the start of a clause, an adverb or a modal
# (也为观众演出, 并为全体人员配备, 将为银耳生产开创, 要为蔡老师治好病).
_BEFORE_PREPOSITION = set("也并又将要曾够肯在就都还专正而来去请愿想便则")
# Verbs after which 为 is the copula wéi "as, into" (选为, 封为, 改为, 视为, 设定为), and
# adverbs before the copula (均为, 皆为, 原为, 现为).
_BEFORE_COPULA = set("选评封推聘改转名称视定分列作成认变化译奉尊拜任立译划编均皆原现即乃实")
# What follows wéi: 为止, 为主, 为首, 为难, 为…所 (passive: 为人所知), 为…的 (可为的).
_AFTER_COPULA = set("止主首难伍由的")


# What describes a person's conduct after 为人 wéirén (为人很好, 为人正直).
_CHARACTER = ("很", "十分", "非常", "正直", "和善", "老实", "热情", "厚道", "谦虚", "诚恳", "处世")


def _clause(text: str, i: int) -> str:
    """``text[i + 1:]`` up to the end of its clause."""
    rest = text[i + 1 :]
    for end, char in enumerate(rest):
        if char in _ENDS:
            return rest[:end]
    return rest


# Noun suffixes: a verb before one is part of a noun (运动员, 演员, 消费者, 生产量).
_NOUN_SUFFIX = set("员者家费量品器机率场馆")


def _has_verb(text: str, reach: int) -> bool:
    """A verb in the first ``reach`` characters of ``text`` (up to the next 为, which
    starts another phrase), not the verb of a noun (运动员, 演员), also where the noun's
    suffix lies just past ``reach`` (主要演|员)."""
    text = text.split("为", 1)[0]
    found = verbs()
    end = min(len(text), reach)
    return any(
        text[b : b + 1] not in _NOUN_SUFFIX
        for a in range(end)
        for b in range(a + 1, min(end, a + 4) + 1)
        if (b == a + 1 and text[a] in _SHORT_VERBS) or (b > a + 1 and text[a:b] in found)
    )


def _wei(text: str, i: int) -> str | None:
    """为 wèi "for, in order to" or wéi "be, act as"."""
    prev, after = _prev(text, i), _next(text, i)
    if _for_someone(text, i) or after in ("了", "什", "此"):
        return "wei4"  # 为你高兴, 为了, 为什么, 为大家: "for, because of"
    person = _pronoun_start(text, i)
    if person >= 0 and text[max(0, person - 2) : person] in _INTO:
        return "wei2"  # 任命他为经理, 聘请她为顾问, 推举他们为代表: "appoint … as"
    if person >= 0 and _prev(text, person) in _ASK and after not in _AFTER_COPULA:
        return "wei4"  # 请她为娱乐城助兴, 让他们为大家唱歌: "for", whatever 以 went before
    if after in _AFTER_COPULA or "所" in _clause(text, i)[:6] or _after_yi(text, i):
        return "wei2"  # 为止, 为人所知, 以学生为中心
    if after == "人" and text[i + 2 : i + 4].startswith(_CHARACTER):
        return "wei2"  # 他为人很好: 为人 "conduct oneself"
    if person >= 0 and _prev(text, person) in _BEFORE_COPULA:
        return "wei2"  # 选他为班长, 封她为公主, 选他们为代表
    if text[max(0, i - 2) : i] in _INTO:
        return "wei2"  # 升级为, 转变为: "into"
    if _SET_AS & set(_clause_before(text, i)[-8:-1]):
        return "wei2"  # 变散养为圈养, 聘他为顾问: "change … into, appoint … as"
    if prev in _CLAUSE_START or prev in _BEFORE_PREPOSITION or person >= 0:
        return "wei4"  # 也为观众演出, 他们为国争光
    if _for_the_sake_of(text, i):
        return "wei4"  # 为自由而战, 为考试而紧张: "for, because of"
    if prev in _BEFORE_COPULA or after in _NUMERALS:
        return "wei2"  # 被选为班长, 和为七, 成绩为二十二秒
    return "wei4" if _has_verb(_clause(text, i), _WEI_REACH) else "wei2"


# What follows 而 when it is not the 而 of 为…而 V (而且, 而是, 而已, 而言).
_NOT_ER = set("且是已言")


def _for_the_sake_of(text: str, i: int) -> bool:
    """``text[i]`` (为) opens 为 X 而 V "do V for the sake of / because of X": an 而 that
    joins a verb follows within the phrase, before any other 为."""
    phrase = _clause(text, i)[:12].split("为", 1)[0]
    at = phrase.find("而", 1)
    return at != -1 and _hanzi(phrase[at + 1 : at + 2]) and phrase[at + 1] not in _NOT_ER


def _pronoun_start(text: str, i: int) -> int:
    """Where a pronoun ending just before ``text[i]`` starts (他, 他们), or -1."""
    if _prev(text, i) in _PRONOUNS:
        return i - 1
    if _prev(text, i) == "们" and _prev(text, i - 1) in _PRONOUNS:
        return i - 2
    return -1


def _after_yi(text: str, i: int) -> bool:
    """``text[i]`` (为) closes 以…为 "take … as" in its clause (以卫星互联网为引领)."""
    before = _clause_before(text, i)[-20:]
    at = before.rfind("以")
    return (
        at != -1
        and before[at + 1 : at + 2] not in _NOT_YI
        and before[at - 1 : at] not in set("可所难加予足借")
    )


# 为大家 / 为大众 / 为大伙: "for everyone" (为大窑湾港区 is the copula).
_EVERYONE = frozenset(["大家", "大众", "大伙"])
# Verbs that ask someone to do something for another (请她为…助兴, 让他为大家唱歌).
_ASK = set("请让叫帮替求托劝")
# Verbs whose object stands between them and 为 "into, as": 变 X 为 Y, 聘 X 为 Y.
_SET_AS = set("变改聘")


# What follows 以 when it is not the 以 of 以…为 (以前, 以后, 以来, 以及, 以上, 以下, 以为).
_NOT_YI = set("前后来及上下为便免致至往内外")
# Two-character verbs after which 为 is "into, as", also after their object (升级为,
# 转变为, 命名为, 任命他为).
_INTO = frozenset(
    [
        "升级",
        "转化",
        "转变",
        "改造",
        "变成",
        "划分",
        "命名",
        "确定",
        "认定",
        "翻译",
        "简化",
        "归纳",
        "总结",
        "发展",
        "提升",
        "分解",
        "合并",
        "演变",
        "改名",
        "更名",
        "定名",
        "列入",
        "评选",
        "选举",
        "任命",
        "聘请",
        "聘任",
        "推举",
        "推选",
        "提名",
        "委任",
        "指定",
        "册封",
        "誉称",
        "称作",
        "视作",
        "分别",
    ]
)


# What 应 yìng "comply with" takes after its inviter: 应朋友之邀, 应他之请 (应…的邀请 is
# as often "should … an invitation": 你应接受他的邀请).
_INVITATIONS = ("之邀", "之请")


def _ying(text: str, i: int) -> str | None:
    """A lone 应 is the modal yīng "should"; yìng "answer, respond" ends its clause or
    answers an invitation (应朋友之邀前来)."""
    after = _next(text, i)
    if after in ("", "了", "声") or after in _ENDS:
        return "ying4"
    return "ying4" if any(w in _clause(text, i)[1:10] for w in _INVITATIONS) else "ying1"


# Verbs whose result complement 倒 is dǎo "fall over" (摔倒, 难不倒, 累倒).
_FALL = set("摔跌滑推撞吹打绊累病难扳放击砍压晕醉")


def _dao(text: str, i: int) -> str | None:
    """A lone 倒: dǎo after a verb it completes, dào "pour; actually" elsewhere."""
    prev = _prev(text, i)
    if prev in _FALL or (prev == "不" and _prev(text, i - 1) in _FALL):
        return "dao3"  # 摔倒, 难不倒: "fall over"
    if _next(text, i) == "在" and "把" not in _clause_before(text, i)[-6:]:
        return "dao3"  # 倒在地上 "fall", but 把水倒在杯子里 "pour"
    return "dao4"


def _clause_before(text: str, i: int) -> str:
    """``text[:i]`` from the start of its clause."""
    start = i
    while start > 0 and text[start - 1] not in _CLAUSE_START:
        start -= 1
    return text[start:i]


# A lone 少 is shǎo "few, little" except before these (少年 shào "young" as a word piece).
_YOUNG = set("年女妇爷帅将校尉东")


def _shao(text: str, i: int) -> str | None:
    return "shao4" if _next(text, i) in _YOUNG else "shao3"


def _chu(text: str, i: int) -> str | None:
    """A lone 处: chǔ "sentence to, deal with" before a penalty, a duration or 以/理/于,
    and after 论/惩/判 (论处); chù "place, office" after a numeral or a noun."""
    prev, after = _prev(text, i), _next(text, i)
    sentenced = after in _NUMERALS and (prev in _CLAUSE_START or prev in set("被并应可予另再或将"))
    if sentenced or after in set("以理置罚于死分决") or prev in set("论惩判严查"):
        return "chu3"  # 并处三年, 被处二百元罚款 (刑侦处五月… is the office)
    if _BUREAUS & set(_clause_before(text, i)[-4:-1]):
        return "chu4"  # 公安局刑侦处, 海关总署缉私处: an office of a bureau
    if prev in _NUMERALS or prev in set("此何各住好坏远近深高低长短妙"):
        return "chu4"
    return None


# What ends the name of a bureau or ministry, whose offices are 处 chù (公安局刑侦处).
_BUREAUS = set("局厅部署委")


# 子 zǐ "son, person" after these (之子, 其子, 长子, 三子); elsewhere a lone 子 after a noun
# is the neutral suffix (桌子, 管子, 一下子; 孔子, 男子, 原子 are dictionary words).
_SON = _NUMERALS | set("之其长次幼独嫡庶养孝父君天臣游学才公王")


def _zi(text: str, i: int) -> str | None:
    prev = _prev(text, i)
    if prev in _SON:
        return "zi3"
    return "zi5" if _hanzi(prev) else None


# What a child 儿 ér is said to be (聋哑儿, 弃儿 and 孤儿 are words): no erhua after these.
_CHILD_CONDITIONS = set("哑聋盲残弃智")


def _er(text: str, i: int) -> str | None:
    """A lone 儿 after a Hanzi is the erhua suffix (一点儿, 这儿, 玩儿), CC-CEDICT's r5, but
    the child ér after a condition (聋哑儿幼儿园, 弱智儿)."""
    prev = _prev(text, i)
    return "r5" if _hanzi(prev) and prev not in _CHILD_CONDITIONS else "er2"


# Readings of characters as surnames, which differ from their common readings: 姓单 Shàn.
_SURNAMES = {
    "单": "shan4",
    "曾": "zeng1",
    "解": "xie4",
    "朴": "piao2",
    "仇": "qiu2",
    "区": "ou1",
    "查": "zha1",
    "盖": "ge3",
    "华": "hua4",
    "任": "ren2",
    "覃": "qin2",
    "缪": "miao4",
    "翟": "zhai2",
    "种": "chong2",
    "繁": "po2",
    "纪": "ji3",
    "员": "yun4",
    "牟": "mou2",
}

# The surnames read so at the start of a name without 姓 or 某 before or after them: the
# others (任 rèn, 仇 chóu, 解 jiě, 查 chá, 种 zhǒng …) start as many words that jieba's HMM
# glues to the next characters (任武钢, 仇深似), so only 姓 and 某 tell their names.
_NAME_FIRST = set("曾单朴区覃缪翟繁员牟纪")


def _sang(text: str, i: int) -> str | None:
    """丧 the verb sàng "lose" (命丧, 丧了命, 丧父); sāng "funeral" lives in its words (丧事,
    奔丧, 治丧)."""
    if _prev(text, i) in set("命沮颓懊") or _next(text, i) in set("了命生失尽气胆心身偶父母夫妻"):
        return "sang4"
    return None


# What has corners 角 jiǎo (屋角, 墙角, 桌角, 街角).
_CORNERED = set("屋墙街桌床房院楼门窗炕柜箱檐")
RULES: dict[str, Callable[[str, int], str | None]] = {
    "得": _de,
    "了": _le,
    "地": _di,
    "着": _zhe,
    "还": _huan,
    "长": _chang_zhang,
    "重": _zhong_chong,
    "行": _xing_hang,
    "种": _zhong,
    "为": _wei,
    "的": lambda text, i: "de5",  # 的确 dí, 目的 dì are dictionary words
    "干": _gan,
    "转": _zhuan,
    "调": _tiao,
    "觉": _jue_jiao,
    "丧": _sang,
    # qū "area"; the surname ōu is read at the start of a name (``rule_reading``)
    "区": lambda text, i: "qu1",
    # zhuài "drag, pull" (拖拽, 一拽); yè is 曳's literary reading
    "拽": lambda text, i: "zhuai4",
    # the surname and 牟利 / 牟取 "seek (profit)" are móu; mù is only the place 牟平
    "牟": lambda text, i: "mu4" if _next(text, i) == "平" else "mou2",
    # the corner jiǎo after what it is the corner of (屋角, 桌角); jué lives in 角色, 主角
    "角": lambda text, i: "jiao3" if _prev(text, i) in _CORNERED else None,
}
# Verbs whose object 难 is nàn "disaster" (遭了难, 逃难 and 避难 are words).
_MEET_DISASTER = set("遭逃避遇落救殉赴")


def _nan(text: str, i: int) -> str | None:
    """A lone 难 is nàn "disaster" as the object of 遭, 逃 … (also after their 了)."""
    prev = _prev(text, i)
    if prev in _MEET_DISASTER or (prev == "了" and _prev(text, i - 1) in _MEET_DISASTER):
        return "nan4"
    return None


# After 教 and a person, a feeling or state makes 教 the causative jiào "make, let" (这件事
# 教人难过); a skill after them is jiāo "teach" (教我游泳).
_FEELINGS = (
    "难过",
    "伤心",
    "失望",
    "害怕",
    "生气",
    "高兴",
    "感动",
    "头疼",
    "为难",
    "心疼",
    "担心",
    "着急",
    "放心",
    "不安",
    "佩服",
    "羡慕",
    "如何",
    "怎么",
    "想",
    # vernacular fiction: 教你知道, 教他去请 ("tell, let")
    "知道",
    "晓得",
    "得知",
    "去",
    "来",
)
# 休教 / 莫教 / 怎教 "do not let, how could one let" (vernacular fiction and poetry).
_LET_BEFORE = set("休莫怎")


def _jiao(text: str, i: int) -> str | None:
    rest = text[i + 1 : i + 5]
    if rest[:1] in _PRONOUNS | {"人"} and rest[1:].startswith(_FEELINGS):
        return "jiao4"
    if _prev(text, i) in _LET_BEFORE:
        return "jiao4"
    return "jiao1"  # the verb "teach" (教室 jiào is a compound)


# What comes before 觉 "sleep" when it stands alone (睡觉, 午觉 are words; 一觉 a measure):
# elsewhere a lone 觉 is mostly a piece of a compound the dictionary lacks (察觉到 cut as
# 查/觉/到, 可觉差), read jué, so the model decides.
_SLEEP = set("睡个好早午懒")


def _sai(text: str, i: int) -> str | None:
    """塞 the verb sāi "stuff, cram" before its object or complement (塞进, 往嘴里塞一碗饭,
    塞满); sài (边塞) and sè (堵塞) live in compounds, transliterations are the model's."""
    after = _next(text, i)
    if (
        after in _ASPECT
        or after in _RESULT
        or after in set("满住入在给一")
        or _prev(text, i) in set("里往把")
    ):
        return "sai1"
    return None


# What a subject or an adverb leaves before the verb 钻 zuān (孩子们钻山洞, 他又钻进去).
_BEFORE_VERB = _PRONOUNS | set("们就都又再还要会能去来往向")


def _zuan(text: str, i: int) -> str | None:
    """钻 the verb zuān "go through, bore" after a subject or an adverb; after a noun it is
    as often the drill zuàn heading a compound the dictionary lacks (钻台, 钻柱, 环钻)."""
    return "zuan1" if _prev(text, i) in _BEFORE_VERB else None


def _yan(text: str, i: int) -> str | None:
    """咽 the verb yàn "swallow" (咽东西, 咽口水), except for the pharynx yān before or after
    an anatomical word (咽部, 咽痛, 舌咽神经)."""
    if _next(text, i) in set("部喉炎头痛腔神峡鼓") or _prev(text, i) in set("舌鼻口"):
        return "yan1"
    return "yan4"


# Measure words before the adjective 薄 báo "thin" (一件薄毛衣, 一层薄冰).
_THIN_THINGS = set("件层张片块条床本的")


def _jin(text: str, i: int) -> str | None:
    """A lone 尽 is jìn "exhausted, to the end; all" (言犹未尽, 取之不尽, 尽得其真传, 尽交他保管);
    jǐn "as far as possible, give priority" comes before 着 / 早 / 快 / 量 / 管 / 可 / 先, in
    words or glued to them (尽着老人, 尽早)."""
    after = _next(text, i)
    if after == "着":
        return "jin3"  # 尽着老人先坐: "give priority to"
    return None if after in set("早快量管可先") else "jin4"


def _pu(text: str, i: int) -> str | None:
    """A lone 铺 after a noun and before a place word or the end is the shop pù (茶食铺里,
    杂货铺); the verb pū takes an object or a complement (铺床, 铺通: ``_VERB``)."""
    after = _next(text, i)
    if _hanzi(_prev(text, i)) and (after in set("里子面中内") or after in _ENDS or after == ""):
        return "pu4"
    return None


def _cha(text: str, i: int) -> str | None:
    """差 chà "poor, short of" before a numeral, a complement or the end (质量差的, 差三分,
    差得远); chā (差别, 相差) and chāi (出差) live in compounds."""
    after = _next(text, i)
    if after in _NUMERALS or after in set("不得了点些远劲的") or after in _ENDS or after == "":
        return "cha4"
    return None


# Where a thing is left behind: a home, a vehicle, a room, a shop (落在家里, 落在车上).
_LEFT_IN = set("家车室店馆舍房校司")


def _left_behind(text: str, i: int) -> bool:
    """``text[i]`` (落) is 把 X 落在 + a place things are forgotten in (把手机落在办公室)."""
    place = _clause(text, i)[1:6]
    return (
        _next(text, i) == "在"
        and "把" in _clause_before(text, i)[-8:]
        and bool(_LEFT_IN & set(place))
    )


# Rules for a character that is a word by itself: other readings live in compounds.
ALONE: dict[str, Callable[[str, int], str | None]] = {
    "数": _shu,
    "教": _jiao,
    "觉": lambda text, i: "jiao4" if _prev(text, i) in _SLEEP else None,
    "应": _ying,
    "倒": _dao,
    "少": _shao,
    "处": _chu,
    "子": _zi,
    "儿": _er,
    # mò "sink" and dū "capital" live in compounds (没入, 淹没; 首都, 成都); alone they
    # are méi "not have" and dōu "all"; 更 alone is gèng "more" (三更 is a measure word)
    "没": lambda text, i: "mei2",
    "都": lambda text, i: "dou1",
    "更": lambda text, i: "geng4",
    "塞": _sai,
    "咽": _yan,
    "似": lambda text, i: "shi4" if _next(text, i) in ("的", "地") else None,  # 似地 shìde
    "撒": lambda text, i: "sa3" if _next(text, i) in set("在满到下遍上") else None,  # 撒在水面
    "差": _cha,
    "尽": _jin,
    "铺": _pu,
    "钻": _zuan,
    "薄": lambda text, i: "bao2" if _prev(text, i) in _THIN_THINGS else None,
    # yǔ "and, with"; yù "take part" lives in words (参与, 与会)
    "与": lambda text, i: "yu3",
    # zāng "dirty"; the organ zàng lives in words (心脏, 内脏) or follows its organ
    "脏": lambda text, i: "zang4" if _prev(text, i) in set("心肝肾脾肺内") else "zang1",
    "难": _nan,
    # zhuàn "biography" ending a title or a clause after its subject (鲁迅传, 《刘绍棠传》):
    # the verb chuán takes an object or a complement (传球, 传开)
    "传": lambda text, i: (
        "zhuan4"
        if _hanzi(_prev(text, i))
        and (_next(text, i) in _ENDS | set("》〉") or _next(text, i) == "")
        else None
    ),
    # chòng "towards" before a person (冲我笑了笑, 冲他喊); chōng "rush, wash" elsewhere
    "冲": lambda text, i: "chong4" if _next(text, i) in _PRONOUNS else None,
    # zā "tie up" before 紧 or braids (扎紧口袋, 扎了两条辫子); zhā "prick, camp" elsewhere
    "扎": lambda text, i: "za1" if _next(text, i) == "紧" or "辫" in _clause(text, i)[:5] else None,
    # jiē "bear (fruit)" before the fruit it bears (结了很多果子, 结出果实); jié elsewhere
    "结": lambda text, i: (
        "jie1" if _next(text, i) != "果" and set("果籽瓜穗") & set(_clause(text, i)[:6]) else None
    ),
    # tiāo "choose; carry on a pole" (你挑一个, 挑了一担水, 挑入宫中); tiǎo "raise, poke,
    # stir up, project" before what it raises (挑起, 挑开, 挑梁; 挑战 and 挑拨 are words)
    "挑": lambda text, i: "tiao3" if _next(text, i) in set("起开破拨逗衅战动亮灯梁檐") else "tiao1",
    # tù "vomit" ending its clause (他吐了。); tǔ "spit out" takes an object (吐了一口痰)
    "吐": lambda text, i: "tu4" if _clause(text, i + (_next(text, i) == "了")) == "" else None,
    # the Taoist temple guàn after another temple or before its abbot (庙观, 观主); guān
    # "look, view" lives in words (观点, 观察, 参观)
    "观": lambda text, i: (
        "guan4" if _prev(text, i) in set("庙寺庵宫") or _next(text, i) == "主" else None
    ),
    # the verb zhān "stick to" before where it sticks, and after 一 "as soon as" (一粘潮湿)
    "粘": lambda text, i: (
        "zhan1"
        if _next(text, i) in set("在住到满上贴")
        or (_prev(text, i) == "一" and _hanzi(_next(text, i)))
        else None
    ),
    # xǐng "come to" before 过 / 悟 (省过来, 省悟); shěng "save, province" elsewhere
    "省": lambda text, i: "xing3" if _next(text, i) in set("过悟") else None,
    # the verb páo "dig" (刨坑, 刨出坟墓); the plane bào before its parts (刨刃, 刨身, 刨子)
    "刨": lambda text, i: None if _next(text, i) in set("子刃身床花刀") else "pao2",
    # the pickaxe gǎo after its material or shape (铁镐, 斧镐, 十字镐); hào in names (镐京)
    "镐": lambda text, i: "gao3" if _prev(text, i) in set("铁斧锄字洋") else None,
    # the photograph xiàng after its measure word or 照 (照个相, 照张相); elsewhere xiāng
    "相": lambda text, i: "xiang4" if _prev(text, i) in set("个张照") else None,
    # dàng "regard as" before a person and 是 / 作 / 成 (我当你是朋友)
    "当": lambda text, i: (
        "dang4" if _next(text, i) in _PRONOUNS and _next(text, i + 1) in set("是作成") else None
    ),
    "甚": lambda text, i: "shen2" if _next(text, i) == "么" else None,  # 甚么 = 什么
    # sǎn "come loose" said of what is tied or braided (鞋带散了, 辫子散开); sàn "disperse"
    "散": lambda text, i: "san3" if _prev(text, i) in set("带发辫绳结扣捆包") else None,
    # là "leave behind": 把 a thing 落在 where it was forgotten (把伞落在车上); luò "fall"
    "落": lambda text, i: "la4" if _left_behind(text, i) else None,
    "耶": lambda text, i: "ye2" if _next(text, i) in _ENDS | {"", "吗"} else None,
}


# Readings of characters in a given name that differ from the reading a model learnt from
# running text: 应 is yīng there (熊应堂, 赵应华), not yìng "answer".
_GIVEN_NAME = {"应": "ying1"}


def rule_reading(
    text: str, i: int, alone: bool, name: bool = False, given: bool = False
) -> str | None:
    """The reading grammar gives ``text[i]``, or None.

    ``alone``: the character is a word of its own in the segmentation; ``name``: it starts
    a unit of two or three characters that no dictionary word covers, a name (曾荫权);
    ``given``: it is a later character of such a unit, the given name.
    """
    if given and text[i] in _GIVEN_NAME:
        return _GIVEN_NAME[text[i]]
    surname = (name and text[i] in _NAME_FIRST) or _prev(text, i) == "姓"
    surname = surname or (alone and _next(text, i) == "某")  # not 山区某县: 区 ends 山区
    if surname and text[i] in _SURNAMES:
        return _SURNAMES[text[i]]  # 他姓单, 我姓曾, 责令曾某赔偿, 曾荫权
    char = text[i]
    found = RULES[char](text, i) if char in RULES else None
    if found is None:
        found = _word_class(text, i)
    if found is None and alone and char in ALONE:
        found = ALONE[char](text, i)
    return found
