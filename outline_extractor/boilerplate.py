"""What archives and websites add to a text, as data: site boilerplate, cut markers, blurbs.

Each `Cruft` row is a regex that a whole line must match (after the normaliser's cleaning),
with the reason reported when such a line is dropped. `CUTS` find an omission or a cut
inside a line; `TOOLBAR_TOKENS` are the one-token-a-line pieces of reader toolbars,
breadcrumbs and share bars, which count as cruft only next to other cruft.
"""

from __future__ import annotations

import re
from . import lazyre
from dataclasses import dataclass


@dataclass(frozen=True)
class Cruft:
    reason: str
    pattern: re.Pattern[str]
    example: str
    #: for a label (来源：) left without its value: what the value on the next line looks like
    value: re.Pattern[str] | None = None
    #: only within the first and last lines of a text (a 时间： line in a meeting notice is content)
    edges_only: bool = False
    #: whether the paragraph ends where the line was dropped (a page number between two halves
    #: of a sentence does not end it)
    breaks: bool = True


def _c(reason: str, pattern: str, example: str, value: str | None = None, edges_only: bool = False,
       breaks: bool = True) -> Cruft:
    return Cruft(reason, lazyre.compile(pattern), example, lazyre.compile(value) if value else None, edges_only, breaks)


_TIMESTAMP = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s\d{1,2}:\d{2}(?::\d{2})?)?|\d{4}年\d{1,2}月\d{1,2}日\s?\d{1,2}时\d{1,2}分"


