"""Comment analysis: segmentation, attribution, off-topic, form letters and opinion groups.

Plain data in, plain data out: callers build `Article` and `Comment` values from their own rows.

The names below are imported on first use: a light module of the package (`analysis.text`, which
the templates use for language tags) must not bring in the engine with scikit-learn, SciPy and
NumPy, which every `legislink` command, the export included, would otherwise load at start.
"""

from importlib import import_module
from typing import TYPE_CHECKING

_HOMES = {
    "analyze": "engine", "attribute": "engine", "classify_offtopic": "engine", "find_duplicates": "engine",
    "group_opinions": "engine", "reanalyze": "engine", "to_json": "engine",
    "Idf": "keywords",
    "AnalysisOptions": "model", "AnalysisResult": "model", "Article": "model", "Attribution": "model",
    "Comment": "model", "CommentResult": "model", "DuplicateGroup": "model", "OpinionGroup": "model",
    "Segmenter": "segmentation",
}

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
    "reanalyze",
    "to_json",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from legislink.analysis.engine import (
        analyze,
        attribute,
        classify_offtopic,
        find_duplicates,
        group_opinions,
        reanalyze,
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
