"""Which way a comment asks the draft to move: stricter (or keep it), laxer, or it does not say.

Opposite asks on one article share most of their words (允许外摆 / 禁止外摆, 保留上限 / 放宽上限);
the direction keeps them apart. The cues are the general vocabulary of comments on any law, and
a negation just before an action flips it: 别删掉 keeps, 不能放松 tightens, 别全禁掉 relaxes.
"""

import re

# Just before a cue: 不, 别, 不要, 不能…, with at most one filler character (别全禁掉, 不要再放宽).
_NEGATION = re.compile(r"(?:不要|不能|不可|不应|不宜|不得|不必|无需|千万别|别|勿|没有|没|不)[全再要能都太必]?$")
_LOOK_BACK = 4
# (cues, direction, whether a negation flips them); +1 stricter or keep, -1 laxer.
_CUES = tuple((re.compile(pattern), sign, flips) for pattern, sign, flips in (
    (r"放宽|放松|宽松|松绑|豁免|免予|免于|免罚|从轻|减轻处罚|减轻责任|允许|准许", -1, True),
    (r"(?:删除|删去|删掉|取消|去掉)(?:本条|这一?条|该条|此条|本款|这一?款|该款|这一?项|该项|这句|这个规定|该规定|此项规定"
     r"|这一规定)", -1, True),
    (r"不予处罚|首违不罚|不罚|一刀切|区别对待|因地制宜|(?:太|过|过于|偏)(?:严(?!重)|重(?!要|视)|死|苛刻|高)|管死|管得太宽"
     r"|管得太多|弹性|灵活|余地|口子|留出空间|指导性|倡导性|鼓励性|鼓励为主|教育为主|包容审慎|警告", -1, False),
    (r"保留|坚持|拥护|坚决支持|完全支持|赞成|留着|加重|从严|从重|严管|严惩|严厉|重罚|加大(?:处罚|惩处|力度|打击)"
     r"|提高(?:罚款|处罚|罚金|赔偿)|禁止|严禁|不许|不准|禁掉|追究", 1, True),
    (r"(?:太|过|这么|那么|偏)(?:轻|松|软|宽|低)|震慑|违法成本", 1, False),
))


def stance(text: str) -> int:
    """+1 when a normalised comment asks for a stricter text or to keep it, -1 for a laxer one, 0
    when it does not say (or says both as often)."""
    balance = 0
    for pattern, sign, flips in _CUES:
        for m in pattern.finditer(text):
            negated = flips and _NEGATION.search(text[max(0, m.start() - _LOOK_BACK):m.start()])
            balance += -sign if negated else sign
    return (balance > 0) - (balance < 0)
