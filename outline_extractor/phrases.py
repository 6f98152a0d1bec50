"""Phrases of meetings and document heads, as data: what a title, a salutation, an agenda,
an agenda item's opening and a declared count look like. Used by metadata.py and meeting.py.
"""

from __future__ import annotations

import re
from . import lazyre

#: The numerals a count is written with (besides digits): 三, 十二, 两, 几 (unknown).
_COUNT_NUMERALS = "一二三四五六七八九十两几"
#: A count as printed: 三, 十二, 两, 几 (unknown), 4.
COUNT = rf"(?P<n>[{_COUNT_NUMERALS}]{{1,3}}|\d{{1,2}})"

#: Document types by the word a title ends with, most specific first.
DOC_TYPES: tuple[tuple[str, str], ...] = (
    ("主持词", "主持词"), ("主持稿", "主持词"), ("串词", "主持词"),
    ("开幕词", "致辞"), ("闭幕词", "致辞"), ("致辞", "致辞"), ("致词", "致辞"), ("贺词", "致辞"), ("欢迎词", "致辞"),
    ("发言稿", "发言"), ("表态发言", "发言"), ("交流发言", "发言"), ("发言", "发言"),
    ("讲话稿", "讲话"), ("讲稿", "讲话"), ("重要讲话", "讲话"), ("讲话", "讲话"), ("演说", "讲话"), ("演讲", "讲话"), ("动员词", "讲话"),
    ("工作报告", "报告"), ("报告", "报告"), ("述职报告", "报告"),
    ("总结", "总结"), ("通知", "通知"), ("通报", "通报"), ("通告", "通告"), ("公告", "公告"),
    ("指导意见", "意见"), ("实施意见", "意见"), ("若干意见", "意见"), ("意见", "意见"),
    ("实施方案", "方案"), ("工作方案", "方案"), ("方案", "方案"), ("规划", "规划"), ("纲要", "规划"),
    ("决定", "决定"), ("决议", "决议"), ("批复", "批复"), ("复函", "函"), ("函", "函"), ("答复", "答复"),
    ("请示", "请示"), ("纪要", "纪要"), ("问答", "问答"), ("解答", "解答"), ("解释", "解释"), ("解读", "解读"),
    ("工作要点", "要点"), ("要点", "要点"), ("工作计划", "计划"), ("计划", "计划"),
    ("倡议书", "倡议"), ("倡议", "倡议"), ("公报", "公报"),
    ("实施细则", "细则"), ("办法", "办法"), ("规定", "规定"), ("规则", "规则"), ("细则", "细则"),
    ("条例", "条例"), ("宪法", "法律"), ("法", "法律"),
)

#: Words that end a speaker's role (书记, 局长 …): what comes after them in a byline is a name.
ROLE_WORDS = (
    "书记", "副书记", "常委", "委员", "主任", "副主任", "主席", "副主席", "局长", "副局长", "市长", "副市长",
    "县长", "副县长", "区长", "副区长", "省长", "副省长", "部长", "副部长", "厅长", "副厅长", "处长", "科长",
    "镇长", "乡长", "校长", "院长", "所长", "秘书长", "理事长", "会长", "董事长", "总经理", "负责人", "代表",
    "组长", "队长", "主任委员", "总理", "副总理", "国务委员", "检察长", "政委", "司令员", "主管",
)

#: A salutation: a short line of addressees ending with a colon. (Each of these line patterns
#: opens with a look-ahead its matches pass anyway: a line that cannot end where the pattern
#: ends is refused before its words are looked for.)
SALUTATION = lazyre.compile(
    r"^(?=[^。！？；]{0,42}[：:]$)(?:尊敬的|亲爱的)?[^。！？；]{0,24}?(?:同志们|同事们|代表|委员|领导|来宾|嘉宾|朋友们|同学们|老师们|同仁|女士们|先生们|各位)"
    r"[^。！？；]{0,12}[：:]$"
)
#: A 公文's addressees (主送机关).
ADDRESSEE = lazyre.compile(r"^(?=[^。！？；]{3,93}[：:]$)[^。！？；]{2,80}(?:政府|部门|部委|机构|单位|机关|委员会|局|厅|办|公司|学校|院)[^。！？；]{0,10}[：:]$")

