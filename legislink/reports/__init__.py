"""The Excel side of LegisLink: the upward report, the adoption and yearly sheets, the import template.

Plain data in, files out; files in, plain rows out. No Flask, no database.
"""

from .articles import ArticleRef, parse_article
from .cells import MAX_CELL_CHARS, TRUNCATION_MARKER, cell_text
from .contacts import CONTACT_HEADERS, ContactRow, build_contact_rows, write_contacts
from .errors import ImportProblem, ImportRejected, ReportsError
from .export import write_report, write_yearly
from .importer import (
    COMMENTS,
    IMPORT_HEADERS,
    PROPOSAL_HEADERS,
    PROPOSALS,
    ImportChoices,
    ImportLayout,
    ImportLimits,
    ImportRow,
    read_import,
)
from .kinds import (
    ExtraSheet,
    append_extra_sheets,
    build_proposal_detail_rows,
    build_proposal_summary_rows,
    ordered_proposals,
    write_evaluation_report,
    write_proposal_report,
)
from .model import (
    AdoptionMark,
    ArticleCount,
    DetailRow,
    KindFigures,
    Outcome,
    ProposalDetail,
    ProposalEntry,
    ReportEntry,
    ReportHeader,
    RequestFigures,
    StatsData,
    YearFigures,
    YearlyReport,
)
from .problems import PROBLEM_HEADERS, problems_csv
from .rows import (
    RowKind,
    SheetRow,
    build_adoption_rows,
    build_detail_rows,
    build_stats_rows,
    build_summary_rows,
    build_yearly_rows,
    entry_numbers,
    ordered_entries,
)
from .template import template_bytes

__all__ = [
    "CONTACT_HEADERS", "ContactRow", "build_contact_rows", "write_contacts",
    "COMMENTS", "IMPORT_HEADERS", "PROPOSAL_HEADERS", "PROPOSALS", "ImportLayout",
    "MAX_CELL_CHARS", "PROBLEM_HEADERS", "TRUNCATION_MARKER", "problems_csv",
    "AdoptionMark", "ArticleCount", "ArticleRef", "DetailRow", "ExtraSheet", "ProposalDetail", "ProposalEntry",
    "append_extra_sheets", "build_proposal_detail_rows", "build_proposal_summary_rows", "ordered_proposals",
    "write_evaluation_report", "write_proposal_report", "ImportChoices", "ImportLimits",
    "ImportProblem", "ImportRejected", "ImportRow", "Outcome", "ReportEntry", "ReportHeader",
    "ReportsError", "KindFigures", "RequestFigures", "RowKind", "SheetRow", "StatsData", "YearFigures", "YearlyReport",
    "build_adoption_rows", "build_detail_rows", "build_stats_rows", "build_summary_rows",
    "build_yearly_rows", "cell_text", "entry_numbers", "ordered_entries", "parse_article",
    "read_import", "template_bytes", "write_report", "write_yearly",
]