CRUFT: tuple[Cruft, ...] = (
    _c("reader toolbar", r"^(?:下载|打印|全屏|收藏|加大|还原|减小|【字号[：:]?|【字体[：:]?|字号[：:]|【|】|×|\||>|›|»)$", "【字号："),
    _c("reader toolbar", r"^【?字[号体][：:]\s?[大中小]\s?[大中小]\s?[大中小]】?$", "【字号：大 中 小】"),
    _c("share bar", r"^(?:分享到?[：:]?.{0,12}|分享到微信\s?×?|收藏\s?\|?\s?分享到[：:]?)$", "分享到："),
    _c("breadcrumb", r"^(?:当前位置|您的位置|您现在的位置|您所在的位置|所在位置)[：:].{0,60}$", "当前位置：首页 > 讲话稿"),
    _c("breadcrumb", r"^[^\s。，,：:；;>＞»›]{1,8}\s?[>＞»›]$", "快讯 >", edges_only=True),
    _c("page trailer", r"^(?:扫一扫在手机打开当前页|【?\s?打印本页\s?】?\s?(?:【\s?关闭窗口\s?】)?|【?\s?关闭窗口\s?】?|打印本页|关闭窗口)$", "【打印本页】【关闭窗口】"),
    _c("link list", r"^(?:相关报道|相关文档|相关阅读|相关链接|相关附件|延伸阅读|推荐阅读|往期推荐|往期回顾|热文推荐)(?:[：:]|>>)?$", "往期推荐"),
    _c("page trailer", r"^》*点击图片进入专题《*$", "》》点击图片进入专题《《"),
    _c("link id", r"^[0-9a-f]{32}[：:]?$", "abcd39f1fb7f426d9dfb6bd0fa1f2146:"),
    _c("byline", r"^(?:来源|作者|编辑|责任编辑|审核|校对|供稿)[：:]\s?.{0,20}$", "来源：北京日报",
       value=r"^[^。！？，,：:；\s]{1,12}(?<![讲话报告通知意见方案])$", edges_only=True),
    _c("byline", rf"^(?:发表时间|发布时间|时间|日期)[：:]\s?(?:{_TIMESTAMP})?$", "时间：2026-02-02",
       value=rf"^(?:{_TIMESTAMP})$", edges_only=True),
    _c("page counter", r"^(?:阅读量|浏览次数|点击数|访问量)[：:]\s?\d*$", "阅读量：", value=r"^\d+$", edges_only=True),
    _c("byline", r"^（来源[：:].{1,20}）\s?(?:编辑[：:].{1,10})?$", "（来源：青海日报）", edges_only=True),
    _c("timestamp", rf"^(?:{_TIMESTAMP})$", "2026-02-03 09:02:33", edges_only=True),
    _c("photo caption", r"^.{0,60}(?:记者|通讯员|摄影)[^。！？，]{0,16}摄$|^[^。]{2,40}。\S{0,14}(?:记者|通讯员)\s?\S{2,4}(?:\s\S{1,4})?$",
       "殷勇同志作政府工作报告。本报记者 戴冰摄", edges_only=True),
    _c("site blurb", r"^.{0,120}以下是.{0,8}(?:为您|为大家)?整理.{0,80}(?:参考|阅读|借鉴)[！!。.]?$", "以下是网友为您整理分享的“…”相关范文，供您参考！"),
    _c("site navigation", r"^(?:上一篇|下一篇|上一页|下一页|返回列表|返回顶部)[：:]?.{0,60}$", "上一篇：…"),
    _c("price notice", r"^(?:本文|本篇|全文)?\s?(?:\d+(?:\.\d+)?元|价格[：:].{0,10}|下载需.{0,10}|VIP.{0,20})$", "本文6元"),
    _c("download prompt", r"^.{0,10}(?:点击下载全文|下载全文|下载此文档|立即下载|免费下载).{0,10}$", "点击下载全文"),
    _c("dot run", r"^[.。…·\s]{6,}$|^…{2,}$|^\.{3,}$", ".................."),
    _c("page trailer", r"^(?:【\s?(?:关闭|打印|返回|顶部|收藏|打印本页|关闭窗口|返回顶部)\s?】\s?)+$", "【打印】【关闭】"),
    _c("link list", r"^(?:相关推荐|猜你喜欢|热门推荐|精彩推荐|热门文章|最新文章|相关文章|推荐文章)(?:[：:]|>>)?$", "猜你喜欢："),
    _c("share bar", r"^(?:点击(?:上方)?蓝字\s?关注我们|(?:分享|收藏|点赞|在看|转发)(?:\s(?:分享|收藏|点赞|在看|转发))+|阅读原文|-\s?END\s?-|图片)$", "点击蓝字 关注我们"),
    _c("breadcrumb", r"^(?:首页|网站首页|主页)\s?[>＞»›/]\s?.{0,60}$", "首页 > 新闻中心 > 领导讲话"),
    _c("share bar", r"^(?:微信)?扫一扫.{0,12}$|^扫码.{0,12}$|^(?:微信|微博|QQ空间)(?:\s?(?:微信|微博|QQ空间|QQ))*$", "扫码关注公众号"),
    _c("page counter", r"^(?:阅读次数|阅读数|点击量|点击次数|浏览量|浏览|人气)[：:]\s?\d+次?$", "阅读次数：1234", edges_only=True),
    _c("byline", r"^[（(](?:责任编辑|编辑|审核|校对|来源)[：:].{1,20}[）)]$", "（责任编辑：某某）", edges_only=True),
    _c("length note", r"^[（(]?(?:全文|本文)(?:共计?|约|共约)?\s?\d+\s?字[^。]{0,20}[）)]?$", "（全文共5632字）", edges_only=True),
    _c("site notice", r"^(?:版权声明|免责声明|特别声明)[：:].{0,120}$", "免责声明：本站部分内容来自网络", edges_only=True),
    _c("site notice", r"^本文(?:由|来自|系|转载自|内容由).{0,60}(?:参考|删除|整理|投稿|转载|联系我们|所有)[。！!]?$", "本文由网友投稿整理，仅供参考。", edges_only=True),
    _c("site notice", r"^更多.{0,20}(?:请访问|请关注|请点击|尽在|敬请关注).{0,20}$", "更多精彩范文请访问本站", edges_only=True),
    _c("expand prompt", r"^(?:展开全文|收起全文|收起|查看更多|阅读全文|查看全文|显示全部|加载更多)\s?[>》∨]*$", "展开全文"),
    _c("document site", r"^(?:下载本文档|下载文档|举报|举报该文档|文档页数[：:]\s?\d+|页数[：:]\s?\d+|文件大小[：:].{0,12})$", "文档页数：12"),
    _c("page number", r"^第\s?\d+\s?页\s?[，,/]?\s?共\s?\d+\s?页$|^\d{1,3}\s?/\s?\d{1,3}$", "第1页 共3页", breaks=False),
    _c("page number", r"^[—－\-–]{1,2}\s?\d{1,3}\s?[—－\-–]{1,2}$", "— 3 —", breaks=False),
)

#: One-token lines of toolbars and breadcrumbs that are cruft only beside other cruft.
TOOLBAR_TOKENS = frozenset(["大", "中", "小", "首页", "收藏", "分享", "打印", "下载", "|", "更多"])