#: Closing phrases of a speech or a meeting.
CLOSING = lazyre.compile(
    r"(?:散会|谢谢大家|谢谢各位|谢谢|多谢各位|多谢大家|会议到此结束|就讲这些|讲这些)[。！!]?$"
    r"|^以上报告[，,]?请[^。]{0,20}(?:审议|评议|审阅|批示|指正)[。！!]?$"
)

#: A subtitle: ——2026年1月25日在北京市第十六届人民代表大会第四次会议上 (the dash is sometimes lost)
SUBTITLE = lazyre.compile(
    r"^(?:[—－-]{1,2}\s?(?P<body>.+)|(?P<dated>(?:\d{4}|[〇○零一二三四五六七八九]{4})年[^在]{2,8}在.{4,60}上))$"
)
#: An opening paragraph that dates the occasion: 2026年4月18日，…今天，我们在…相聚
_FULL_DATE = r"(?P<date>(?:\d{4}|[〇○零一二三四五六七八九]{4})年[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日)"
OCCASION_DATE = lazyre.compile(rf"^{_FULL_DATE}[，,].{{0,40}}?(?:今天|今日|此时此刻)")
#: A law's or rule's passage note: （2025年10月28日…会议通过　2025年12月3日…批准）
PASSED_LINE = lazyre.compile(r"^[（(](?P<date>\d{4}年\d{1,2}月\d{1,2}日)[^）)]{0,80}?(?:通过|公布|发布|批准|修订|修正)")
#: Minutes open with their meeting's date: 2026年4月10日上午，县长某某主持召开…
MINUTES_DATE = lazyre.compile(rf"^{_FULL_DATE}(?:上午|下午|晚上)?[，,][^。]{{0,60}}?(?:召开|举行|主持)")
#: A dateline alone in brackets: （2025年3月12日） （一九四八年四月一日）
DATE_LINE = lazyre.compile(r"^[（(]?(?P<date>(?:中华民国|民国)?[0-9〇○零一二三四五六七八九十]{2,4}年[0-9〇○零一二三四五六七八九十]{1,2}月(?:[0-9〇○零一二三四五六七八九十]{1,3}日)?)[^）)]{0,30}[）)]?$")
DATE = lazyre.compile(r"(?:(?:中华民国|民国)(?P<roc>\d{2,3})|(?P<year>\d{4}|[〇○零一二三四五六七八九]{4}))年(?:(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})月(?:(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})日)?)?")
#: A 文号: 国办发〔2018〕121号, 临政发[2025]8号
#: The issuer's mark on top of a 公文 (版头), not its title: 临江市人民政府办公室文件
ISSUER_MARK = lazyre.compile(r"^[\u4e00-\u9fff（）()、]{2,40}文件$")
#: An issuing body's name on a line of its own.
ISSUER = lazyre.compile(r"^[\u4e00-\u9fff（）()、]{2,30}(?:政府|办公室|办公厅|委员会|党委|党组|局|厅|部|院|委|办|公司|集团|中心|协会|学校)$")
DOC_NUMBER = lazyre.compile(r"^[^\s。，]{1,12}[〔\[［【(（]\d{4}[〕\]］】)）]\s?\d{1,4}号$")
#: "在…上的讲话" and its kin: who spoke, at which meeting.
AT_MEETING = lazyre.compile(
    r"^(?P<who>.*?)在(?P<meeting>.+?)(?:(?:上|中)的(?P<kind>[^的]{1,8})|(?P<bare_kind>致辞|致词|讲话|发言|演讲))$"
)
SPEAKER_LINE = lazyre.compile(
    rf"^(?=[^\s。，：:]{{1,{20 + max(map(len, ROLE_WORDS))}}}\s)"  # a role is a run of at most 20 + a role word, then a space
    r"(?P<role>[^\s。，：:]{0,20}?(?:" + "|".join(ROLE_WORDS) + r"))\s+(?P<name>[^\s。，：:（(]{2,4})$"
)
#: Where a meeting is held: (主会场设|会议|会场设)在 + a venue. Found from its 在 (the engine's
#: literal search): the words before it never change which venue is found.
PLACE = lazyre.compile(r"在(?P<place>[^，。；]{2,24}?(?:会议室|礼堂|会堂|大厅|宾馆|酒店|中心|广场|报告厅|多功能厅))(?:召开|举行|举办)?")

