from sqlalchemy import func, select

from legislink.extensions import db
from legislink.models import (
    Channel,
    Comment,
    Consultation,
    Draft,
    Identity,
    Provision,
    ProvisionLevel,
    Station,
    User,
    utcnow,
)
from legislink.services.demo import load_demo

TABLES = (Station, User, Draft, Consultation, Provision, Comment)


def counts():
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in TABLES}


def test_the_demo_loads_a_complete_consultation(ctx):
    report = load_demo(utcnow())
    db.session.commit()
    assert counts()["Station"] == 5
    assert {u.username for u in db.session.scalars(select(User))} == {"admin", "staff", "reviewer"}
    assert len(report.passwords) == 3
    assert all(u.must_change_password for u in db.session.scalars(select(User)))
    articles = db.session.scalar(select(func.count()).where(Provision.level == ProvisionLevel.ARTICLE))
    chapters = db.session.scalar(select(func.count()).where(Provision.level == ProvisionLevel.CHAPTER))
    assert 25 <= articles <= 40
    assert chapters >= 3
    consultation = db.session.scalar(select(Consultation))
    assert consultation.is_open(utcnow())
    comments = db.session.scalars(select(Comment)).all()
    assert 200 <= len(comments) <= 600
    texts = [c.text for c in comments]
    assert sum("草案第八条规定租金调整幅度不超过百分之十" in t for t in texts) >= 20  # the campaign
    assert any(c.identity == Identity.FOREIGN_MERCHANT and c.text.isascii() for c in comments)
    assert any("條" in t or "議" in t or "經營" in t for t in texts)  # Traditional characters
    assert {c.channel for c in comments} >= {Channel.ONLINE, Channel.SYMPOSIUM, Channel.LETTER}
    assert all(c.tokens for c in comments if len(c.text) > 10)
    assert len({c.receipt_code for c in comments}) == len(comments)


def test_loading_the_demo_twice_duplicates_nothing(ctx):
    load_demo(utcnow())
    db.session.commit()
    before = counts()
    second = load_demo(utcnow())
    db.session.commit()
    assert counts() == before
    assert second.passwords == []
    assert second.lines() == ["demo: already loaded, nothing changed"]
