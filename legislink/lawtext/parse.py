"""parse_text: a Chinese law, draft or amendment as typed, exported or copied from a PDF.

Whether a line starts an article is never decided by its first characters alone. The parser
weighs three kinds of evidence:

- the expected numbering: the next article, or a 之X of the current one;
- the layout (see `clean`): a line that continues a line cut mid-sentence at the wrap width is
  part of that sentence, whatever it begins with;
- what follows the label: `第十二条规定的`, `第十二条的`, `第十二条、`, `第十二条第二款`,
  `第十二条至` are citations; a space, a caption or a bare label make a label certain (after a
  space, a citation's next word is believed only in sequence: `第七十六条　规定本行政区域…`).

In an amendment, the text an entry inserts belongs to that entry, quoted or not: after a line
that ends with a colon (`…增加五条。内容如下：`), section headings and articles are the
entry's content until the amendment's own next entry.

Numbering that jumps or repeats, empty articles and unexplained text are reported as warnings
with their line numbers, never silently dropped or merged.
"""

from __future__ import annotations

from legislink.lawtext import patterns as pat
from legislink.lawtext.clean import Layout, Line, Position, content_lines, measure_layout
from legislink.lawtext.errors import ParseError
from legislink.lawtext.model import (
    Article,
    DocumentKind,
    Heading,
    Item,
    Paragraph,
    ParsedDocument,
    ParseWarning,
)

LEVELS = ("编", "分编", "章", "节")

_MESSAGES = {
    "numbering_gap": "Numbering jumps from {previous} to {found} (expected {expected}).",
    "numbering_repeat": "{found} repeats or goes back after {previous}.",
    "heading_number_gap": "Heading numbering jumps to {found} (expected {expected}).",
    "empty_article": "{label} has no text.",
    "preamble_text": "Text before the first article is neither the title nor a note: {text}",
    "stray_text": "Text outside any article: {text}",
    "unclosed_quote": "A quotation opened before {label} was never closed.",
    "misprinted_label": "{found} begins with 笫 (zǐ, a bamboo mat), which looks like 第: it is read as {label}; "
                        "correct the text.",
}


def _warning(line: int, code: str, **params: object) -> ParseWarning:
    return ParseWarning(line=line, code=code, params=params, message=_MESSAGES[code].format(**params))


