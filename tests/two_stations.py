"""A contact point with two liaison stations, for the tests of who may act on what.

Station A (稠城街道联络站, CC01) and station B (福田街道联络站, CC02) each have offline comments
on 第二条 in two opinion groups; online comments without a station have theirs too. The accounts:
staff of each station, the contact point's own staff (no station), a reviewer and an admin.
"""

from dataclasses import dataclass, field

from legislink.extensions import db
from legislink.models import Channel, CommentStatus, DraftVersion, OpinionGroup, Role, utcnow

from .builders import article, make_comment, make_consultation, make_draft, make_station, make_user

# Whose objects a URL points at: a station's code, or "online" for online comments without one.
SIDES = ("CC01", "CC02", "online")
IDENTITIES = ("anonymous", "staff_a", "staff_b", "staff_hq", "reviewer", "admin")
STATION_OF = {"staff_a": "CC01", "staff_b": "CC02"}


@dataclass
class Side:
    """The objects of one side, by the names URL rules use, plus what the tests change."""

    comments: list[int]
    groups: list[int]
    values: dict = field(default_factory=dict)


@dataclass
class Contact:
    consultation_id: int
    draft_id: int
    version_id: int
    later_version_id: int
    other_draft_version_id: int
    stations: dict[str, int]
    users: dict[str, int]
    sides: dict[str, Side]

    def url_values(self, side: str) -> dict:
        return self.sides[side].values


def may_act(identity: str, side: str) -> bool:
    """The rule under test, written out: who may change the comments of a side."""
    if identity in ("staff_hq", "admin"):
        return True
    return identity in STATION_OF and side in (STATION_OF[identity], "online")


def _side(consultation, version, station, reported) -> Side:
    channel = Channel.ONLINE if station is None else Channel.SYMPOSIUM
    target = article(version, 2)
    comments = [make_comment(consultation, station=station, channel=channel, status=CommentStatus.ACCEPTED,
                             provision_id=target.id, text=f"第二条的意见{n}，关于经营时间。", name="某人",
                             phone="+8613800138000", consent=True) for n in range(3)]
    groups = []
    for members in (comments[:2], comments[2:]):
        group = OpinionGroup(consultation_id=consultation.id, key=f"g{members[0].id}", provision_id=target.id,
                             keywords=["经营"], size=len(members), representative_id=members[0].id,
                             reported_at=reported, summary="原来的概述")
        db.session.add(group)
        db.session.flush()
        for member in members:
            member.group_id = group.id
        groups.append(group)
    db.session.flush()
    return Side([c.id for c in comments], [g.id for g in groups], {
        "consultation_id": consultation.id, "draft_id": version.draft_id, "version_id": version.id,
        "code": comments[0].receipt_code, "comment_id": comments[0].id, "group_id": groups[0].id,
        "station_id": station.id if station else 0, "station_code": station.code if station else "NONE",
    })


def build() -> Contact:
    """Every row, committed; returns their ids (rows outlive the session, ids do not go stale)."""
    a = make_station(code="CC01", name="稠城街道联络站")
    b = make_station(code="CC02", name="福田街道联络站")
    version = make_draft()
    consultation = make_consultation(version)
    later = DraftVersion(draft_id=version.draft_id, label="二审稿", position=2, parsed_title=version.parsed_title)
    db.session.add(later)
    other = make_draft(title="另一部条例（草案）")
    now = utcnow()
    sides = {"CC01": _side(consultation, version, a, now), "CC02": _side(consultation, version, b, now),
             "online": _side(consultation, version, None, now)}
    users = {"staff_a": make_user(Role.STAFF, username="staff_a", station=a),
             "staff_b": make_user(Role.STAFF, username="staff_b", station=b),
             "staff_hq": make_user(Role.STAFF, username="staff_hq", station=None),
             "reviewer": make_user(Role.REVIEWER, username="reviewer"),
             "admin": make_user(Role.ADMIN, username="admin")}
    db.session.commit()
    for side in sides.values():
        side.values["user_id"] = users["reviewer"].id
    return Contact(consultation.id, version.draft_id, version.id, later.id, other.id,
                   {"CC01": a.id, "CC02": b.id}, {k: u.id for k, u in users.items()}, sides)
