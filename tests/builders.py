"""Builders for rows, with sensible defaults and keyword overrides (STYLE: make_x(**overrides))."""

from datetime import date, timedelta
from itertools import count

from legislink.extensions import db
from legislink.lawtext.numerals import int_to_cn
from legislink.models import (
    Comment,
    Consultation,
    ConsultationKind,
    Department,
    Draft,
    DraftVersion,
    Provision,
    ProvisionLevel,
    Referral,
    ReferralStatus,
    Role,
    Station,
    User,
    utcnow,
)
from legislink.services import consultations
from legislink.services.receipts import new_code

PASSWORD = "Lianluo-zhan-2024"
_seq = count(1)


def make_station(**overrides) -> Station:
    n = next(_seq)
    station = Station(**{"code": f"ST{n:02d}", "name": f"第{int_to_cn(n)}联络站", **overrides})
    db.session.add(station)
    db.session.flush()
    return station


def make_user(role: Role = Role.STAFF, password: str = PASSWORD, **overrides) -> User:
    if role == Role.STAFF and "station" not in overrides:
        overrides["station"] = make_station()
    user = User(**{"username": f"{role.value}{next(_seq)}", "role": role, **overrides})
    user.display_name = user.display_name or user.username
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def _add(version, parent, level, position, **fields) -> Provision:
    provision = Provision(version=version, parent=parent, level=level, position=position, **fields)
    db.session.add(provision)
    return provision


def make_draft(chapters=(("总则", 3), ("市场经营", 3)), title="示例市场服务条例（草案）",
               version_label="征求意见稿", **overrides) -> DraftVersion:
    """A draft with one version: chapters of articles, each article two paragraphs."""
    draft = Draft(title=title, issuing_body="示例市人大常委会法工委", **overrides)
    version = DraftVersion(draft=draft, label=version_label, position=1, parsed_title=title)
    db.session.add_all([draft, version])
    position = count(1)
    number = 0
    for chapter_no, (chapter_title, articles) in enumerate(chapters, start=1):
        label = f"第{int_to_cn(chapter_no)}章"
        chapter = _add(version, None, ProvisionLevel.CHAPTER, next(position), ordinal=chapter_no,
                       label=label, number=chapter_no, title=chapter_title)
        for _ in range(articles):
            number += 1
            first = f"第{int_to_cn(number)}条第一款的内容，关于{chapter_title}。"
            second = f"第{int_to_cn(number)}条第二款的内容。"
            article = _add(version, chapter, ProvisionLevel.ARTICLE, next(position), ordinal=number,
                           label=f"第{int_to_cn(number)}条", number=number, text=first + "\n" + second,
                           path=[f"{label} {chapter_title}"])
            for ordinal, body in enumerate((first, second), start=1):
                _add(version, article, ProvisionLevel.PARAGRAPH, next(position), ordinal=ordinal,
                     label=f"第{int_to_cn(ordinal)}款", number=ordinal, text=body)
    version.article_count = number
    db.session.flush()
    return version


def make_consultation(version: DraftVersion | None = None, *, days_open=30, days_ago=1, **overrides) -> Consultation:
    version = version or make_draft()
    now = utcnow()
    consultation = Consultation(version=version, opens_at=now - timedelta(days=days_ago),
                                closes_at=now - timedelta(days=days_ago) + timedelta(days=days_open), **overrides)
    db.session.add(consultation)
    db.session.flush()
    return consultation


def article(version: DraftVersion, number: int) -> Provision:
    return db.session.query(Provision).filter_by(version_id=version.id, level=ProvisionLevel.ARTICLE,
                                                 number=number).one()


def make_comment(consultation: Consultation, **overrides) -> Comment:
    comment = Comment(**{
        "consultation": consultation,
        "receipt_code": new_code(),
        "text": "建议把经营时间写得更清楚一些。",
        **overrides,
    })
    db.session.add(comment)
    db.session.flush()
    return comment


def make_proposal_call(title="2025年度立法项目建议征集", **overrides) -> Consultation:
    """A call for proposals (立项建议征集), opened through the service as staff open one: no text."""
    today = date.today()
    values = {"opens_on": today - timedelta(days=1), "closes_on": today + timedelta(days=30), **overrides}
    return consultations.open_consultation(None, kind=ConsultationKind.PROPOSAL, title=title, **values)


def make_evaluation(version: DraftVersion | None = None, **overrides) -> Consultation:
    """The evaluation (立法后评估) of a law in force imported as a draft whose one version is 现行文本."""
    version = version or make_draft(title="示例市市场服务条例", version_label="现行文本")
    today = date.today()
    values = {"opens_on": today - timedelta(days=1), "closes_on": today + timedelta(days=30), **overrides}
    return consultations.open_consultation(version, kind=ConsultationKind.EVALUATION,
                                           title=version.draft.title, **values)


def make_proposal(consultation: Consultation, title: str, text: str, content: str = "", **overrides) -> Comment:
    """A proposal: the law asked for (title), its necessity (text) and its main content."""
    return make_comment(consultation, title=title, text=text, content=content, **overrides)


def make_department(**overrides) -> Department:
    department = Department(**{"name": f"示例街道办事处{next(_seq)}", **overrides})
    db.session.add(department)
    db.session.flush()
    return department


def make_referral(comment: Comment, department: Department | None = None, *, assigned_on: date | None = None,
                  due_on: date | None = None, status: ReferralStatus = ReferralStatus.PENDING,
                  **overrides) -> Referral:
    """A request (民情) sent to a department, written directly as the referral service would store it."""
    assigned_on = assigned_on or date.today()
    referral = Referral(**{
        "comment": comment, "department": department or make_department(), "assigned_on": assigned_on,
        "due_on": due_on or assigned_on + timedelta(days=15), "status": status, **overrides,
    })
    db.session.add(referral)
    db.session.flush()
    return referral