class _Parser:
    """Feeds on lines in order; holds where the text of the next line may belong."""

    def __init__(self, layout: Layout, items_mode: bool, amendment: bool) -> None:
        self.layout = layout
        self.items_mode = items_mode
        self.amendment = amendment
        self.title_lines: list[str] = []
        self.notes: list[str] = []
        self.headings: list[Heading] = []
        self.path: list[Heading] = []
        self.path_entries: tuple[str, ...] = ()  # self.path as articles record it
        self.heading_numbers: dict[str, int] = {}
        self.articles: list[Article] = []
        self.warnings: list[ParseWarning] = []
        self.article: Article | None = None
        self.target: Paragraph | Item | None = None  # where a continuation line goes
        self.front_target: list[str] | None = None  # the same before the first article
        self.pending_heading: Heading | None = None  # a heading whose title is on the next line
        self.note_depth = 0
        self.in_quote = False
        self.inserting = False  # inside text an amendment's entry inserts after a colon
        self.started = False
        self.prev_complete = False

    # -- dispatch -----------------------------------------------------------------------

    def feed(self, line: Line, pos: Position, prev_full: bool) -> None:
        """Take one line; `prev_full` when the line before it filled the wrap width."""
        self.prev_complete = False
        if not self.started:
            # Before the body nothing is a continuation of a heading; a 题注 still wraps.
            if not self._structure(line, Position.START):
                self._front(line, pos is Position.CONT and prev_full)
        elif not self._structure(line, pos):
            self._content(line, pos)
        self.in_quote = pat.quote_open_after(self.in_quote, line.text)
        if self.amendment and self.article is not None and pat.introduces_text(line.text):
            self.inserting = True

    def _structure(self, line: Line, pos: Position) -> bool:
        if line.text[:1] in "“「":
            return False
        if self.in_quote or self.inserting:
            return self._entry(line, pos, strict=True)
        if not self.items_mode and (self._heading(line, pos) or self._unnumbered_part(line, pos)):
            return True
        return self._entry(line, pos, strict=False)

    # -- front matter: title, 题注, stray text --------------------------------------------

    def _front(self, line: Line, wrapped_on: bool) -> None:
        text = line.text
        if self.note_depth > 0 or (wrapped_on and self.front_target is self.notes):
            self.notes[-1] += text
            self._track_note(text)
        elif pat.is_note(text):
            self.notes.append(text)
            self._track_note(text)
        elif wrapped_on and self.front_target is not None:
            self.front_target[-1] += text
        elif self.title_lines and pat.compact(text) == pat.compact("".join(self.title_lines)):
            return  # the title repeated above the body
        elif not self.title_lines and pat.is_attachment_mark(text):
            return  # `附件1` above the title of a draft sent as an attachment
        elif self._title_line(text):
            self.title_lines.append(text)
        else:
            self.warnings.append(_warning(line.number, "preamble_text", text=text[:40]))
            self.front_target = [text]

    def _track_note(self, text: str) -> None:
        """Follow the brackets of a 题注; once they close, the next line is not part of it."""
        was_open = self.note_depth > 0 or self.notes[-1][:1] in "（("
        self.note_depth = max(0, self.note_depth + pat.paren_balance(text))
        self.front_target = None if was_open and self.note_depth == 0 else self.notes

    def _title_line(self, text: str) -> bool:
        if self.notes or self.warnings:
            return False
        if not self.title_lines:
            return pat.could_be_title(text)
        return pat.continues_title("".join(self.title_lines), text)

    # -- headings ---------------------------------------------------------------------------

    def _heading(self, line: Line, pos: Position) -> bool:
        shape = pat.heading_shape(line.text)
        if shape is None:
            return False
        level, number, title = shape
        if pos.continues and not (self._heading_expected(level, number) and title):
            return False
        self._close_article()
        heading = Heading(level, pat.heading_label(level, number), number, title, line.number)
        self._number_heading(heading)
        self._check_misprint(line, heading.label)
        rank = LEVELS.index(level)
        self._set_path([h for h in self.path if LEVELS.index(h.level) < rank] + [heading])
        self.headings.append(heading)
        self.pending_heading = None if title else heading
        self.article = self.target = None
        self.started = self.prev_complete = True
        return True

    def _unnumbered_part(self, line: Line, pos: Position) -> bool:
        if pos is Position.CONT or not self.started or not pat.is_unnumbered_part(line.text):
            return False
        self._close_article()
        self._set_path([Heading("编", "", 0, pat.compact(line.text), line.number)])
        self.prev_complete = True
        return True

    def _set_path(self, path: list[Heading]) -> None:
        self.path = path
        self.path_entries = tuple(h.path_entry for h in path)

    def _heading_expected(self, level: str, number: int) -> bool:
        # Chapters restart at 1 in each 编 of some codes and run on in others.
        return number in (1, self.heading_numbers.get(level, 0) + 1)

    def _number_heading(self, heading: Heading) -> None:
        if not self._heading_expected(heading.level, heading.number):
            expected = pat.heading_label(heading.level, self.heading_numbers.get(heading.level, 0) + 1)
            self.warnings.append(
                _warning(heading.line, "heading_number_gap", found=heading.label, expected=expected)
            )
        self.heading_numbers[heading.level] = heading.number

    # -- entries: articles, or the items of an amendment ------------------------------------

    def _entry(self, line: Line, pos: Position, strict: bool) -> bool:
        if self.items_mode:
            return self._amendment_item(line, pos, strict)
        shape = pat.article_shape(line.text)
        if shape is None:
            return False
        expected = self._expected(shape.number, shape.sub)
        if shape.citation_like and not expected:
            accepted = False
        elif strict:
            accepted = expected and pos is not Position.CONT
        elif pos is Position.CONT:
            accepted = expected and shape.strong
        elif pos is Position.UNFINISHED:
            # In a typed text each line is a paragraph, so a line that stops without a full stop is a stray
            # heading or a missing stop, not a cut: a separated label further on after it is still a label,
            # and the gap is reported where it is (第十六条 missing, a stray line above 第十七条).
            accepted = expected or (not self.layout.wrapped and shape.strong and self._ahead(shape.number))
        else:
            accepted = pos is Position.START or expected or shape.strong
        if accepted:
            self._open(line, shape.number, shape.sub, shape.caption, shape.rest)
        return accepted

    def _amendment_item(self, line: Line, pos: Position, strict: bool) -> bool:
        shape = pat.amendment_item_shape(line.text)
        if shape is None or pos is Position.CONT:
            return False
        number, rest = shape
        if (strict or pos is not Position.START) and not self._expected(number, 0):
            return False
        self._open(line, number, 0, None, rest)
        return True

    def _ahead(self, number: int) -> bool:
        """Whether `number` lies beyond the next article's: a gap, not a repeat or a step back."""
        return bool(self.articles) and number > self.articles[-1].number + 1

    def _expected(self, number: int, sub: int) -> bool:
        if not self.articles:
            return (number, sub) == (1, 0)
        last_number, last_sub = self.articles[-1].key
        return (number, sub) in ((last_number + 1, 0), (last_number, last_sub + 1))

    def _label(self, number: int, sub: int) -> str:
        return pat.amendment_label(number) if self.items_mode else pat.article_label(number, sub)

    def _open(self, line: Line, number: int, sub: int, caption: str | None, rest: str) -> None:
        self._close_article()
        label = self._label(number, sub)
        if self.in_quote:
            self.warnings.append(_warning(line.number, "unclosed_quote", label=label))
            self.in_quote = False
        self._check_numbering(line.number, number, sub, label)
        self._check_misprint(line, label)
        # `四、删去第七条。` is an amendment item, not a placeholder.
        deleted = not self.items_mode and bool(pat.DELETED_RE.match(rest))
        paragraphs = [Paragraph(rest, line.number)] if rest and not deleted else []
        self.article = Article(label, number, sub, caption, paragraphs, self.path_entries, deleted, line.number)
        self.articles.append(self.article)
        self.inserting = False
        self.target = paragraphs[0] if paragraphs else None
        self.prev_complete = not paragraphs
        self.started = True
        self.pending_heading = None

    def _check_misprint(self, line: Line, label: str) -> None:
        """A label typed with 笫 for 第 (patterns.MISPRINTED_ORDINAL) is read as the label, and said."""
        if line.text.startswith(pat.MISPRINTED_ORDINAL):
            typed = pat.ARTICLE_RE.match(line.text) or pat.HEADING_RE.match(line.text)
            self.warnings.append(_warning(line.number, "misprinted_label", found=pat.compact(typed[0]), label=label))

    def _check_numbering(self, line_no: int, number: int, sub: int, label: str) -> None:
        # An excerpt may begin anywhere: only what follows the first article is checked.
        if not self.articles or self._expected(number, sub):
            return
        previous = self.articles[-1]
        if (number, sub) <= previous.key:
            self.warnings.append(_warning(line_no, "numbering_repeat", found=label, previous=previous.label))
        else:
            expected = self._label(previous.number + 1, 0)
            self.warnings.append(
                _warning(line_no, "numbering_gap", previous=previous.label, found=label, expected=expected)
            )

    def _close_article(self) -> None:
        article = self.article
        if article is not None and not article.paragraphs and not article.deleted:
            self.warnings.append(_warning(article.line, "empty_article", label=article.label))
        self.article = self.target = None

    # -- content of an article: 款, 项, 目, continuation lines ---------------------------------

    def _content(self, line: Line, pos: Position) -> None:
        text = line.text
        if self.pending_heading is not None and self._heading_title(text):
            return
        if self.article is None:
            if not pos.continues or self.target is None:
                self.warnings.append(_warning(line.number, "stray_text", text=text[:40]))
            return
        if not self.in_quote and text[:1] not in "“「" and self._item(line, pos):
            return
        if self.target is not None and self._joins(pos, text):
            self.target.text += text
            return
        paragraph = Paragraph(text, line.number)
        self.article.paragraphs.append(paragraph)
        self.target = paragraph

    def _heading_title(self, text: str) -> bool:
        heading, self.pending_heading = self.pending_heading, None
        if heading is None or len(text) > 30 or pat.ends_sentence(text):
            return False
        heading.title = pat.tidy_spacing(text)
        self._set_path(self.path)
        self.prev_complete = True
        return True

    def _joins(self, pos: Position, text: str) -> bool:
        if pos is Position.CONT:
            return True
        if self.inserting and pat.starts_unit(text):
            return False  # an inserted heading or article is a paragraph of its own
        if pos is Position.UNFINISHED:
            return text[:1] not in "“「"  # each quoted paragraph opens with its own mark
        # A full line that ends a sentence is as often mid-paragraph as not: with a fixed
        # width, keep the paragraph whole unless the next line opens a quotation.
        return pos is Position.SOFT and self.layout.width is not None and text[:1] not in "“「"

    def _item(self, line: Line, pos: Position) -> bool:
        assert self.article is not None
        item = pat.item_shape(line.text)
        if item is not None:
            label, number, rest = item
            paragraph = self._current_paragraph()
            if pos.continues and number != len(paragraph.items) + 1:
                return False
            self.target = Item(label, rest, line.number)
            paragraph.items.append(self.target)
            return True
        sub = pat.subitem_shape(line.text)
        if sub is None or pos is Position.CONT:
            return False
        paragraph = self._current_paragraph()
        self.target = Item(sub[0], sub[1], line.number)
        (paragraph.items[-1].subitems if paragraph.items else paragraph.items).append(self.target)
        return True

    def _current_paragraph(self) -> Paragraph:
        assert self.article is not None
        if not self.article.paragraphs:
            self.article.paragraphs.append(Paragraph("", self.article.line))
        return self.article.paragraphs[-1]

    def finish(self, kind: DocumentKind, has_toc: bool) -> ParsedDocument:
        self._close_article()
        if not self.articles:
            raise ParseError("no_articles", "No articles (第一条…) or amendment items (一、…) were found.")
        return ParsedDocument(
            title=pat.tidy_spacing("".join(self.title_lines)),
            kind=kind,
            preamble=self.notes,
            headings=self.headings,
            articles=self.articles,
            warnings=sorted(self.warnings, key=lambda w: w.line),
            has_toc=has_toc,
        )


