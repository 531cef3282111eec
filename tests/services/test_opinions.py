import pytest
from flask import current_app
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import Attribution, AuditEvent, Comment, OpinionGroup, Role, utcnow
from legislink.services import ServiceError, opinions
from legislink.web.audit_text import sentence

from ..builders import article, make_comment, make_consultation, make_user


@pytest.fixture
def setup(ctx):
    consultation = make_consultation()
    a1, a2 = article(consultation.version, 1), article(consultation.version, 2)

    def group(key, provision, texts, letter=None):
        g = OpinionGroup(consultation=consultation, key=key, provision_id=provision.id, keywords=["租金"])
        db.session.add(g)
        db.session.flush()
        members = [make_comment(consultation, text=t, provision=provision, group_id=g.id, tokens=list(t[:4]),
                                duplicate_key=letter) for t in texts]
        g.representative_id, g.size = members[0].id, len(members)
        return g, members

    g1, m1 = group("g1", a1, ["租金上限应保留", "租金上限很好"])
    g2, m2 = group("g2", a1, ["涨租要提前通知"])
    g3, m3 = group("g3", a1, ["同一封信"] * 4, letter="d-1")
    g4, m4 = group("g4", a2, ["营业时间要公告"])
    staff = make_user(Role.STAFF)
    db.session.commit()
    return consultation, staff, {"g1": g1, "g2": g2, "g3": g3, "g4": g4}, {"m1": m1, "m2": m2, "m3": m3, "m4": m4}


def test_form_letter_copies_are_collapsed_into_one_voice(setup):
    consultation, _, groups, _ = setup
    shown = opinions.groups_of(consultation, groups["g1"].provision_id)
    views = shown.groups
    assert (shown.ungrouped, shown.pages) == ([], 1)
    letter = next(v for v in views if v.group.id == groups["g3"].id)
    assert len(letter.voices) == 1
    assert letter.voices[0].count == 4
    assert letter.copies == 4
    assert [v.size for v in views] == [4, 2, 1]  # largest first


def test_merge_folds_groups_into_the_largest_and_marks_it_edited(setup):
    consultation, staff, groups, members = setup
    groups["g2"].summary = "应提前通知"
    merged = opinions.merge(consultation, [groups["g1"].id, groups["g2"].id], staff)
    db.session.commit()
    assert merged.id == groups["g1"].id
    assert merged.edited is True
    assert merged.size == 3
    assert "应提前通知" in merged.summary
    assert db.session.get(OpinionGroup, groups["g2"].id) is None  # emptied and unsummarised: gone
    assert db.session.scalar(select(AuditEvent.action)) == "opinion.merge"


def test_merge_refuses_groups_of_different_articles(setup):
    consultation, staff, groups, _ = setup
    with pytest.raises(ServiceError) as raised:
        opinions.merge(consultation, [groups["g1"].id, groups["g4"].id], staff)
    assert raised.value.code == "merge_across_articles"


def test_split_makes_a_new_edited_group(setup):
    consultation, staff, groups, members = setup
    new = opinions.split(consultation, [members["m1"][1].id], staff)
    db.session.commit()
    assert new.edited is True
    assert new.key.startswith("staff-")
    assert db.session.get(OpinionGroup, groups["g1"].id).size == 1
    assert db.session.get(OpinionGroup, groups["g1"].id).edited is True


def test_move_and_summary(setup):
    consultation, staff, groups, members = setup
    opinions.move(consultation, members["m2"][0].id, groups["g1"].id, staff)
    opinions.write_summary(consultation, groups["g1"].id, " 保留上限，提前通知。 ", False, staff)
    db.session.commit()
    g1 = db.session.get(OpinionGroup, groups["g1"].id)
    assert (g1.size, g1.summary, g1.in_report, g1.edited) == (3, "保留上限，提前通知。", False, True)


def test_reattribution_is_a_staff_lock_and_leaves_the_group(setup):
    consultation, staff, groups, members = setup
    comment, moved = opinions.reattribute(consultation, members["m4"][0].id, "第三条", staff)
    db.session.commit()
    assert moved is True
    assert comment.provision.label == "第三条"
    assert comment.attribution == Attribution.STAFF
    assert comment.group_id is None
    assert comment.analysed_at is None
    with pytest.raises(ServiceError):
        opinions.reattribute(consultation, members["m1"][0].id, "第九十九条", staff)


