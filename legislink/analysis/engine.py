"""The analysis as one call (`analyze`), a later run over comments analysed before (`reanalyze`), and its steps
one by one for callers that need only one."""

import multiprocessing
import os
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace

from legislink.analysis.attribution import attribute_docs
from legislink.analysis.corpus import Doc, Draft, build_draft, prepare
from legislink.analysis.duplicates import find_copies, find_duplicate_docs
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
# From this many comments, three steps use a second process when the machine has a second core and a process can
# be forked safely: the copies of form letters (which need no attribution) are found there while this one attributes
# the comments, and the off-topic reading and the articles' grouping are each split between the two.
BESIDE_FROM = 20_000


def _send(connection, fn: Callable, args: tuple) -> None:
    try:
        connection.send((True, fn(*args)))
    except BaseException:  # noqa: BLE001 - whatever happened, the parent computes it itself
        connection.send((False, None))
    finally:
        connection.close()


class _Beside:
    """`fn(*args)` computed in a forked process while the caller goes on (`parallel`), else by `get` itself; a child
    that fails or dies leaves `get` to compute it here. The result is the same either way. Used in a `with` block:
    if the caller fails before `get`, the child is stopped at once instead of waiting on its pipe."""

    def __init__(self, fn: Callable, *args, parallel: bool) -> None:
        self.fn, self.args, self.process = fn, args, None
        if parallel:
            context = multiprocessing.get_context("fork")
            self.connection, child_end = context.Pipe(duplex=False)
            # Forked, the child has the arguments already: nothing is copied to it.
            self.process = context.Process(target=_send, args=(child_end, fn, args), daemon=True)
            self.process.start()
            child_end.close()

    def get(self):
        if self.process is not None:
            try:
                done, value = self.connection.recv()
                if done:
                    return value
            except (EOFError, OSError):
                pass
            finally:
                self.close(stop=False)  # it has sent its part, or died: it ends by itself
        return self.fn(*self.args)

    def close(self, stop: bool = True) -> None:
        if self.process is not None:
            if stop:  # SIGKILL: the child may have inherited a SIGTERM handler (an RQ worker's warm shutdown)
                self.process.kill()
            self.process.join()
            self.connection.close()
            self.process = None

    def __enter__(self) -> "_Beside":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def _can_fork(n: int) -> bool:
    """Whether a step may run in a second process: enough comments, two cores, fork available, and no other thread
    in this one (a thread holding a lock at the fork, a web server's for example, would leave it held in the child)."""
    return (n >= BESIDE_FROM and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1 and not multiprocessing.current_process().daemon)


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


def _offtopic_of(pairs: Sequence[tuple[Comment, Doc]], found: Mapping[str, Attribution],
                 draft: Draft) -> dict[str, OfftopicReason | None]:
    return {d.id: _offtopic(c, d, found[d.id], draft) for c, d in pairs}


def classify_offtopic(articles: Sequence[Article], comments: Sequence[Comment], *,
                      attributions: Mapping[str, Attribution] | None = None,
                      options: AnalysisOptions = DEFAULT_OPTIONS,
                      segmenter: Segmenter | None = None) -> dict[str, OfftopicReason | None]:
    """Comment id -> off-topic reason (ad, abuse, unrelated, empty, staff), None when on topic."""
    draft = build_draft(articles, options.title, segmenter)
    docs = prepare(comments, segmenter)
    found = attributions or dict(zip((d.id for d in docs), attribute_docs(draft, comments, docs), strict=True))
    return _offtopic_of(list(zip(comments, docs, strict=True)), found, draft)


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


def _harmonise(found: dict[str, Attribution], duplicates: Sequence[DuplicateGroup]) -> dict[str, Attribution]:
    """Copies of one form letter are on the same article, even those that do not name it. Returns the copies that
    moved, each with where it pointed before."""
    moved = {}
    for group in duplicates:
        shared = _shared_attribution(group, found)
        if shared is None:
            continue
        for m in group.members:
            if found[m].kind in ("content", "unattributed"):
                placed = replace(shared, kind="content")
                if (placed.article, placed.chapter) != (found[m].article, found[m].chapter):
                    moved[m] = found[m]
                found[m] = placed
    return moved


def _groups_of(parts: Sequence[tuple[tuple[str | None, str | None], list[Doc]]],
               letter_of: Mapping[str, DuplicateGroup], idf: Idf, options: AnalysisOptions) -> list[OpinionGroup]:
    groups = []
    for (article, chapter), members in parts:
        # _voices keeps only the copies among `members`: a letter's off-topic copies stay out.
        letters = {letter_of[d.id].id: letter_of[d.id] for d in members if d.id in letter_of}
        groups.extend(group_voices(_voices(members, list(letters.values())), idf, article=article, chapter=chapter,
                                   pinned=options.pinned, exact_limit=options.exact_grouping_limit,
                                   seed=options.seed))
    return groups


def _opinion_groups(draft: Draft, docs: Sequence[Doc], found: Mapping[str, Attribution],
                    duplicates: Sequence[DuplicateGroup], idf: Idf,
                    options: AnalysisOptions) -> list[OpinionGroup]:
    by_key: dict[tuple[str | None, str | None], list[Doc]] = defaultdict(list)
    for d in docs:
        a = found[d.id]
        by_key[(a.article, None if a.article else a.chapter)].append(d)
    letter_of = {m: g for g in duplicates for m in g.members}
    # The articles are grouped independently: every other one, largest first, in a second process when it can.
    parts = sorted(by_key.items(), key=lambda item: -len(item[1]))
    with _Beside(_groups_of, parts[1::2], letter_of, idf, options, parallel=_can_fork(len(docs))) as other:
        groups = _groups_of(parts[::2], letter_of, idf, options) + other.get()
    order = {a.label: i for i, a in enumerate(draft.articles)}
    return sorted(groups, key=lambda g: (order.get(g.article or "", -1), -g.size, g.id))