#: Lines of a site's blurb that sit between a title and its repetition.
BLURB = lazyre.compile(r"(?:网友|为您整理|供您参考|相关范文|仅供参考)")

# --- agendas ---------------------------------------------------------------------------------

#: Who says a line in a script for two hosts: 男：… / 女：… / 合：… / 主持人：…
HOST_ROLE = r"(?:(?:男|女|合|甲|乙|主持人|男主持|女主持|主持)[：:])?"
HOST_ROLE_LINE = lazyre.compile(r"(?:男|女|合|甲|乙|主持人|男主持|女主持)[：:]")
#: The words a host calls the agenda by: 议程 / 议题 / 日程 / 程序 (traditional 議程 folds to 议程).
AGENDA_WORD = r"(?:议程|议题|日程|程序)"
#: An item's number as an agenda counts it: 第(一)项 / 第(二)个议题.
_AGENDA_NUM = r"第(?P<num>[一二三四五六七八九十]{1,2}|\d{1,2})"

#: A paragraph that declares the agenda: 本次会议议程共有四项：… / 今天的会议有三项议程 / 会议议程：
#: / 此次会议的日程共有两项 / 今天会议的议程是：…. 日程 and 程序 declare only with a count or
#: after 会议/仪式 (审批程序： is no agenda).
AGENDA_DECLARATION = lazyre.compile(
    rf"{AGENDA_WORD}(?:共有|共|主要有|有|安排了?)(?:以下|如下)?{COUNT}(?:项|个)"
    rf"|{COUNT.replace('?P<n>', '?P<n2>')}(?:项|个)(?:议程|议题)"
    rf"|(?:有|共有|共){COUNT.replace('?P<n>', '?P<n3>')}项(?:日程|程序)"
    r"|(?:会议|大会)?(?:议程|议题)(?:如下|是|为|主要是)?[：:]"
    r"|(?:会议|大会|仪式|典礼)的?(?:议程|议题|日程|程序)(?:如下|是|为|主要是)[：:]?"
    # 今天的会议主要有三项内容 / 大会共有两项内容 (内容 only with a meeting and a count)
    rf"|(?:会议|大会)(?:主要)?(?:有|共有|共|安排了?){COUNT.replace('?P<n>', '?P<n4>')}项(?:主要)?内容"
)
#: A word every declaration holds (a cheap gate before the declaration's patterns).
AGENDA_DECLARATION_WORDS = ("议程", "议题", "日程", "程序", "内容")
#: The opening of an agenda item: 进行会议第一项议程 / 下面进行第三项 / 进行大会最后一项议程 /
#: 进行第一项日程 / 进行下一项议程. The agenda word is part of the opening, never of its words.
#: (every opening starts with this word: meeting.py scans for it first)
AGENDA_OPENING_WORD = "进行"
AGENDA_OPENING = lazyre.compile(
    rf"{AGENDA_OPENING_WORD}(?:今天|本次)?(?:会议|大会|本次会议|仪式|典礼)?的?(?:{AGENDA_WORD}的?)?"
    rf"(?:{_AGENDA_NUM}|(?P<last>最后)|(?P<next>下一))(?:一?项|一?个(?={AGENDA_WORD})){AGENDA_WORD}?"
)
#: A step that opens its paragraph without 进行, as ceremonies print them: 第一项，鸣炮奏乐； /
#: 仪式第二项：升国旗。 / 第三项议程：…. It counts only as a list of such steps (see meeting.py).
AGENDA_STEP = lazyre.compile(
    rf"^{HOST_ROLE}(?:(?:下面|现在|接下来|首先|然后)[，,]?)?(?:(?:会议|大会|仪式|典礼)的?)?{_AGENDA_NUM}项{AGENDA_WORD}?(?:(?:是|为)[，,：:]?|[，,：:、])"
)
#: A step named by the agenda word and its number: 议题一：… / 下面进行议程二，…
AGENDA_NAMED_STEP = lazyre.compile(
    rf"^{HOST_ROLE}(?:(?:下面|现在|接下来|首先|然后)[，,]?)?(?:进行)?(?:会议|大会)?的?(?:议程|议题)"
    r"(?P<num>[一二三四五六七八九十]{1,2}|\d{1,2})[：:，,、]"
)
#: The host handing over for the last item without naming it: 最后，请市长作重要讲话。
AGENDA_LAST_STEP = lazyre.compile(r"^最后[，,]?(?=请|由)")
#: A host's opening with 进行 near the start of its line: 首先，进行会议第一项议程 / 仪式进行第二项.
AGENDA_OPENING_LINE = lazyre.compile(r"^[^。]{0,12}?进行(?:今天|本次)?(?:会议|大会|仪式|典礼)?的?(?:第[一二三四五六七八九十\d]{1,3}|最后|下一)一?(?:项|个)")
#: What a stage direction in a host script says: （报告完毕后） （稍停） （宣读名单） （掌声）.
STAGE_WORDS = (
    "稍停", "停顿", "掌声", "鼓掌", "起立", "坐下", "落座", "就座", "奏乐", "鸣炮", "播放", "宣读", "讲话", "传达",
    "签订", "签字", "颁奖", "领奖", "发言", "名单", "举手", "表决", "报告", "介绍", "上台", "下台", "退场", "入场",
    "合影", "致辞", "宣誓", "默哀", "礼毕", "完毕", "结束", "奏国歌", "唱国歌", "音乐", "上场", "开场",
)
#: A stage direction: a bracket of a few words (no digits, no full stop) saying one of STAGE_WORDS. Never part
#: of an item's words; 高二（3）班 and （草案） stay.
STAGE_DIRECTION = lazyre.compile(rf"[（(][^（）()。\d]{{0,8}}?(?:{'|'.join(STAGE_WORDS)})[^（）()。\d]{{0,8}}[）)]")
STAGE_DIRECTION_LINE = lazyre.compile(rf"{STAGE_DIRECTION.pattern}$")
#: Who speaks in an item: 请市应急管理局局长某某同志通报… / 欢迎市委书记同志作重要讲话 / 由副市长某某同志代表…
_ITEM_VERBS = "作|做|通报|发言|讲话|宣读|传达|介绍|汇报|报告|说明|致辞|主持|领学|解读|部署|签订|签署|宣布|领读|揭牌|剪彩|授旗|授牌"
#: 请 as a hand-over, not inside 提请 / 申请 / 邀请.
_HAND = r"(?:(?<![提申邀])请|欢迎|由)"
SPEAKER_IN_ITEM = (
    # 请X同志与各单位负责同志签订…: X, not the ones X signs with; 请X同志受…委托，作… / 就…作说明: X
    lazyre.compile(
        rf"{_HAND}(?P<who>(?:(?!同志)[^，。；：:]){{2,30}}?)同志"
        rf"(?:[与和同][^。；]{{0,40}}?|受[^。；，]{{1,20}}委托[，,]?|就[^。；，]{{1,20}}?)?(?:{_ITEM_VERBS}|代表)"
    ),
    lazyre.compile(rf"{_HAND}(?P<who>[^，。；：:]{{2,30}}?)(?:依次|依序|分别|先后)?(?:{_ITEM_VERBS})"),
)
#: A hand-over line of its own inside an item: 请市交通运输局局长某某同志发言。
#: 请区人武部部长孙某同志传达 / 请副县长作关于…的报告。
HAND_OVER = lazyre.compile(
    r"^(?:下面|接下来|现在|首先|其次|然后|随后|最后|再)?[，,]?(?:请|欢迎)(?!大家|各位|全体|坐)[^。]{2,40}?"
    r"(?:发言|讲话|致辞|汇报|传达|宣读|通报|介绍|作报告|作说明)[^。！]{0,40}[。！]?(?:大家欢迎[。！]?)?$"
)
#: A title that names a host's script or a ceremony.
HOSTED_TITLE = lazyre.compile(r"主持词|主持稿|串词|仪式|典礼")
#: A meeting being run by its host (a host script even without a declared agenda).
MEETING_OPENED = lazyre.compile(r"现在开会|(?:会议|大会|仪式|典礼)(?:现在)?(?:正式)?开始|现在开始开会")
#: What every MEETING_OPENED match holds (meeting.py scans for these first).
MEETING_OPENED_WORDS = ("开始", "开会")
#: A host's step when nothing is numbered: 首先，请…同志传达…。 / 接下来，观看警示教育片《…》。
#: (请县委书记讲话 names no 同志: a role and a speaking verb will do)
HOST_STEP = lazyre.compile(
    rf"^{HOST_ROLE}(?:首先|接下来|下面|现在|然后|随后|最后)[，,]?\s*"
    r"(?P<words>请(?!允许|大家|各位|坐|全体)(?:[^。！!]{2,80}?同志[^。！!]{0,80}"
    r"|[^。！!，,]{2,30}?(?:讲话|致辞|发言|作[^。！!，,]{0,16}报告|宣读[^。！!]{1,60}|传达[^。！!]{1,60}|通报[^。！!]{1,60}))"
    r"|(?:观看|收看|播放|奏唱|颁发|举行)[^。！!]{1,60})[。！!]"
)
#: Where the host takes the floor back after the last item.
HOST_RESUMES = lazyre.compile(r"^(?:同志们[，,：:]|刚才[，,]|今天的会议到此结束|会议到此结束|散会)")