def test_keeping_a_comment_on_its_article_makes_it_staffs_choice_in_its_group(setup):
    consultation, staff, groups, members = setup
    comment = members["m4"][0]
    comment.attribution, comment.analysed_at = Attribution.CONTENT, utcnow()
    db.session.commit()
    kept, moved = opinions.reattribute(consultation, comment.id, "第二条", staff)
    db.session.commit()
    assert moved is False
    assert (kept.provision.label, kept.attribution, kept.group_id) == ("第二条", Attribution.STAFF, groups["g4"].id)
    assert kept.analysed_at is not None
    assert groups["g4"].edited is False
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.detail) == ("comment.confirm_article", {"to": "第二条"})
    with current_app.test_request_context("/?lang=en"):
        assert sentence(event).endswith("confirmed the article the analysis gave a comment: 第二条.")
    moved, _ = opinions.reattribute(consultation, comment.id, "", staff)
    db.session.commit()
    assert (moved.provision, moved.group_id) == (None, None)
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    with current_app.test_request_context("/?lang=en"):
        assert sentence(event).endswith("changed the article of a comment from 第二条 to the whole draft.")


def test_edits_only_reach_their_own_consultation(setup):
    consultation, staff, groups, _ = setup
    other = make_consultation()
    stranger = make_comment(other, text="别处的意见")
    with pytest.raises(ServiceError):
        opinions.move(consultation, stranger.id, groups["g1"].id, staff)
    with pytest.raises(ServiceError):
        opinions.write_summary(other, groups["g1"].id, "x", True, staff)
    assert db.session.scalar(select(Comment.group_id).where(Comment.id == stranger.id)) is None


def test_a_senders_added_sentence_stays_visible_under_the_form_letter(ctx):
    consultation = make_consultation()
    provision = article(consultation.version, 1)
    group = OpinionGroup(consultation=consultation, key="letter", provision_id=provision.id, keywords=["租金"])
    db.session.add(group)
    db.session.flush()
    letter = "建议保留租金涨幅上限的规定。出租人涨租应当提前三个月书面通知承租人。"
    added = "我家去年被房东一次涨了五百元，希望街道也能帮忙调解。"
    texts = [letter] * 3 + [letter + added]
    members = [make_comment(consultation, text=t, provision=provision, group_id=group.id, tokens=list(t[:4]),
                            duplicate_key="d-9") for t in texts]
    group.representative_id, group.size = members[0].id, len(members)
    db.session.commit()
    (view,) = opinions.groups_of(consultation, provision.id).groups
    (voice,) = view.voices
    assert (voice.count, voice.added_total) == (4, 1)
    assert [(c.id, "".join(s)) for c, s in voice.added] == [(members[3].id, added)]


def test_an_articles_opinions_come_a_page_of_voices_at_a_time_with_letters_still_folded(setup):
    consultation, _, groups, _ = setup
    provision_id = groups["g1"].provision_id
    extra = [make_comment(consultation, text=f"未分组{n}", provision_id=provision_id) for n in range(3)]
    db.session.commit()
    # Voices on 第一条: g3's letter (4 copies, one voice), g1's two, g2's one, then three ungrouped.
    pages = [opinions.groups_of(consultation, provision_id, page=n, per_page=2) for n in (1, 2, 3, 4)]
    assert [p.pages for p in pages] == [4, 4, 4, 4]
    assert [[v.group.id for v in p.groups] for p in pages] == [
        [groups["g3"].id, groups["g1"].id], [groups["g1"].id, groups["g2"].id], [], []]
    assert [len(v.voices) for v in pages[0].groups] == [1, 1]
    assert pages[0].groups[0].voices[0].count == 4  # the letter is one voice on one page
    assert [v.size for v in pages[0].groups] == [4, 2]  # sizes are the whole group's, not the page's
    assert [c.id for p in pages for c in p.ungrouped] == [c.id for c in extra]
    assert pages[2].ungrouped_total == 3
    assert {v.group.id for v in pages[3].every_group} == {groups[k].id for k in ("g1", "g2", "g3")}
    assert opinions.groups_of(consultation, provision_id, page=99, per_page=2).page == 4


def test_only_the_first_copies_of_a_big_form_letter_are_loaded(setup, monkeypatch):
    consultation, _, groups, _ = setup
    monkeypatch.setattr(opinions, "COPIES_SHOWN", 2)
    letter = next(v for v in opinions.groups_of(consultation, groups["g1"].provision_id).groups
                  if v.group.id == groups["g3"].id).voices[0]
    assert (letter.count, len(letter.copies)) == (4, 2)
