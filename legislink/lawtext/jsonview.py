"""The JSON printed by `legislink drafts parse FILE --json` (the contract in DESIGN.md)."""

from __future__ import annotations

from typing import Any

from legislink.lawtext.model import Article, ParsedDocument


def article_to_json(article: Article) -> dict[str, Any]:
    return {
        "label": article.label,
        "number": article.number,
        "sub": article.sub,
        "caption": article.caption,
        "path": list(article.path),
        "paragraphs": [p.full_text for p in article.paragraphs],
        "deleted": article.deleted,
    }


def to_json(doc: ParsedDocument) -> dict[str, Any]:
    """`paragraphs` holds one string per 款, its 项 and 目 each on a line of their own."""
    return {
        "title": doc.title,
        "kind": doc.kind,
        "articles": [article_to_json(a) for a in doc.articles],
        "headings": [{"level": h.level, "label": h.label, "title": h.title} for h in doc.headings],
        "warnings": [{"line": w.line, "code": w.code, "message": w.message} for w in doc.warnings],
    }