def _first_article_index(lines: list[Line]) -> int:
    return next(
        (i for i, ln in enumerate(lines) if pat.article_shape(ln.text) or pat.amendment_item_shape(ln.text)),
        len(lines),
    )


def _without_appendices(lines: list[Line]) -> list[Line]:
    """Cut what follows the law: an `附件` (an attachment, such as the list of repealed acts
    after the 刑法) or an explanatory note `关于《…》的说明`, with all that follows."""
    for i in range(_first_article_index(lines) + 1, len(lines)):
        text = lines[i].text
        if pat.is_attachment_mark(text) or pat.is_explanatory_note_title(text):
            return lines[:i]
    return lines


def _toc_end(lines: list[Line], mark: int) -> int:
    """Index of the first body line after a table of contents that starts at `mark`."""
    if mark + 1 >= len(lines):
        return mark + 1
    first = lines[mark + 1].text
    key, entry = pat.structural_key(first), pat.toc_entry_text(first)
    for j in range(mark + 2, len(lines)):
        text = lines[j].text
        if key is not None and pat.structural_key(text) == key:
            return j
        if key is None and (pat.toc_entry_text(text) == entry or pat.article_shape(text)):
            return j
    return mark + 1


def _find_toc(lines: list[Line]) -> range | None:
    """The lines of a table of contents: after a 目录 line, or headings listed twice before the
    first article (a Word TOC often has no title)."""
    seen: dict[tuple[str, int, int], int] = {}
    for i, line in enumerate(lines):
        if pat.is_toc_mark(line.text):
            return range(i, _toc_end(lines, i))
        key = pat.structural_key(line.text)
        if key is None:
            continue
        if key[0] == "条":
            return None
        if key in seen:
            return range(min(seen.values()), i)
        seen[key] = i
    return None


