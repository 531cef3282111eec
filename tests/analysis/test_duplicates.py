"""Form letters: near-copies and mail-merge campaigns, and independent voices kept apart."""

from legislink.analysis import Comment, find_duplicates

LETTER = [
    "尊敬的立法联系点工作人员：您好！",
    "我是一名小商户，对草案第三条提出建议：办理电话卡应当当面核验本人身份，严禁代办和网上批量开卡。",
    "理由：我们市场里有人专门收购别人的身份证批量办卡，转手卖给诈骗团伙，老百姓被骗了都找不到人。",
    "实名制只有真正落到每一张卡上才有意义。",
    "恳请采纳。",
]


def _copy(salutation: str, body: list[str], signature: str) -> str:
    return salutation + "".join(body) + signature


def _ids_in_one_group(groups, ids) -> bool:
    return any(set(ids) <= set(g.members) for g in groups)


def test_form_letter_copies_with_reordered_sentences_share_a_group():
    body = LETTER[1:4]
    comments = [
        Comment(id="a", text=_copy(LETTER[0], body, "恳请采纳。\n一名商户")),
        Comment(id="b", text=_copy("各位领导：\n", [body[2], body[0], body[1]], "\n老王")),
        Comment(id="c", text=_copy("您好！", [body[1], body[0], "我家隔壁就有人被骗了两万块。", body[2]], "谢谢！")),
        Comment(id="d", text=_copy("", [body[0].replace("严禁", "禁止"), body[1], body[2]], "——稠城商户")),
    ]
    groups = find_duplicates(comments)
    assert _ids_in_one_group(groups, "abcd")
    assert len(groups) == 1


def test_mail_merge_letters_built_from_alternative_phrasings_share_a_group():
    slots = [
        ["关于草案第四条，我有一点意见。", "我想就反诈法草案第4条谈谈看法。",
         "对办卡数量这一条，我作为普通用户说几句。"],
        ["现在一个人名下能办好多张卡，很多卡最后都流到了骗子手里。", "不少人名下挂着十几张手机卡，自己都不知道在哪里。",
         "办卡数量不加限制，黑市上的电话卡就永远收不完。"],
        ["建议法律直接写明每人在同一运营商最多办理五张卡。", "希望把每个人能办的电话卡数量写进法律条文里。",
         "请在法律里规定办卡上限，超过的一律不予办理。"],
        ["只有管住卡，才能管住诈骗。", "堵住源头比事后追赃有效得多。", "这是保护老百姓钱袋子最直接的办法。"],
    ]
    picks = [(0, 0, 0, 0), (1, 1, 1, 1), (2, 2, 2, 2), (0, 1, 2, 0), (1, 2, 0, 1), (2, 0, 1, 2), (0, 2, 1, 1)]
    comments = [Comment(id=f"m{k}", text="".join(slots[s][c] for s, c in enumerate(pick)))
                for k, pick in enumerate(picks)]
    groups = find_duplicates(comments)
    assert _ids_in_one_group(groups, [c.id for c in comments])


def test_independent_comments_that_agree_are_not_a_form_letter():
    comments = [
        Comment(id="x", text="我同意第三条的规定，电话卡实名制很有必要，我母亲去年就被冒名办卡的骗子骗了一万多块钱。"),
        Comment(id="y", text="支持第三条！电话卡必须实名，我们小区好几个老人都接到过诈骗电话，希望早日通过。"),
        Comment(id="z", text="第三条写得好，实名制要落实到每张卡，建议运营商营业厅加强人脸比对，防止借用身份证。"),
    ]
    assert find_duplicates(comments) == []


def test_a_form_letter_does_not_absorb_a_comment_that_shares_its_topic():
    body = "".join(LETTER[1:4])
    comments = [Comment(id=f"c{k}", text=f"{salutation}{body}恳请采纳。")
                for k, salutation in enumerate(["您好！", "各位领导：", "尊敬的工作人员：", ""])]
    comments.append(Comment(id="own", text="我也是小商户，电话卡代办确实很乱，建议营业厅必须本人到场，不能代办。"))
    groups = find_duplicates(comments)
    assert len(groups) == 1
    assert "own" not in groups[0].members


def test_quoted_draft_text_does_not_make_comments_copies(articles):
    quote = ("“电信业务经营者应当依法全面落实电话卡、物联网卡实名制度，"
             "在与用户签订协议或者确认提供服务时，应当对用户身份信息进行核验。”")
    comments = [
        Comment(id="p", text=f"第三条规定{quote}我觉得很好，但要防止营业员替人代办。"),
        Comment(id="q", text=f"{quote}这一条要加罚则，不然运营商不会认真核验。"),
    ]
    assert find_duplicates(comments, articles=articles) == []


def test_a_senders_own_sentence_in_a_copied_letter_is_kept_visible():
    body = "".join(LETTER[1:4])
    own = "我家隔壁的王阿姨上个月就被冒名办卡的骗子骗走了三万块钱。"
    comments = [Comment(id=f"c{k}", text=f"{hello}{body}{extra}恳请采纳。")
                for k, (hello, extra) in enumerate([("您好！", ""), ("各位领导：", own), ("", "")])]
    groups = find_duplicates(comments)
    assert len(groups) == 1
    assert groups[0].own == {"c1": (own,)}


def test_a_typo_in_a_copied_sentence_is_not_an_own_sentence():
    body = "".join(LETTER[1:4])
    edited = body.replace("批量办卡", "批量半卡").replace("诈骗团伙", "诈骗团夥")
    comments = [Comment(id="a", text=body), Comment(id="b", text=body), Comment(id="c", text=edited)]
    groups = find_duplicates(comments)
    assert len(groups) == 1
    assert groups[0].own == {}
