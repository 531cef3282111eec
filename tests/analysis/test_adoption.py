from legislink.analysis.adoption import bigram_similarity, propose

OLD = "市场开办者调整摊位租金的，应当提前三个月书面告知经营者。一年内调整不得超过一次。"


WORDS = ("租金", "三个月", "六个月", "告知", "经营者", "一次", "两次", "听证")


def tokens(text: str) -> set[str]:
    """A stand-in for the segmenter: the few words these tests use."""
    return {w for w in WORDS if w in text}


def run(new, suggestion="", change="modified", comments=(), asked=(), old=OLD):
    return propose(change=change, old_text=old, new_text=new, suggestion=suggestion, comment_texts=list(comments),
                   old_tokens=tokens(old), new_tokens=tokens(new), asked_tokens=set(asked),
                   suggestion_tokens=tokens(suggestion))


def test_an_unchanged_article_did_not_adopt_anything():
    assert run(OLD, "应当提前六个月书面告知经营者。", change="same").outcome == "not_adopted"


def test_a_rewrite_the_revision_made_is_adopted():
    new = OLD.replace("三个月", "六个月")
    proposal = run(new, "市场开办者调整摊位租金的，应当提前六个月书面告知经营者。")
    assert proposal.outcome == "adopted"
    assert proposal.evidence["mode"] == "rewrite"


def test_a_change_in_another_direction_is_not_adopted():
    new = OLD.replace("三个月", "一个月")
    assert run(new, "市场开办者调整摊位租金的，应当提前六个月书面告知经营者。").outcome == "not_adopted"


def test_an_addition_half_made_is_partly_adopted():
    new = OLD + "调整前应当举行听证。"
    proposal = run(new, "调整租金应当举行听证，并提前六个月告知。")
    assert proposal.outcome == "partly"
    assert proposal.evidence["mode"] == "addition"


def test_deletion_is_adopted_only_when_asked():
    assert run("", change="deleted", comments=["建议删除本条"]).outcome == "adopted"
    assert run("", change="deleted", comments=["本条很好"]).outcome == "not_adopted"


def test_without_a_suggestion_the_opinions_words_decide():
    new = OLD.replace("一年内调整不得超过一次", "一年内调整不得超过一次，调整前应当听证")
    assert run(new, asked={"听证"}).outcome == "adopted"


def test_similarity_ignores_punctuation():
    assert bigram_similarity("提前，三个月", "提前三个月") == 1.0