def _uses_items(lines: list[Line], toc: range | None, amendment_title: bool) -> bool:
    """Whether the entries are amendment items `一、`: an amendment whose body opens with an
    item, or a text with items and no article at all (quoted text aside)."""
    first_item = first_article = None
    for i, line in enumerate(lines):
        if (toc is not None and i in toc) or line.text[:1] in "“「":
            continue
        item = pat.amendment_item_shape(line.text)
        if first_item is None and item is not None and item[0] == 1:
            first_item = i
        if first_article is None and pat.article_shape(line.text):
            first_article = i
    if first_item is None:
        return False
    if first_article is None:
        return True
    return amendment_title and first_item < first_article


def parse_text(text: str) -> ParsedDocument:
    """Parse a legal text into headings and articles (or amendment items), with warnings.

    Raises ParseError (code `empty_text` or `no_articles`) when there is nothing to parse.
    """
    lines = content_lines(text)
    if not lines:
        raise ParseError("empty_text", "The text is empty.")
    lines = _without_appendices(lines)
    layout = measure_layout(lines)
    toc = _find_toc(lines)
    amendment_title = bool(pat.AMENDMENT_TITLE.search(lines[0].text))
    items_mode = _uses_items(lines, toc, amendment_title)
    parser = _Parser(layout, items_mode, amendment=items_mode or amendment_title)
    prev: Line | None = None
    for i, line in enumerate(lines):
        if toc is not None and i in toc:
            prev = None
            continue
        prev_full = prev is not None and layout.is_full(prev)
        parser.feed(line, layout.position(prev, line, parser.prev_complete), prev_full)
        prev = line
    kind: DocumentKind = "amendment" if items_mode or amendment_title else "law"
    return parser.finish(kind, has_toc=toc is not None)