def analyze(articles: Sequence[Article], comments: Sequence[Comment], *,
            options: AnalysisOptions = DEFAULT_OPTIONS, segmenter: Segmenter | None = None) -> AnalysisResult:
    """Attribution, off-topic marking, form letters and opinion groups of one consultation."""
    draft = build_draft(articles, options.title, segmenter)
    docs = prepare(comments, segmenter)
    with _Beside(find_copies, docs, draft.alnum_text, options.seed, parallel=_can_fork(len(docs))) as copies:
        found = dict(zip((d.id for d in docs), attribute_docs(draft, comments, docs), strict=True))
        duplicates = find_duplicate_docs(docs, draft.alnum_text, options.seed,
                                         topics=[_topic(found[d.id]) for d in docs], copies=copies.get())
    _harmonise(found, duplicates)
    pairs = list(zip(comments, docs, strict=True))
    # Each comment is read on its own: the second half in a second process when it can.
    with _Beside(_offtopic_of, pairs[len(pairs) // 2:], found, draft, parallel=_can_fork(len(docs))) as other:
        offtopic = _offtopic_of(pairs[:len(pairs) // 2], found, draft) | other.get()
    on_topic = [d for d in docs if offtopic[d.id] is None]
    idf = Idf(d.tokens for d in on_topic)
    groups = _opinion_groups(draft, on_topic, found, duplicates, idf, options)
    return _result(docs, found, offtopic, duplicates, groups, idf)


def _result(docs: Sequence[Doc], found: Mapping[str, Attribution], offtopic: Mapping[str, OfftopicReason | None],
            duplicates: Sequence[DuplicateGroup], groups: Sequence[OpinionGroup], idf: Idf,
            keyworded: Collection[str] | None = None) -> AnalysisResult:
    """The analysis's result, each comment with its keywords (those of `keyworded` only, when given)."""
    group_of = {m: g.id for g in groups for m in g.members}
    duplicate_of = {m: g.id for g in duplicates for m in g.members}
    own = {m: added for g in duplicates for m, added in g.own.items()}
    results = tuple(
        CommentResult(id=d.id, attribution=found[d.id], offtopic=offtopic[d.id],
                      duplicate_group=duplicate_of.get(d.id), group=group_of.get(d.id),
                      keywords=comment_keywords(d.tokens, idf) if keyworded is None or d.id in keyworded else (),
                      own_sentences=own.get(d.id, ()))
        for d in docs
    )
    return AnalysisResult(comments=results, groups=tuple(groups), duplicate_groups=tuple(duplicates))


def reanalyze(articles: Sequence[Article], comments: Sequence[Comment],
              known: Mapping[str, tuple[Attribution, OfftopicReason | None]], *, evidence: Collection[str] = (),
              options: AnalysisOptions = DEFAULT_OPTIONS,
              segmenter: Segmenter | None = None) -> tuple[AnalysisResult, set[str], set[str]]:
    """A later run over a consultation analysed before, each comment prepared once.

    `known`: the comments analysed before, by id, with where they point and their off-topic reason; they keep both.
    The others (new) are attributed, learning from the comments of `evidence` (those whose article is known:
    chosen, named or set by staff), and read for off-topic. Form letters are found over every comment, since a new
    copy can join an old campaign, and the copies of a letter a new comment joined are placed together as a whole
    run places them (a copy the analysis placed by its content, new or not, goes where the letter points). The
    opinion groups of every article a new or moved comment is on, or left, are formed again.

    Returns the result (`groups`: those of the regrouped articles only), the keys of the regrouped articles, and the
    ids of the comments analysed before that the run moved to another article."""
    draft = build_draft(articles, options.title, segmenter)
    docs = prepare(comments, segmenter)
    fresh = [(c, d) for c, d in zip(comments, docs, strict=True) if d.id not in known]
    found = {i: attribution for i, (attribution, _) in known.items()}
    learning = [(c, d) for c, d in zip(comments, docs, strict=True) if d.id not in known or d.id in evidence]
    with _Beside(find_copies, docs, draft.alnum_text, options.seed, parallel=_can_fork(len(docs))) as copies:
        if learning:
            learn_comments, learn_docs = zip(*learning, strict=True)
            found.update((d.id, a) for d, a in zip(learn_docs, attribute_docs(draft, learn_comments, learn_docs),
                                                   strict=True) if d.id not in known)
        duplicates = find_duplicate_docs(docs, draft.alnum_text, options.seed,
                                         topics=[_topic(found[d.id]) for d in docs], copies=copies.get())
    fresh_ids = {d.id for _, d in fresh}
    joined = [g for g in duplicates if fresh_ids.intersection(g.members)]
    moved_from = {i: a for i, a in _harmonise(found, joined).items() if i not in fresh_ids}
    moved = set(moved_from)
    offtopic = {i: reason for i, (_, reason) in known.items()} | _offtopic_of(fresh, found, draft)
    touched = {found[i].key for i in fresh_ids | moved} | {a.key for a in moved_from.values()}
    on_topic = [d for d in docs if offtopic[d.id] is None]
    idf = Idf(d.tokens for d in on_topic)
    groups = _opinion_groups(draft, [d for d in on_topic if found[d.id].key in touched], found, duplicates, idf,
                             options)
    return _result(docs, found, offtopic, duplicates, groups, idf, keyworded=fresh_ids), touched, moved


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
