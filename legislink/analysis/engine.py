"""The analysis as one call, and its steps one by one for partial re-runs."""

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from legislink.analysis.attribution import attribute_docs
from legislink.analysis.corpus import Doc, Draft, build_draft, prepare
from legislink.analysis.duplicates import find_duplicate_docs
from legislink.analysis.grouping import Voice, group_voices
from legislink.analysis.keywords import Idf, comment_keywords
from legislink.analysis.model import (
    AnalysisOptions,
    AnalysisResult,
    Article,
    Attribution,
    Comment,
    CommentResult,
    DuplicateGroup,
    OfftopicReason,
    OpinionGroup,
)
from legislink.analysis.offtopic import classify
from legislink.analysis.segmentation import Segmenter

DEFAULT_OPTIONS = AnalysisOptions()


def attribute(articles: Sequence[Article], comments: Sequence[Comment], *,
              options: AnalysisOptions = DEFAULT_OPTIONS,
              segmenter: Segmenter | None = None) -> dict[str, Attribution]:
    """Comment id -> where it points: explicit reference, content, whole draft, or staff's lock."""
    draft = build_draft(articles, options.title, segmenter)
    docs = prepare(comments, segmenter)
    return {d.id: a for d, a in zip(docs, attribute_docs(draft, comments, docs), strict=True)}


def _offtopic(comment: Comment, doc: Doc, attribution: Attribution, draft: Draft) -> OfftopicReason | None:
    if comment.offtopic_override is not None:
        return "staff" if comment.offtopic_override else None
    return classify(doc.norm, doc.tokens, attribution, draft)


def classify_offtopic(articles: Sequence[Article], comments: Sequence[Comment], *,
                      attributions: Mapping[str, Attribution] | None = None,
                      options: AnalysisOptions = DEFAULT_OPTIONS,
                      segmenter: Segmenter | None = None) -> dict[str, OfftopicReason | None]:
    """Comment id -> off-topic reason (ad, abuse, unrelated, empty, staff), None when on topic."""
    draft = build_draft(articles, options.title, segmenter)
    docs = prepare(comments, segmenter)
    found = attributions or dict(zip((d.id for d in docs), attribute_docs(draft, comments, docs), strict=True))
    return {d.id: _offtopic(c, d, found[d.id], draft) for c, d in zip(comments, docs, strict=True)}


def find_duplicates(comments: Sequence[Comment], *, articles: Sequence[Article] = (),
                    attributions: Mapping[str, Attribution] | None = None,
                    options: AnalysisOptions = DEFAULT_OPTIONS,
                    segmenter: Segmenter | None = None) -> list[DuplicateGroup]:
    """Form-letter groups; `articles` lets quoted draft text be ignored when comparing, and
    `attributions` lets sentences used on many articles be told from a campaign's own."""
    draft_text = build_draft(articles, options.title, segmenter).alnum_text if articles else ""
    docs = prepare(comments, with_tokens=False)
    topics = [_topic(attributions.get(d.id)) for d in docs] if attributions else None
    return find_duplicate_docs(docs, draft_text, options.seed, topics=topics)


def _topic(attribution: Attribution | None) -> str:
    """The article a comment is known to be on, "" when it is only guessed from its content: a
    campaign's talking points scatter over the articles their words resemble."""
    return attribution.key if attribution is not None and attribution.kind in ("explicit", "locked") else ""


def _voices(docs: Sequence[Doc], duplicates: Sequence[DuplicateGroup]) -> list[Voice]:
    by_id = {d.id: d for d in docs}
    voices, seen = [], set()
    for group in duplicates:
        members = tuple(m for m in group.members if m in by_id)
        if not members:
            continue
        rep = group.representative if group.representative in by_id else members[0]
        voices.append(Voice(members=members, representative=rep, tokens=by_id[rep].tokens, text=by_id[rep].norm))
        seen.update(members)
    voices.extend(Voice(members=(d.id,), representative=d.id, tokens=d.tokens, text=d.norm)
                  for d in docs if d.id not in seen)
    return voices


def group_opinions(article: str | None, comments: Sequence[Comment], *,
                   duplicates: Sequence[DuplicateGroup] = (), chapter: str | None = None,
                   idf: Idf | None = None, options: AnalysisOptions = DEFAULT_OPTIONS,
                   segmenter: Segmenter | None = None) -> list[OpinionGroup]:
    """Opinion groups among the on-topic comments of one article (or chapter, or whole draft).

    `idf` should come from all the draft's comments (`Idf(tokens of each comment)`); by default
    it is computed from `comments` alone.
    """
    docs = prepare(comments, segmenter)
    return group_voices(_voices(docs, duplicates), idf or Idf(d.tokens for d in docs),
                        article=article, chapter=chapter, pinned=options.pinned,
                        exact_limit=options.exact_grouping_limit, seed=options.seed)