# --- declared counts -------------------------------------------------------------------------

#: Verbs that announce a list of tasks: 抓好三个方面, 办好十件民生实事, 做到“三个不准”：, 把握好两点.
#: One thing (高效办成一件事) is no list; a quoted slogan (做到“两个维护”) is one only before a colon.
_TASK_VERBS = "抓|做|办|突出|聚焦|把握|注意把握|包括|围绕|推进|落实|部署|完成|实施|开展|推出|办成"
#: A few characters between the measure word and the noun: 十件(民生)实事, 四项(重点)工作.
_QUALIFIER = r"[\u4e00-\u9fff]{0,4}?"

DECLARED_COUNTS: tuple[re.Pattern[str], ...] = (
    lazyre.compile(rf"(?:讲|谈|提|强调|说|讲讲|谈谈|提出|明确|汇报|报告|分享|交流)(?:以下)?{COUNT}(?:点|条|个方面的?|个部分的?)(?:意见|体会|要求|建议|看法|想法|认识|希望|内容|观察|思考|感受|(?=[：:]))"),
    lazyre.compile(rf"从{COUNT}个方面"),
    lazyre.compile(rf"{AGENDA_WORD}(?:共有|共|主要有|有|安排了?){COUNT}项"),
    lazyre.compile(rf"(?:有|共有|共|研究了?|审议了?|讨论了?){COUNT}(?:项|个)(?:议程|议题)"),
    lazyre.compile(rf"(?:有|共有|共){COUNT}项(?:日程|程序)"),
    lazyre.compile(
        rf"(?:{_TASK_VERBS})(?:了|好|到)?(?![一1][个项件点]){COUNT}"
        r"(?:个?方面|个(?:重点|环节|到位|坚持|关键)"
        rf"|项{_QUALIFIER}(?:任务|工作|措施|实事|举措|行动|改革|要求|内容)|件{_QUALIFIER}(?:实事|大事|好事|事)"
        r"|点(?=[：:，,。]))"
    ),
    lazyre.compile(rf"(?:{_TASK_VERBS})(?:了|好|到)?[“\"]{COUNT}个[\u4e00-\u9fff]{{1,6}}[”\"](?=[：:])"),
    lazyre.compile(rf"(?:至少|共)?有(?![一1]个){COUNT}个(?:突出)?(?:亮点|特点|方面|成效|变化|问题)"),
    lazyre.compile(rf"(?:以下|如下){COUNT}(?:个方面|点|项)"),
)
#: What every DECLARED_COUNTS row holds: a count's last character right before its measure
#: word (三点, 十二项, 4个方面). meeting.py finds counts from the measure words with a count
#: character before them (`_count_anchors`), so a new row must hold it too: tests/test_scan.py
#: checks every row against DECLARED_COUNT_GATE, which says it as one pattern.
COUNT_UNITS = ("点", "条", "个", "项", "件", "方面")
COUNT_DIGIT = rf"[{_COUNT_NUMERALS}\d]"
DECLARED_COUNT_GATE = lazyre.compile(rf"{COUNT_DIGIT}(?:{'|'.join(COUNT_UNITS)})")
