"""The reports of the consultations before and after a draft, as plain rows for the writer in
legislink/reports/kinds.py: a call for proposals (one entry per group of proposals asking for the
same law) and the evaluation of a law in force (built as a draft's report is, services/reports.py).
`services.reports.export` calls these for those kinds; the staff page, the CLI and the JSON API all
go through it.
"""

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO

from sqlalchemy import select

from .. import labels
from ..analysis.text import common_title
from ..extensions import db
from ..models import Comment, Consultation, OpinionGroup, Station
from ..reports import ExtraSheet, ProposalDetail, ProposalEntry, ReportHeader, write_proposal_report
from ..reports.identities import source_name
from . import reports, request_reports
from .stations import listed, station_or_none


@dataclass
class ProposalReportData:
    header: ReportHeader
    entries: list[ProposalEntry]
    station: Station | None
    ungrouped: int  # accepted proposals the analysis has not grouped yet (each reported on its own)


_MEMBER = (Comment.id, Comment.group_id, Comment.duplicate_key, Comment.identity, Comment.identity_words,
           Comment.station_id, Comment.title, Comment.text, Comment.content)


def extra_sheets(consultation: Consultation, station: Station | None, today: date) -> list[ExtraSheet]:
    """Sheets beyond the kind's own, appended after them (reports.kinds.append_extra_sheets): the 民情转办
    sheet of residents' requests when any were referred. `today` is the export day in the contact
    point's time zone (the report header's date), from which 逾期 is measured."""
    return request_reports.request_sheets(consultation, station, today)


def _entry(key: str, members: list, group: OpinionGroup | None, identities: dict, stations: dict) -> ProposalEntry:
    """Named by staff, else by the members' most common title; the representative's necessity and
    content, its content taken from another member when it gave none."""
    by_id = {m.id: m for m in members}
    shown = by_id.get(group.representative_id if group is not None else None) or members[0]
    content = shown.content or next((m.content for m in members if m.content), "")
    letters = Counter(m.duplicate_key for m in members if m.duplicate_key)
    name = group.summary.strip() if group is not None and group.summary.strip() else common_title(
        [m.title for m in members], prefer=shown.title)
    return ProposalEntry(
        name=name, necessity=shown.text, content=content,
        identity_counts=dict(Counter(source_name(m.identity_words, identities[m.identity]) for m in members)),
        station_counts=dict(Counter(stations[m.station_id] for m in members if m.station_id in stations)),
        count=len(members), duplicate_count=sum(n for n in letters.values() if n > 1), group=key,
    )


def build_proposals(consultation: Consultation, *, settings: "reports.ReportSettings", station_code: str | None = None,
                    report_date=None) -> ProposalReportData:
    """One entry per group staff kept in the report; a proposal not grouped yet is an entry of its own."""
    station = station_or_none(station_code)
    groups = {g.id: g for g in db.session.scalars(
        select(OpinionGroup).where(OpinionGroup.consultation_id == consultation.id))}
    by_group: dict[str, list] = defaultdict(list)
    ungrouped = 0
    for member in db.session.execute(select(*_MEMBER).where(*reports.report_scope(consultation, station))
                                     .order_by(Comment.id)):
        if member.group_id in groups:
            if not groups[member.group_id].in_report:
                continue
            key = str(member.group_id)
        else:
            ungrouped += 1
            key = f"c{member.id}"
        by_group[key].append(member)
    identities, stations = labels.chinese(labels.IDENTITY), {s.id: s.name for s in listed()}
    entries = [_entry(key, members, groups.get(int(key)) if key.isdigit() else None, identities, stations)
               for key, members in by_group.items()]
    header = reports.report_header(consultation, station, settings=settings, report_date=report_date)
    return ProposalReportData(header, entries, station, ungrouped)


def proposal_detail_rows(consultation: Consultation, station: Station | None, *,
                         with_contact: bool) -> Iterator[ProposalDetail]:
    """Every accepted proposal, streamed from the database in pages."""
    names = {"identity": labels.chinese(labels.IDENTITY), "channel": labels.chinese(labels.CHANNEL),
             "status": labels.chinese(labels.STATUS)}
    stations = {s.id: s.name for s in listed()}
    query = (select(Comment.id, Comment.receipt_code, Comment.title, Comment.text, Comment.content, Comment.identity,
                    Comment.identity_words, Comment.station_id, Comment.channel, Comment.submitted_at,
                    Comment.group_id, Comment.status, Comment.name, Comment.phone)
             .where(*reports.report_scope(consultation, station)).order_by(Comment.id)
             .execution_options(yield_per=2000))
    for row in db.session.execute(query):
        yield ProposalDetail(
            receipt=row.receipt_code, title=row.title, necessity=row.text, content=row.content,
            identity=reports.identity_cell(row.identity_words, names["identity"][row.identity]),
            station=stations.get(row.station_id, ""), channel=names["channel"][row.channel],
            submitted_at=row.submitted_at, group=str(row.group_id) if row.group_id else f"c{row.id}",
            status=names["status"][row.status],
            name=row.name if with_contact else None, phone=row.phone if with_contact else None,
        )


def write_proposals(consultation: Consultation, data: ProposalReportData, out: str | IO[bytes], *,
                    settings: "reports.ReportSettings", with_contact: bool) -> list[str]:
    return write_proposal_report(
        out, data.header, data.entries, proposal_detail_rows(consultation, data.station, with_contact=with_contact),
        with_contact=with_contact, detail_row_limit=settings.detail_row_limit,
        extra=extra_sheets(consultation, data.station, data.header.report_date))
