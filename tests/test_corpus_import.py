"""The development corpus (``../shared/corpus``): real documents nobody here wrote.

Every expectation below was written by reading the document itself (its raw bytes, decoded
by hand) before the importer was tuned: how many articles a reader sees and what the
first ones are called, how the main text begins and ends, about how many paragraphs it
has, and what must not be left in it (site menus, running headers, timecodes). The
documents are read in place and never copied here; without ``../shared`` this skips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from reader.core.importing import ImportedArticle, ImportFailed, import_file
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")

TIMECODE = re.compile(r"\d{1,2}:\d\d:\d\d[,.]\d")
# A paragraph never begins with what can only continue a sentence.
CONTINUATION = re.compile(r"^[，。、；：！？）」』”’,;:!?)]")
PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")
CODE_BRACKET = re.compile(r"[{}\[\]()]")


@dataclass(frozen=True)
class Expect:
    articles: tuple[int, int]  # at least, at most
    titles: tuple[str, ...]  # how the first articles' titles begin
    first: str  # the main text (first article) begins with this, within its first paragraphs
    last: str  # the last article ends with this, within its last paragraphs
    paragraphs: tuple[int, int]  # in all articles
    absent: tuple[str, ...] = ()  # furniture that must be gone
    present: tuple[str, ...] = ()  # text that must be there, as one paragraph's piece
    first_within: int = 3
    last_within: int = 2
    whole: tuple[str, ...] = ()  # paragraphs that must be there as they are (not glued on)
    most_repeated: int = 0  # if set: no paragraph occurs more often than this
    repeated_at_most: tuple[str, int] = ("", 0)  # paragraphs with this text: at most so many


EXPECTED: dict[str, Expect] = {
    # 13 章回 chapters; the book title and author stand before chapter 1 and are not its title.
    "txt_gbk_crlf_u3000_feijianji_ming_novel.txt": Expect(
        articles=(13, 14),
        titles=("第一回 诸仙朝玉皇大帝 慧童投吕家出世", "第二回 吕纯阳遇钟离师 钟离子五试洞宾"),
        first="诗曰：",
        last="予素慕真仙之雅，爱捃其遗事为一部《飞剑记》，以阐扬万口云云。",
        paragraphs=(300, 380),
        present=(
            "读罢残编细品论，看来世事未全均。",
            # the source's space where it lost a character (脚上一□，) is kept
            "身上扒一扒，脚上一 ，腿上揸一揸，",
        ),
        # a verse after 诗曰： at a long line's end stays apart
        whole=("淡月疏星绕建章，仙风吹下御炉香。", "生在儒林遇太平，悬缕重深布衣轻。"),
        first_within=4,
    ),
    # Chapters 1-3 of a web novel; the download site's banner line is not text.
    "txt_gbk_webnovel_beipan_ch1-3_reencoded.txt": Expect(
        articles=(3, 3),
        titles=("第一章", "第二章", "第三章"),
        first="看守所灰色的高墙布满了电网",
        last="（待续）",
        paragraphs=(600, 760),
        absent=("xitxt", "喜书网", "**"),
        present=(
            "他觉得心底有一团火，在凝聚、在升腾。",
            # lines the book was once cut at (26 Hanzi) and then re-indented, mid-word
            "便跟着警察进了院内，到一间挂有“接见室”牌子的门前。",
            "她推门进去，对方子云笑道：",
            "戴一副近视眼镜，身穿越野装",
        ),
    ),
    "txt_utf8_webnovel_beipan_banner_u3000.txt": Expect(
        articles=(15, 15),
        titles=("第一章", "第二章", "第三章"),
        first="看守所灰色的高墙布满了电网",
        last="（完）",
        paragraphs=(4000, 4960),
        absent=("xitxt", "喜书网", "**"),
        present=(
            # a sentence cut by a line of an indent alone (　　)
            "让所有的人都相信我们是为了分解噪音，加工合同全部经过公证。",
            # a speech cut after a full stop, closed on the next line
            "完成了我的工作。以后的日程公司已经做出了安排，",
            "与方子云没有任何关系。”",
            # cut at the book's old 26-Hanzi column and re-indented (到一 / 间挂有), one
            # of them also across a banner line the site slipped in (也称得上 / 是知名人士)
            "便跟着警察进了院内，到一间挂有“接见室”牌子的门前。",
            "夏英杰和方子云也称得上是知名人士，",
            "学生们一窝蜂地从几个教室涌出来",
            # a speech cut on a bare Hanzi, closed on the next line (法律 / 是公正的…。”)
            "要相信法律是公正的，一切都是能搞清楚的。”",
            "看着卫生间的门，",
        ),
    ),
    # 100 回, each heading carrying the site's "《》目录 " prefix, and a banner at both ends.
    # A blank line follows every one of its 3,314 lines, so blank lines say nothing: ~340
    # lines stop inside a speech the next line closes (两妖道：“不装不装！ / 一定是个假的。”),
    # and a fight in verse (chapter 6) is cut at 30 Hanzi (一个是 / 观音徒弟): each comes
    # back as one paragraph (an earlier range here, 3,000-3,420, counted them apart).
    "txt_utf8bom_xiyouji_4space_indent.txt": Expect(
        articles=(100, 101),
        titles=(
            "第一回\u3000灵根育孕源流出\u3000心性修持大道生",
            "第二回\u3000悟彻菩提真妙理\u3000断魔归本合元神",
        ),
        first="诗曰：",
        last="南无斗战胜佛。南无观世音菩萨。",
        paragraphs=(2700, 3000),
        absent=("xstt5", "TXT小说天堂", "《》目录"),
        present=(
            "混沌未分天地乱，茫茫渺渺无人见。",
            "两妖道：“不装不装！一定是个假的。”",
            "一个是太乙散仙呼大圣，一个是观音徒弟正元龙。浑铁棍乃千锤打",
            "他仍弄武艺，显神通",
        ),
        whole=("自从盘古破鸿蒙，开辟从兹清浊辨。",),
        last_within=1,
    ),
    # A classical glossary, every line indented with 　　; some entries wrap over lines
    # (弘、廓 … 戎、 / 骏、假 … 简、 / 、昄、晊，大也。) and must come back as one. Its 19
    # chapters (释诂第一 … 释畜第十九) are listed first, then each heads its entries: one
    # article per chapter, the book's name opening the first, the list of them gone.
    "txt_gb18030_erya_classical_rarechars.txt": Expect(
        articles=(19, 19),
        titles=("释诂第一", "释言第二", "释训第三"),
        first="初、哉、首、基、肇、祖、元、胎、俶、落、权舆，始也。",
        last="鸡三尺为鶤。──六畜。",
        paragraphs=(1500, 1640),  # 1,644 non-blank lines; ~80 do not end a sentence
        present=(
            "弘、廓、宏、溥、介、纯、夏、幠、厖、坟、嘏、丕、奕、洪、诞、戎、骏、假、",
            "仪、若、祥、淑、鲜、省、臧、嘉、令、类、纟林、彀、攻、穀、介、徽，善也。",
            "靖、惟、漠、图、询、度、咨、诹、究、如、虑、谟、猷、肇、基、访，谋也。",
        ),
        # entries the source cut at its 33-Hanzi column (…来孙之子 / 为晜孙，…) are whole
        whole=(
            "子之子为孙，孙之子为曾孙，曾孙之子为玄孙，玄孙之子为来孙，来孙之子为晜孙，"
            "晜孙之子为仍孙，仍孙之子为云孙。",
            "室中谓之时，堂上谓之行，堂下谓之步，门外谓之趋，中庭谓之走，大路谓之奔。",
            "东陵阠，南陵息慎，西陵威夷，中陵朱滕，北陵西隃雁门是也。陵莫大于加陵，"
            "梁莫大于湨梁，坟莫大于河坟。──八陵。",
            # 释鱼第十六's first entry is one Hanzi: the heading stays a heading
            "鲤。",
        ),
        absent=("释鱼第十六鲤",),
    ),
    # Its first line is the book's name and byline (《四字鉴略》 清 王仕云): the name titles
    # it, the dynasty and author open the text.
    "txt_utf16le_bom_sizijianlue_classical_verse.txt": Expect(
        articles=(1, 1),
        titles=("四字鉴略",),
        first="粤自盘古，生于大荒。首出御世，肇开混茫。",
        last="辛亥革命，帝制告终。",
        paragraphs=(220, 232),
        whole=("清 王仕云",),
        first_within=2,
        last_within=1,
    ),
    # 504 numbered sayings, one per line: no dateline, no split. No line titles it (the
    # first is saying 1.) and the file's name is a Latin label (it was 论语.txt): the first
    # saying's words title it, without its number.
    "txt_utf8_crlf_lunyu_classical_trad_numbered.txt": Expect(
        articles=(1, 1),
        titles=("子曰：「學而時習之，不亦說乎",),
        first="1. 子曰：「學而時習之，不亦說乎？",
        last="504.子曰：「不知命，無以為君子也。",
        paragraphs=(504, 504),
        first_within=1,
        last_within=1,
    ),
    "txt_big5_arphic_public_license_trad.txt": Expect(
        articles=(1, 1),
        titles=("文鼎公眾授權書",),
        first="著作權所有(C) 1999 文鼎科技開發股份有限公司",
        last="除非準據法規定或以書面同意，在任何情況下",
        paragraphs=(30, 35),  # 35 non-blank lines, the first the title
        present=("前言", "法律性條款", "8.\u3000損害賠償請求權之放棄"),
        first_within=1,
        last_within=1,
    ),
    # Hard-wrapped at 78 columns, every body line indented: lines come back as paragraphs.
    "txt_manpage_ssh_zh_CN_rendered_hardwrapped.txt": Expect(
        articles=(1, 1),
        titles=("ssh — OpenSSH SSH 客户端 (远程登录程序)",),
        first="NAME",
        last="中文 man 手册页计划：https://github.com/man-pages-zh/manpages-zh",
        paragraphs=(70, 230),
        present=(
            # groff's hyphen (U+2010) at a line's end splits a word, not a name: Ar‐ / cfour
            "CAST128 或 Arcfour 加密",
            "ssh (SSH 客户端) 用于登录远程主机, 并且在远程主机上执行命令. 它的目的是替换 "
            "rlogin 和 rsh, 同时在不安全的网络之上, 两个互不信任的主机之间, 提供加密的, "
            "安全的通信连接.",
            "描述 (DESCRIPTION)",
            # the page spaces its Latin words off the Hanzi: where a line broke between
            # the two, the break was that space
            "连接和任意 TCP/IP 端口均可以通过此安全通道转发(forward).",
            "已经列在远程主机的 /etc/hosts.equiv 或 /etc/ssh/shosts.equiv 文件中,",
            "详见 ssh-agent(1) 手册页.",
            # an option's text begins on its line (-n      把 stdin …) and goes on under
            # itself: one paragraph, not cut where the first line ends (… ssh / 在后台…)
            "(实际上防止从 stdin 读取数据). ssh 在后台运行时一定会用到这个选项.",
            "可以在远程机器上执行任何全屏幕(screen-based)程序",
        ),
        whole=("-A 允许转发认证代理的连接. 可以在配置文件中对每个主机单独设定这个参数.",),
        absent=("BSD September 25, 1999 BSD",),
        last_within=3,
    ),
    "txt_manpage_ssh_zh_TW_rendered_hardwrapped_trad.txt": Expect(
        articles=(1, 1),
        titles=("ssh — OpenSSH SSH 客戶端 (遠端登入程式)",),
        first="NAME",
        last="中文 man 手冊頁計劃：https://github.com/man-pages-zh/manpages-zh",
        paragraphs=(70, 230),
        present=("描述 (DESCRIPTION)", "(實際上防止從 stdin 讀取資料). ssh 在後臺執行時"),
        absent=("BSD September 25, 1999 BSD",),
        last_within=3,
    ),
    # Declares GB2312, is UTF-8. The essay is page 1 of 4; menus, login box, related links,
    # "推荐阅读" and the copyright footer are furniture; the date line is kept.
    "html_people_culture_gb2312_declared_utf8_bytes.html": Expect(
        articles=(1, 1),
        titles=("女儿出嫁，郑板桥画了几笔兰花当嫁妆",),
        first="父亲的教诲像一盏灯，为我们照亮前行的路",
        last="字里行间都是对儿子的爱。",
        paragraphs=(25, 50),
        # after the essay: two 推荐阅读 cards, each ending in a 【详细】 link to another page
        absent=(
            "网站首页",
            "登录人民网通行证",
            "推荐阅读",
            "Copyright",
            "热点排行",
            "--人民网",
            "【详细】",
            "文脉颂中华",
            "致敬改革开放四十年",
        ),
        present=("古人学问无遗力，少壮工夫老始成。", "2019"),
        first_within=3,
        last_within=1,
    ),
    "html_news_xinhuanet.html": Expect(
        articles=(1, 1),
        titles=("法国全国大罢工再次严重影响交通",),
        first="新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工",
        last="总理菲利普将于11日宣布退休制度改革的总体架构。",
        paragraphs=(5, 9),
        absent=("加载更多", "新闻评论", "版权声明", "关注我们", "新华网"),
        present=("2019-12-10",),
    ),
    "html_news_thepaper.html": Expect(
        articles=(1, 1),
        # the page cuts its headline short (…无敌免...); the post's first line gives it whole
        titles=("定了！广州南沙邮轮母港即将开通！地铁直达+无敌免税城......",),
        first="本文原标题：《定了！广州南沙邮轮母港即将开通！地铁直达+无敌免税城......》",
        # The post (lines cut by <br>, photos between them) ends "开始搓搓手了！！！" and
        # its credits (编辑|… 来源|…). What follows is not the post: the account's menu
        # (扫描下方二维码…, 回复【公租房】…, 点【在看】), the platform's invitation to write
        # in (发送邮件至zhengwu@thepaper.cn…) and its disclaimer (特别声明：本文为政务等机构
        # 在澎湃新闻上传并发布…仅提供信息发布平台). A disclaimer is the site's legal notice,
        # the same on every post: a learner reading the post has no use for it (an earlier
        # expectation here had it as the last sentence; it was wrong). Photo captions
        # (资料图, ▲…摄) are not text either, and a line after a photo is its own paragraph.
        last="来源|广州参考、广州南沙发布、羊城晚报",
        paragraphs=(30, 80),
        absent=(
            "我要跟帖",
            "已输入0字",
            "评论（0）",
            "澎湃新闻-The Paper",
            "\ufffd",
            "特别声明",
            "信息发布平台",
            "二维码",
            "回复【",
            "【在看】",
            "zhengwu@thepaper.cn",
            "资料图",
            "图片记者",
            "\n字号\n",
        ),
        present=("2019-08-13",),
        whole=(
            "开始搓搓手了！！！",
            "编辑|禤志杰",
            "以优雅意式风情主打的歌诗达邮轮·新浪漫号长220.6米、宽30.8米，排水量为5.7万吨，"
            "设计载客量为1800人、舱房数789间。",
        ),
        first_within=4,
        last_within=1,
    ),
    "html_technews_csdn_mixed_english.html": Expect(
        articles=(1, 1),
        titles=("第三届知道安全论坛鸟巢举办 知道创宇发布新版ZoomEye",),
        first="2014年8月22日，由北京知道创宇联合知乎网主办的第三届知道安全论坛（Kcon V3）",
        last="余弦骄傲地说道。",
        paragraphs=(8, 40),
        # (the site's copyright line after the story, 本文为CSDN原创文章，未经允许不得转载…,
        # is the site's notice, not the story)
        absent=(
            "相关热门文章",
            "扫描二维码",
            "微博关注",
            "CSDN官方微信",
            "-CSDN.NET",
            "未经允许不得转载",
        ),
        present=("Evi1m0：去年跨过的客户端",),
        last_within=2,
    ),
    # A mobile page: the date, a photo caption (cut by a line break in mid-word), the
    # story's lead, then the site's notice that the story is past its free period
    # (您所瀏覽的新聞已過查詢時效…付費會員); the caption, the notice, the cookie banner and the
    # language prompts (one in Japanese) are not the story.
    "html_news_cna_tw_trad.html": Expect(
        articles=(1, 1),
        titles=("平鎮輪胎行惡火 疏散7人1女命喪",),
        first="",
        last="",
        paragraphs=(2, 3),
        absent=(
            "Your browser",
            "こちら",
            "本網站使用相關技術",
            "更多編輯台推薦新聞",
            "中央社 CNA",
            "消防局提供",
            "查詢時效",
            "付費會員",
        ),
        present=(
            "（中央社記者邱俊欽桃園19日電）桃園市平鎮區一家輪胎行今天清晨發生大火",
            "7人從火場中疏散",
        ),
    ),
    "html_debian_installguide_zh_CN_ch06s03_docbook_nav.html": Expect(
        articles=(1, 1),
        titles=("6.3. 使用单独的组件",),
        first="本节将会描述各个安装组件的细节。",
        # the chapter's footnotes [4]…[14] follow its text (the text has their marks)
        last="[14] 下面的命令将删除一个主机的已有记录: ssh-keygen -R <hostname|IP address>.",
        last_within=1,
        paragraphs=(100, 400),
        absent=("上一页", "下一页", "起始页", "上一级"),
        # the 注意 / 警告 boxes are tables; the names of menu items are <span>s in the
        # sentence (class guimenuitem): both are the manual's text
        present=(
            "使用 SSH 开始远程安装之后，您不该返回本地控制台运行的安装会话。",
            "显示有两个可能，Start menu 和 Start shell。",
            "Display configuration details: 显示 LVM 设备结构，名称和逻辑卷尺寸等",
            # an ordered list's items keep their numbers (…取决于 / 1. 安装下一步…)
            "1. 安装下一步选择的任务，",
            "4. 安装介质上的软件包在网络镜像里面是否有更新版本",
        ),
        # a <pre> keeps its lines (a command, the partition table drawn in text); a
        # definition list's terms head their descriptions; a footnote whose link is much
        # of it ([9] … LUKS) is a footnote like the others
        whole=(
            "警告",
            "注意",
            "Create volume group",
            "# dpkg-reconfigure tzdata",
            "SCSI1 (0,0,0) (sda) - 6.4 GB WDC AC36400L",
            # (and its rows under it keep their indentation and columns)
            "      #1 primary   16.4 MB  B f ext2       /boot",
            # a table's header row (<th>) is a row like the others
            "分区方式 所需最小空间 所新建的分区",
            "所有文件在同一分区 600MB /, swap",
            "类型 最少设备 备用设备 幸免于磁盘损坏？ 可用空间",
            "RAID0",
            "Passphrase",
            "Key size: 256",
            "[9] 使用 passphrase 作为密钥意味着建立分区是使用 LUKS。",
        ),
        first_within=1,
    ),
    # Mostly navigation around ~370 Hanzi of content.
    "html_lilypond_zh_introduction_sitenav.html": Expect(
        articles=(1, 1),
        titles=("简介",),
        first="我们的目标",
        last="",
        paragraphs=(13, 16),  # a heading, 2 paragraphs, 3 list headings and 8 items
        # Its three headed lists of links each say what the link is about: content. The
        # site menu (links alone) and a hidden table repeating the links with English
        # blurbs (class "hide", never shown) are not.
        absent=(
            "Old downloads",
            "Valid HTML 4.01",
            "其他语言",
            "自动语言选择",
            "Google Summer",
            "What can LilyPond do?",
            "Freedom and the GPL.",
        ),
        present=("LilyPond 是怎么来的呢？从前，有两位音乐家", "于是，LilyPond 诞生了！"),
        whole=(
            "LilyPond 的功能",
            "特色: LilyPond 都有些什么本领？",
            "背景: 我们的计算美学。",
            "LilyPond 的实际应用",
            "评价: What do people say?",
            "LilyPond 的工作原理",
            "编辑更简单: Other ways of working with LilyPond.",
        ),
        first_within=2,
    ),
    # 27 spine items under a top-level epub/ folder: the title page and 26 sections.
    "epub_debian_edu_bookworm_manual_zh_CN.epub": Expect(
        articles=(25, 27),
        titles=("Debian Edu / Skolelinux 12 Bookworm 手册", "关于 Debian Edu 和 Skolelinux"),
        first="",
        last="",
        paragraphs=(600, 6000),
        present=(
            "Debian Edu 又名 Skolelinux 是一个基于 Debian 的 Linux 发行版，"
            "它提供了一个完整配置的学校网络的开箱即用环境。",
            # a line break in the source between a Latin word and a Hanzi shows as a
            # space (LDAP⏎编辑器), as a browser shows it
            "或者任何其他的 LDAP 编辑器添加用户和机器。",
            "Documentation/Bookworm 上的维基版并且时常更新。",
            # the steps of an ordered list keep their numbers
            "1. 登录到主服务器。",
            "3. 使用 GOsa² 添加工作站。",
            # the manual spaces its addresses and dates off the Hanzi
            "DHCP 在主服务器上为 10.0.0.0/8 网络工作，",
            '代号 "Squeeze"，发布于 2013-03-03。',
        ),
        # a <pre>'s commands stay one a line
        whole=(
            "$ sudo apt update",
            "$ sudo apt install task-desktop-xfce lightdm education-menus",
            'root@tjener:~# ldap-createuser-krb5 -d Teachers harhir "Harry Hirsch"',
            "changetype: add",
        ),
    ),
    "docx_python100days_complex_expression_essay.docx": Expect(
        articles=(1, 1),
        titles=("要不要使用复杂表达式",),
        first="",
        last="",
        # the heading, 9 paragraphs of prose and 7 code blocks whose lines are cut by
        # <w:br/>: each of the 42 code lines is a line of its own, and the ones a tab
        # indents (style SourceCode: an if's branch, a function's body) keep it
        paragraphs=(45, 55),
        present=("Larry Wall", "Guido van Rossum"),
        whole=(
            "a = int(input('a = '))",
            "the_max = a if a > b else b",
            "print(True and a or b)",
            "if a > b:",
            "    the_max = a",
            "def the_max(x, y):",
            "    return x if x > y else y",
        ),
    ),
    # Running headers ("§1.2 第一次使用 LATEX 3", "4 第一章 LATEX 的基本概念") and page
    # numbers are page furniture; sentences continue across lines and pages.
    "pdf_lshort_zh_cn_139pages.pdf": Expect(
        articles=(1, 40),
        # the title page's lines are its own: the title, then the subtitle and credits
        titles=("一份（不太）简短的 LATEX 2ε 介绍",),
        first="或 111 分钟了解 LATEX 2ε",
        last="",
        paragraphs=(800, 4000),
        # (a word hyphenated at a line's end, Compre-/hensive, is whole: no U+FFFE left)
        # the contents lines are the headings alone: no leader dots, no page number glued on
        absent=(
            "§1.2 第一次使用 LATEX 3",
            "4 第一章 LATEX 的基本概念",
            "\ufffe",
            "概述1",
            "目录英文版致谢",
            "术语和概念 8",
            "术语和概念8",
            # a heading at a page's top is not glued to the text under it
            "前言LATEX",
            "英文版致谢Much",
            "引号LATEX",
            # a footnote at a page's foot is not glued into the paragraph the page cuts
            "文字密一些的地方，4中文排版",
            "⟨path⟩2类 Unix",
            # what typesetting left of formulas: glyphs of the private use area, scraps
            "\uf8f1",
            "o™)",
            # a formula spread over lines by its exponents (a² + b² = c²)
            "is a 2 + b 2 = c",
            # its tokens on the lines of the sentence around it (the limit, the sum and its
            # bounds, the first letter: lim n→∞ Σ 1/k² = π²/6, E² = m₀²c⁴ + p²c²)
            "limn→∞ Pn",
            "E 2 = m2",
            # the book's prose after a displayed formula is not glued to it
            "[公式]我们通过",
            "[公式]行间公式",
            # a list of references: an item not glued after the address of the one before
            "/FontCatalogue/[20]",
            "survey.pdf§",
            # a table's rows are not one sentence (表 3.3: width=⟨width⟩ 将图片缩放到宽度为
            # ⟨width⟩ and the rows under it, set in two columns), nor glued to its caption
            "⟨width⟩height=⟨height⟩",
            "可选参数参数",
            # a word whose own hyphen ends a line keeps it (Shift-JIS); a TeX command's
            # name broken at a line's end is whole (\page-/style, beside ⟨page-style⟩)
            "ShiftJIS",
            "\\page-style{fancy}",
        ),
        whole=(
            "目录",
            "中文版致谢",
            "1.7 LATEX 和 TEX 相关的术语和概念",
            "3.9.1 浮动体的标题",
            "1.2 第一次使用 LATEX",
            "1.1.3 LATEX 的优缺点",
            # (the PDF's space after a full-width colon is the colon's own)
            "英文作者：Tobias Oetiker",
            "中文翻译：CTEX 开发小组",
            # the book spaces its numbers off the Hanzi (共有 89 个): this one's too
            "中文版本：版本 6.03，二零二一年十一月",
            "前言",
            "英文版致谢",
            "引号",
            "省略号",
            # the preface's signature and the address under it
            "CTEX 开发小组 https://github.com/CTeX-org",
            "表 3.2: 各种编译方式支持的主流图片格式",
            # a contents entry wrapped over two lines is one
            "5.1.5 使用 fontspec 宏包更改字体",
            "The Pythagorean theorem is [公式].",
            # the index: its group's headings and entries each a paragraph
            "符号",
            "\\! (数学命令), 48",
            "A",
            "\\Bigg (数学命令), 45",
            "book 文档类, 5, 19, 20, 72",
            # an entry with a raised letter, and one with a closing quotation mark after
            # one with an opening mark
            "LATEX 2ε, 1",
            "'' (后双引号”), 14",
            # the bibliography: one item a paragraph, its address with it, groups apart
            "§ 其它网络渠道可获得的资源：",
            "[18] learnlatex.org. Learn LATEX online. https://www.learnlatex.org",
            "[6] Donald E. Knuth. The TEXbook, Volume A of Computers and Typesetting, 2nd "
            "edition. Addison-Wesley, Reading, Massachusetts, 1984, ISBN 0-201-13448-9.",
            # (the code after it: a line of its own, as a listing's lines are; its first
            # line, ``In text:``, is the grey box's own, read off p. 40)
            "我们通过一个例子展示行内公式和行间公式的对比。为了与文字相适应，行内公式在排版大的"
            "公式元素（分式、巨算符等）时显得很“局促”：",
            "In text:",
            "$\\lim_{n \\to \\infty}",
            # a listing's lines and its comments in Chinese, each a line (source 3.1)
            "\\documentclass{book}",
            "% 导言区，加载宏包和各项设置，包括参考文献、索引等",
            # (and their comments in a column, as p. 21 sets them)
            "\\usepackage{makeidx}        % 调用 makeidx 宏包，用来处理索引",
            "\\makeindex                  % 开启索引的收集",
            "GNU Free Documentation License",
            # the tables of the front matter and of 3.7, a row a paragraph, its cells
            # tab-separated, and the caption over 3.3 a line of its own
            "CTEX 论坛 ID\t翻译章节\t源文件名",
            "经典问题\t前言\toverview.tex",
            "zpxing\t前言、第二章、第五章 1–2.4 & 3、第六章",
            "表 3.3: \\includegraphics 命令的可选参数",
            "参数\t含义",
            "width=⟨width⟩\t将图片缩放到宽度为 ⟨width⟩",
            "angle=⟨angle⟩\t将图片逆时针旋转 ⟨angle⟩ 度",
            # tables 5.1 and 5.3 on one page, their first column of commands typewriter
            "\\rmfamily\t\\textrm{…}\troman\t衬线字体（罗马体）",
            "字号\t10pt 选项（默认）\t11pt 选项\t12pt 选项",
            "\\tiny\t5pt\t6pt\t6pt",
            "\\Huge\t24.88pt\t24.88pt\t24.88pt",
            # commands displayed after a colon, each a line of its own, and the text
            # after them apart (断页的命令有两个： / \newpage / \clearpage / 通常情况下…,
            # …可查阅相应文档： / texdoc ⟨pkg-name⟩ / 其中 ⟨pkg-name⟩ 是…)
            "\\newpage",
            "\\clearpage",
            "texdoc ⟨pkg-name⟩",
            "\\tableofcontents",
            # the page break after 文字密一些的地方， and the footnote under it
            "4中文排版实现汉字间断行，则需要宏包（如 xeCJK 等）或特殊的排版引擎"
            "（如 upLATEX）的支持。",
            "2类 Unix 操作系统，包含 Linux、macOS（OS X）。",
        ),
        present=(
            "文字密一些的地方，单词间距就略窄，反之略宽。",
            "The Pythagorean theorem is: [公式] (4.1) Equation (4.1) is called",
            "In text: [公式].",
            "momentum and mass is [公式] where c is the light speed",
            "许多用户会使用 TeXworks 或 TeXstudio 等编辑器来编写 LATEX 文档。这些编辑器提供的"
            "编译功能，实际上只是对特定命令行程序的封装，而并非魔法。",
            "日本的 Shift-JIS、中国大陆的 GB 2312",
            "通常先用 \\pagestyle{fancy} 调用这个样式。",
            "center-aligned, top-aligned, bottom-aligned tabulars.",
        ),
        first_within=2,
        most_repeated=12,
    ),
    "pdf_ctex_faq_2008_41pages.pdf": Expect(
        articles=(1, 12),
        # the title page (title, version, author, date) is not glued to the introduction
        # (a full-width bracket holds its own space: the PDF's space before it is not text)
        titles=("CTEX FAQ（常见问题集）",),
        first="Version 0.4 beta (89)",
        last="",
        paragraphs=(300, 2000),
        absent=(
            "CTEX FAQ （常见问题集） v0.4 beta Copyright ©2003–2009 CTEX.ORG",
            "B 基本概念 6",
            "A 关于 FAQ 5",
            ". . .",
            # the contents pages' running header (CONTENTS 2), and entries glued together
            "CONTENTS",
            "新手入门19",
            "浮动对象58",
            "ChangeList of v0.4 A",
            # a question is not glued to its answer, and the margin's note beside it (New
            # v0.4, Revised v0.4), cut across the two lines, is not text
            "软件？Revised",
            "有什么区别？New",
            "v0.4 CTEX 首页",
            # a name with its own hyphen at a line's end (CTEX-/Ext) keeps it
            "CTEXExt",
        ),
        present=(
            "Leslie Lamport 开发的 LATEX 是当今世界上最流行和使用最为广泛的 TEX 宏集。",
            # page 6 ends "… \\documentstyle 命令定", page 7 goes on under its header
            # "C 安装升级 7" (also a line of the contents, so not checked as absent)
            "使用 \\documentstyle 命令定义文档类型以及所包含宏包，如",
            "分别是 CTEX-Fonts、CTEX-CS 和 CTEX-Ext。",
            # the text companion font's bullet starts its list's items (• http://…)
            "• http://bbs.ctex.org",
            "• dvips 可以直接使用 Type1 字库",
        ),
        whole=(
            "吴凌云 (aloft@ctex.org)",
            # the title page's legend and its copyright line, each a line of its own
            "新增 17 18 35 68 78 83 85",
            "修订 3 12 14 20 39 40 44 53",
            "Copyright ©2003–2009 CTEX and all the Contributors to CTEX FAQ. All rights reserved.",
            "2007 年 1 月 30 日 Rev. 82",
            # the contents: one entry a line, without leader dots and page numbers
            "Contents",
            "A 关于 FAQ",
            "1 CTEX 是干什么的？",
            "18 CTEX-Fonts、CTEX-CS、CTEX-Ext 都是干什么的？和 CTEX 中文套装有什么关系？",
            # an entry with a comma in it is one too, leader dots and page number gone
            "16 我下载了一些新的宏包，该如何安装到我的系统中去？",
            "D 新手入门",
            "19 我是新手，该如何开始？",
            "J.2 目录",
            "References",
            # a section's heading over its first question, in the text
            "H 图形表格",
            "H.1 图形",
            # a question is a line of its own, also after a line of code
            "28 在 CJK 中如何调整汉字的间距？",
            "12 哪里可以下载 CTEX 中文套装软件？",
            "37 如何设置双倍或者更大的行间距？",
            # the words that lead into a line of code are no heading: one sentence with it
            # (spaced where the line broke: the FAQ spaces commands off the Hanzi, 使用
            # \\documentstyle 命令定义)
            "使用命令 \\renewcommand{\\baselinestretch}{⟨倍数⟩}",
            # the index, one entry a paragraph
            "命令 (Commands)",
            "amsmath, 6, 18–21",
            # a sentence that goes on with an address (on a line of its own) is no heading
            "CTAN 提供了一个搜索引擎 http://www.ctan.org/search.html",
            # the title page's legend: manfnt's dangerous bend with the words beside it,
            # and the question about the per mille sign (TS1's ‰)
            "☡ 符号表示后面的内容需要比较深的 LATEX 知识。",
            "78 如何显示千分号 ‰？",
            # a URL displayed in a sentence stays in it
            "CTAN 可以说几乎收罗了世界上所有的 TEX 相关软件、文档，并保证不断更新。你可以访问 "
            "http://www.ctan.org 来得到更详细的信息。在 CTAN 中搜索文件可以参见 问题 14。",
        ),
        first_within=1,
        most_repeated=6,
    ),
    # A regulation: its title is the article's title, the articles 第一条 … 第二十三条 its text.
    "md_law_shanghai_smoking_control_regulation.md": Expect(
        articles=(1, 1),
        titles=("上海市公共场所控制吸烟条例",),
        first="第一条 为了消除和减少烟草烟雾的危害",
        last="第二十三条 本条例自2010年3月1日起施行。",
        paragraphs=(25, 60),
        absent=("INFO END", "<!--"),
        first_within=1,
        last_within=1,
    ),
    "md_lxgw_wenkai_readme_mixed_english.md": Expect(
        articles=(1, 1),
        titles=("LXGW WenKai / 霞鹜文楷",),
        first="",
        last="",
        paragraphs=(40, 120),
        absent=("![", "](http", "base64", "img.shields.io"),
        present=(
            "An open-source Chinese font derived from Fontworks' Klee One.",
            # the numbered ways to get the font keep their numbers; a bullet goes
            "1. 进入 Release 界面下载对应版本的 TTF 格式文件",
            "6. 如果您使用 Windows，已经安装过 Scoop",
            "@CL-Jeremy、@夜煞之乐 为字形设计提供指导；",
        ),
    ),
    # Subtitles: one article named after the file as a reader says it (the corpus's names
    # are its own labels, read like release names: underscores are spaces, s01e03 S01E03,
    # the format before the name and the language, script and encoding tags and what
    # follows them are not part of the title), one paragraph per cue, Chinese only.
    "srt_loki_s01e03_bilingual_chs_eng_utf8bom.srt": Expect(
        articles=(1, 1),
        titles=("Loki S01E03",),
        first="这里是全宇宙最强大的力量吗？",
        last="字幕翻译： 虫二",
        # 479 cues; 33 hold two speakers, a dash each (-绝对不可能 -真的是这样): a line each
        paragraphs=(505, 515),
        absent=("_", "utf8bom", "bilingual", "chs", "Is this the greatest power", "-->"),
        whole=("-绝对不可能", "-真的是这样"),
        first_within=1,
        last_within=1,
    ),
    "srt_bridge_of_spies_zhcn_inline_ass_tags.srt": Expect(
        articles=(1, 1),
        titles=("Bridge of Spies",),
        first="翻译",
        # cue 31 of the file is the epilogue card, timed at 02:14:08, after the last dialogue
        last="在多诺万的谈判之后 他一共拯救了9703名男人 妇女 和儿童",
        paragraphs=(1700, 2125),  # (53 cues of two speakers: a line each)
        absent=("{\\", "\\fs16", "And Donovan", "-->", "zhcn", "inline"),
        present=("冷战高潮期间",),
        first_within=1,
        last_within=1,
    ),
    "ass_oslo_2021_trad_utf16le.ass": Expect(
        articles=(1, 1),
        titles=("Oslo (2021)",),
        first="（阿語）",
        last="謝謝觀賞",
        paragraphs=(1200, 1415),  # (54 cues of two speakers: a line each)
        absent=("Dialogue:", "[Script Info]", "*Default", "trad", "utf16le"),
        present=("我會再確認時間地點", "對 系藍色領帶"),
        first_within=1,
        last_within=1,
    ),
    # Animated credits repeat one line dozens of times; Japanese lines stand beside Chinese.
    "ass_ainouta_movie_tc_effects_utf8bom.ass": Expect(
        articles=(1, 1),
        titles=("Ainouta",),
        first="",
        last="來…牽起彼此的手吧",
        paragraphs=(700, 2156),
        absent=("{\\", "\\pos", "Dialogue:", "utf8bom", "effects"),
        present=("讓我聽見愛的歌聲",),
        last_within=1,
        # the credit line animated frame by frame (dozens of cues) is there once or twice;
        # a name called again and again (悟美, 18 times) is dialogue
        repeated_at_most=("字幕製作：喵萌奶茶屋", 3),
    ),
}

# read by OCR, against their hand-checked text: tests/test_ocr.py
IMAGES = ("img_screenshot_wechat_article_zh.jpg", "img_font_specimen_lxgw_wenkai_mixed.png")


@pytest.fixture(scope="module")
def imported() -> dict[str, list[ImportedArticle] | str]:
    """Every corpus document imported once (or the message it was refused with)."""
    result: dict[str, list[ImportedArticle] | str] = {}
    for name in EXPECTED:
        try:
            result[name] = import_file(CORPUS / name)
        except ImportFailed as error:
            result[name] = f"refused: {error}"
    return result


def _articles(imported: dict[str, list[ImportedArticle] | str], name: str) -> list[ImportedArticle]:
    articles = imported[name]
    assert not isinstance(articles, str), articles
    return articles


def test_every_document_is_covered() -> None:
    on_disk = {p.name for p in CORPUS.iterdir()} - {"SHA256SUMS", "SOURCES.md"}
    assert on_disk == set(EXPECTED) | set(IMAGES)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_articles_and_titles(imported: dict[str, list[ImportedArticle] | str], name: str) -> None:
    expect = EXPECTED[name]
    articles = _articles(imported, name)
    low, high = expect.articles
    assert low <= len(articles) <= high, [a.title for a in articles[:30]]
    titles = [a.title for a in articles[: len(expect.titles)]]
    assert len(titles) == len(expect.titles)
    # a title made from the first words may be clipped with "…": the start is what counts
    assert all(t.startswith(e) for t, e in zip(titles, expect.titles, strict=True)), titles


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_main_text_begins_and_ends(
    imported: dict[str, list[ImportedArticle] | str], name: str
) -> None:
    expect = EXPECTED[name]
    articles = _articles(imported, name)
    head = articles[0].paragraphs[: expect.first_within]
    tail = articles[-1].paragraphs[-expect.last_within :]
    if expect.first:
        assert any(p.startswith(expect.first) for p in head), head
    if expect.last:
        assert any(expect.last in p for p in tail), tail


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_paragraphs_are_clean(imported: dict[str, list[ImportedArticle] | str], name: str) -> None:
    expect = EXPECTED[name]
    articles = _articles(imported, name)
    paras = [p for a in articles for p in a.paragraphs]
    low, high = expect.paragraphs
    assert low <= len(paras) <= high
    text = "\n".join(a.title + "\n" + a.text for a in articles)
    for furniture in expect.absent:
        assert furniture not in text, furniture
    for piece in expect.present:
        assert any(piece in p for p in paras), piece
    for paragraph in expect.whole:
        assert paragraph in paras, [p for p in paras if paragraph[:6] in p]
    assert not TIMECODE.search(text), TIMECODE.search(text)
    # (a listing's line that is a bracket alone, ``{`` or ``\\[``, is code: it stays)
    broken = [
        p
        for p in paras
        if CONTINUATION.match(p) or (PUNCTUATION_ONLY.match(p) and not CODE_BRACKET.search(p))
    ]
    assert not broken, broken[:5]
    if expect.most_repeated:
        counts: dict[str, int] = {}
        # (a listing's lines are the document's own, each a line: \hline, \end{document})
        for p in (p for p in paras if not p.lstrip().startswith("\\")):
            counts[p] = counts.get(p, 0) + 1
        worst = max(counts, key=counts.__getitem__)
        assert counts[worst] <= expect.most_repeated, (worst, counts[worst])
    piece, at_most = expect.repeated_at_most
    if piece:
        assert sum(1 for p in paras if piece in p) <= at_most


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n.endswith((".srt", ".ass"))))
def test_subtitles_keep_each_line_s_timing(
    imported: dict[str, list[ImportedArticle] | str], name: str
) -> None:
    (article,) = _articles(imported, name)
    assert len(article.cue_times) == len(article.paragraphs)
    starts = [start for start, _ in article.cue_times]
    assert starts == sorted(starts)
    assert all(start <= end for start, end in article.cue_times)
