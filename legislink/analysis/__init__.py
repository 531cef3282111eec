"""Comment analysis: segmentation, attribution, off-topic, form letters and opinion groups.

Plain data in, plain data out: callers build `Article` and `Comment` values from their own rows.
"""

from legislink.analysis.engine import (
    analyze,
    attribute,
    classify_offtopic,
    find_duplicates,
    group_opinions,
    to_json,
)
from legislink.analysis.keywords import Idf
from legislink.analysis.model import (
    AnalysisOptions,
    AnalysisResult,
    Article,
    Attribution,
    Comment,
    CommentResult,
    DuplicateGroup,
    OpinionGroup,
)
from legislink.analysis.segmentation import Segmenter

__all__ = [
    "AnalysisOptions",
    "AnalysisResult",
    "Article",
    "Attribution",
    "Comment",
    "CommentResult",
    "DuplicateGroup",
    "Idf",
    "OpinionGroup",
    "Segmenter",
    "analyze",
    "attribute",
    "classify_offtopic",
    "find_duplicates",
    "group_opinions",
    "to_json",
]