#: Prompts a site puts where it stops showing the text: (pattern, example). A new prompt is one
#: row here (tests/test_cleaning.py checks each example is reported as `truncated`).
CUT_PROMPTS: tuple[tuple[str, str], ...] = (
    (r"因篇幅问题不能全部显示[，,]?\s?请点此查看更多更全内容", "因篇幅问题不能全部显示，请点此查看更多更全内容"),
    (r"[（(]未完[，,]?\s?(?:请点击|点击|请看|请见|见)下一页[）)]|[（(]未完(?:待续)?[）)]|未完待续", "（未完，请点击下一页）"),
    (r"(?:内容|全文|正文)(?:已|被|过长[，,]?已)截断", "内容已截断"),
    (r"查看全文请登录|(?:请)?登录后(?:可|即可)?(?:查看|阅读)(?:全文|完整内容|剩余内容)", "查看全文请登录"),
    (r"(?:开通|成为)(?:VIP|会员)(?:即可|后)?(?:查看|阅读)(?:全文|完整内容|剩余内容)", "开通会员查看全文"),
    (r"(?:付费|购买后|支付后)(?:即可)?(?:阅读|查看)(?:全文|完整内容|剩余内容)", "付费阅读全文"),
    (r"下载(?:文档|后)(?:可|即可)?(?:查看|阅读)(?:全文|完整内容|剩余内容)", "下载文档查看全文"),
    (r"(?:剩余|余下)(?:\d{1,3}%)?(?:内容)?未读", "剩余80%未读"),
    (r"(?:限于篇幅|篇幅所限)[，,]?\s?(?:此处|以下|下文)?(?:内容)?(?:从略|略去|省略|不再(?:展开|列出|赘述))", "限于篇幅，此处从略"),
    (r"[（(]以下(?:内容)?(?:略|从略|省略)[）)]", "（以下内容略）"),
)

#: Omissions and cuts inside a line: (reason, pattern with an optional group `n` = characters omitted)
CUTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("omission", lazyre.compile(r"此处(?:省略|略去)(?P<n>\d+)字")),
    ("omission", lazyre.compile(r"[（(]?此处有删节[）)]?|[（(](?:有删节|略|下略|内容略)[）)]")),
    ("preview end", lazyre.compile(r"预览结束[，,]?\s?全文\d+字[，,]?\s?当前显示\d+字[，,]?\s?还剩(?P<n>\d+)字")),
    ("preview end", lazyre.compile(r"(?:试读|预览)(?:结束|已结束)|剩余\s?(?P<n>\d+)\s?字未显示")),
    ("download wall", lazyre.compile(r"(?:不往下看了|继续阅读|阅读全文)[，,]?\s?(?:请)?点击下载全文|点击下载全文")),
    ("cut prompt", lazyre.compile("|".join(f"(?:{pattern})" for pattern, _ in CUT_PROMPTS))),
)

#: Two characters, one pair of which every cut marker holds (删节 of 此处有删节, 略） of （略）,
#: 省略 of 此处省略765字, 查看/阅读 of 开通会员查看全文 …), each found by the first of its characters
#: that is in CUT_ANCHORS (rare characters: `str.find` of one character is far faster than of
#: two). Only the lines holding a pair are tried against `CUTS`. A new row must hold one of
#: them (tests/test_cleaning.py checks each example is found).
CUT_GATE = (
    "删节", "略）", "略)", "省略", "略去", "预览", "试读", "剩余", "余下", "下载", "篇幅", "未完", "未读",
    "截断", "登录", "查看", "阅读",
)
CUT_ANCHORS = ("略", "删", "览", "读", "载", "篇", "截", "登", "看", "余", "未")

#: Rare strings, one of which every match of a `CRUFT` row without a known first character
#: holds (> of a breadcrumb, 载 of 点击下载全文, 摄 of a photo caption …); checked against the
#: rows' needed strings when the table is first used (the normaliser scans for the rows
#: themselves when they do not hold).
CRUFT_ANCHORS = (">", "＞", "»", "›", "载", "以下是", "摄", "记", "讯")

#: A line that is a paragraph cut short by the site: it ends in a run of dots after a space.
TRAILING_CUT = lazyre.compile(r"\s?(?:……|\.{3,}|…)\s*$")


def without_trailing_cut(text: str) -> str:
    """`text` with a trailing cut (TRAILING_CUT) taken off. The pattern is anchored at the end,
    which Python's engine cannot search from: it is run only on a text that ends, spaces
    aside, with … or ., the last character it can match."""
    if text.rstrip()[-1:] not in ("…", "."):
        return text
    return TRAILING_CUT.sub("", text)


def compile_user_patterns(patterns: list[str]) -> tuple[Cruft, ...]:
    """User patterns (one regex each, matched against a whole line) as extra rows."""
    rows = []
    for text in patterns:
        text = text.strip()
        if not text or text.startswith("#"):
            continue
        rows.append(Cruft("user pattern", re.compile(text if text.startswith("^") else f"^(?:{text})$"), text))
    return tuple(rows)