def _shared_attribution(group: DuplicateGroup, found: dict[str, Attribution]) -> Attribution | None:
    """What the copies of one letter point at: the commonest explicit target, else content one."""
    for kind in ("explicit", "content"):
        targets = Counter((found[m].article, found[m].chapter) for m in group.members if found[m].kind == kind)
        if targets:
            target = targets.most_common(1)[0][0]
            return next(found[m] for m in group.members
                        if found[m].kind == kind and (found[m].article, found[m].chapter) == target)
    return None


def _harmonise(found: dict[str, Attribution], duplicates: Sequence[DuplicateGroup]) -> None:
    """Copies of one form letter are on the same article, even those that do not name it."""
    for group in duplicates:
        shared = _shared_attribution(group, found)
        if shared is None:
            continue
        for m in group.members:
            if found[m].kind in ("content", "unattributed"):
                found[m] = replace(shared, kind="content")


def _opinion_groups(draft: Draft, docs: Sequence[Doc], found: Mapping[str, Attribution],
                    duplicates: Sequence[DuplicateGroup], idf: Idf,
                    options: AnalysisOptions) -> list[OpinionGroup]:
    by_key: dict[tuple[str | None, str | None], list[Doc]] = defaultdict(list)
    for d in docs:
        a = found[d.id]
        by_key[(a.article, None if a.article else a.chapter)].append(d)
    letter_of = {m: g for g in duplicates for m in g.members}
    groups = []
    for (article, chapter), members in by_key.items():
        # _voices keeps only the copies among `members`: a letter's off-topic copies stay out.
        letters = {letter_of[d.id].id: letter_of[d.id] for d in members if d.id in letter_of}
        groups.extend(group_voices(_voices(members, list(letters.values())), idf, article=article, chapter=chapter,
                                   pinned=options.pinned, exact_limit=options.exact_grouping_limit,
                                   seed=options.seed))
    order = {a.label: i for i, a in enumerate(draft.articles)}
    return sorted(groups, key=lambda g: (order.get(g.article or "", -1), -g.size, g.id))


def analyze(articles: Sequence[Article], comments: Sequence[Comment], *,
            options: AnalysisOptions = DEFAULT_OPTIONS, segmenter: Segmenter | None = None) -> AnalysisResult:
    """Attribution, off-topic marking, form letters and opinion groups of one consultation."""
    draft = build_draft(articles, options.title, segmenter)
    docs = prepare(comments, segmenter)
    found = dict(zip((d.id for d in docs), attribute_docs(draft, comments, docs), strict=True))
    duplicates = find_duplicate_docs(docs, draft.alnum_text, options.seed, topics=[_topic(found[d.id]) for d in docs])
    _harmonise(found, duplicates)
    offtopic = {d.id: _offtopic(c, d, found[d.id], draft) for c, d in zip(comments, docs, strict=True)}
    on_topic = [d for d in docs if offtopic[d.id] is None]
    idf = Idf(d.tokens for d in on_topic)
    groups = _opinion_groups(draft, on_topic, found, duplicates, idf, options)
    group_of = {m: g.id for g in groups for m in g.members}
    duplicate_of = {m: g.id for g in duplicates for m in g.members}
    own = {m: added for g in duplicates for m, added in g.own.items()}
    results = tuple(
        CommentResult(id=d.id, attribution=found[d.id], offtopic=offtopic[d.id],
                      duplicate_group=duplicate_of.get(d.id), group=group_of.get(d.id),
                      keywords=comment_keywords(d.tokens, idf), own_sentences=own.get(d.id, ()))
        for d in docs
    )
    return AnalysisResult(comments=results, groups=tuple(groups), duplicate_groups=tuple(duplicates))


def to_json(result: AnalysisResult) -> dict:
    """The `analyze-file --json` object of DESIGN.md, with a few extra fields per comment and group."""
    return {
        "comments": [{
            "id": c.id,
            "article": c.attribution.article,
            "group": c.group,
            "duplicate_group": c.duplicate_group,
            "offtopic": c.offtopic is not None,
            "keywords": list(c.keywords),
            "offtopic_reason": c.offtopic,
            "attribution": c.attribution.kind,
            "paragraph": c.attribution.paragraph,
            "chapter": c.attribution.chapter,
            "candidates": list(c.attribution.candidates),
            "own_sentences": list(c.own_sentences),
        } for c in result.comments],
        "groups": [{
            "id": g.id,
            "article": g.article,
            "size": g.size,
            "keywords": list(g.keywords),
            "representative": g.representative,
            "chapter": g.chapter,
            "copies": g.copies,
            "pinned": g.pinned,
        } for g in result.groups],
    }
