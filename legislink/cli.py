"""The `legislink` command: each subcommand translates arguments into one service call."""

import json
import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import current_app, has_app_context
from flask.cli import FlaskGroup, with_appcontext
from flask_babel import force_locale

from . import create_app
from .extensions import db
from .lawtext import LawTextError
from .models import Role
from .services import ServiceError
from .unit_of_work import unit_of_work


def _sentence(error: ServiceError | LawTextError) -> str:
    """A refusal as the site words it, in English: a person reads a sentence, never a bare code."""
    from .web import messages

    if not has_app_context():
        return error.message
    with force_locale("en"):
        return messages.describe(error)


@contextmanager
def command_unit() -> Iterator[None]:
    """A command's unit of work: committed when the block ends, rolled back when it raises; a refusal
    becomes the command's error message (exit 1)."""
    try:
        with unit_of_work():
            yield
    except (ServiceError, LawTextError) as error:
        raise click.ClickException(_sentence(error)) from error


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(cls=FlaskGroup, create_app=create_app, add_default_commands=False,
             help="LegisLink: public comment on law drafts.")
def main() -> None:
    # Whatever a command writes (the SQLite database, and with it SQLite's WAL and shared-memory files,
    # backups, exports, the instance folder) holds names and phone numbers: only the account running
    # the site may read it, whatever the shell's umask. `serve` passes this on to gunicorn's workers.
    os.umask(0o077)


CONFIG_TEMPLATE = '''# Written by `legislink init`. Keep this file private: it holds the secret key.
SECRET_KEY = {secret!r}

# PostgreSQL instead of the embedded SQLite database:
# DATABASE_URL = "postgresql+psycopg://legislink@127.0.0.1:5432/legislink"
# Redis for rate limits and background analysis shared by several app servers:
# REDIS_URL = "redis://127.0.0.1:6379/0"

# The contact point that signs the upward report.
# CONTACT_POINT_NAME = "某某基层立法联系点"
'''


def write_instance_config(instance_path: Path) -> bool:
    """Create instance/config.py with a random secret key; never overwrite an existing one."""
    instance_path.mkdir(parents=True, exist_ok=True)
    target = instance_path / "config.py"
    if target.exists():
        return False
    target.write_text(CONFIG_TEMPLATE.format(secret=secrets.token_hex(32)), encoding="utf-8")
    target.chmod(0o600)
    return True


@main.command("init")
@click.option("--demo", is_flag=True, help="Also load the demonstration draft, stations, users and comments.")
@with_appcontext
def init_command(demo: bool) -> None:
    """Create the instance folder, its configuration and the database."""
    from flask_migrate import upgrade

    instance = Path(current_app.instance_path)
    if write_instance_config(instance):
        click.echo(f"wrote {instance / 'config.py'}")
        # The secret key was just written: load it for the rest of this command.
        current_app.config.from_pyfile("config.py")
    upgrade()
    click.echo(f"database ready: {db.engine.url.render_as_string(hide_password=True)}")
    if demo:
        from .services import demo as demo_service

        with command_unit():
            report = demo_service.load_demo(now=demo_service.utcnow())
        for line in report.lines():
            click.echo(line)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int, help="Worker processes.")
@click.option("--threads", default=1, show_default=True, type=int,
              help="Threads per worker; 1 runs plain sync workers, the fastest measured here.")
@with_appcontext
def serve_command(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the site with gunicorn (a production WSGI server)."""
    from .server import serve

    config = current_app.config
    if workers > 1 and config["RATELIMIT_ENABLED"] and config["RATELIMIT_STORAGE_URI"] == "memory://":
        click.echo(f"note: rate limits are counted in each of the {workers} worker processes on its own, so "
                   f"one address may make up to {workers} × COMMENT_RATE_LIMIT; set LEGISLINK_REDIS_URL to "
                   "share the count", err=True)
    serve(host=host, port=port, workers=workers, threads=threads)


@main.group("users")
def users_group() -> None:
    """Staff, reviewer and admin accounts."""


@users_group.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--station", "station_code", help="Liaison station code (required for staff).")
@click.option("--display-name", default="")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def users_create(name: str, role: str, station_code: str | None, display_name: str, password_stdin: bool) -> None:
    """Create an account; the password is asked for (or read from stdin), never an argument."""
    from .services import accounts

    if password_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with command_unit():
        user = accounts.create_user(name, Role(role), password, station_code=station_code,
                                    display_name=display_name,
                                    min_length=current_app.config["PASSWORD_MIN_LENGTH"])
    click.echo(f"created {user.role.value} {user.username}" + (f" ({station_code})" if station_code else ""))


@main.group("drafts")
def drafts_group() -> None:
    """Parse, import and compare law drafts."""


def _read_draft_file(path: str) -> str:
    from .lawtext import read_source

    data = Path(path).read_bytes()
    try:
        return read_source(data, Path(path).name)
    except LawTextError as error:
        raise click.ClickException(_sentence(error)) from error


def _read_text_file(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{path} is not UTF-8 text") from error


@drafts_group.command("parse")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the structure as JSON (see DESIGN.md).")
def drafts_parse(file: str, as_json: bool) -> None:
    """Parse a .txt or .docx law text and print its structure; stores nothing."""
    from .lawtext import parse_text, to_json

    try:
        doc = parse_text(_read_draft_file(file))
    except LawTextError as error:
        raise click.ClickException(_sentence(error)) from error
    if as_json:
        _echo_json(to_json(doc))
        return
    click.echo(f"{doc.title}\n{len(doc.articles)} articles, {len(doc.headings)} headings ({doc.kind})")
    for warning in doc.warnings:
        click.echo(f"  line {warning.line}: {warning.message}")


@drafts_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--title", help="Title of a new draft (default: the title in the text).")
@click.option("--version-label", default=None, help="Version label, e.g. 一审稿, 二审稿, 最终文本.")
@click.option("--draft", "draft_id", type=int, help="Add the text as a later version of this draft.")
@click.option("--issuing-body", default="", help="Who sent the draft down, e.g. 全国人大常委会法工委.")
@with_appcontext
def drafts_import(file: str, title: str | None, version_label: str | None, draft_id: int | None,
                  issuing_body: str) -> None:
    """Parse a law text and store it; prints {draft_id, version_id, articles}."""
    from .models import Draft
    from .services import drafts

    text = _read_draft_file(file)
    with command_unit():
        if draft_id is not None:
            draft = db.session.get(Draft, draft_id)
            if draft is None:
                raise click.ClickException(f"no draft with id {draft_id}")
            version = drafts.add_version(draft, drafts.parse_or_refuse(text), label=version_label or "修改稿",
                                         source_name=Path(file).name, source_text=text)
        else:
            version = drafts.import_text(text, title=title or "", version_label=version_label or "征求意见稿",
                                         issuing_body=issuing_body, source_name=Path(file).name)
    click.echo(json.dumps({"draft_id": version.draft_id, "version_id": version.id,
                           "articles": version.article_count}, ensure_ascii=False))


@drafts_group.command("compare")
@click.argument("draft_id", type=int)
@click.option("--from", "old_ref", required=True, help="The earlier version: its id or its label.")
@click.option("--to", "new_ref", required=True, help="The later version: its id or its label.")
@click.option("--json", "as_json", is_flag=True, help="Print [{from, to, change, similarity}, ...].")
@with_appcontext
def drafts_compare(draft_id: int, old_ref: str, new_ref: str, as_json: bool) -> None:
    """Align two stored versions of a draft article by article; stores nothing."""
    from .models import Draft
    from .services import versions

    draft = db.session.get(Draft, draft_id)
    if draft is None:
        raise click.ClickException(f"no draft with id {draft_id}")
    with command_unit():
        comparison = versions.compare_refs(draft, old_ref, new_ref)
    if as_json:
        _echo_json([alignment.to_json() for alignment in comparison.alignments])
        return
    counts = ", ".join(f"{number} {change}" for change, number in comparison.counts().items())
    click.echo(f"{comparison.old.label} -> {comparison.new.label}: {counts}")
    for alignment in comparison.alignments:
        if alignment.change != "same":
            click.echo(f"  {alignment.from_label or '-'} -> {alignment.to_label or '-'}  {alignment.change}"
                       f"  {alignment.similarity:.2f}")


@main.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file: Path) -> None:
    """Copy the live database to FILE (SQLite backup API, or pg_dump for PostgreSQL)."""
    import subprocess

    from .services import backup

    try:
        backup.backup(current_app.config["DATABASE_URL"], file)
    except ServiceError as error:
        raise click.ClickException(_sentence(error)) from error
    except subprocess.CalledProcessError as error:
        raise click.ClickException(error.stderr.decode(errors="replace").strip()) from error
    click.echo(f"backup written to {file}")


@main.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(file: Path, yes: bool) -> None:
    """Replace the database's content with a backup made by `legislink backup`, then migrate it."""
    import subprocess

    from flask_migrate import upgrade

    from .services import backup

    if not yes:
        click.confirm(f"Replace everything in {db.engine.url.render_as_string()} with {file}?", abort=True)
    db.session.remove()
    db.engine.dispose()
    try:
        backup.restore(current_app.config["DATABASE_URL"], file)
    except ServiceError as error:
        raise click.ClickException(_sentence(error)) from error
    except subprocess.CalledProcessError as error:
        raise click.ClickException(error.stderr.decode(errors="replace").strip()) from error
    upgrade()
    click.echo(f"restored from {file}")


@main.group("consultations")
def consultations_group() -> None:
    """Consultation windows on stored versions."""


@consultations_group.command("open")
@click.argument("version_id", type=int)
@click.option("--opens", "opens_on", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="First day, YYYY-MM-DD, in the contact point's time zone.")
@click.option("--closes", "closes_on", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Last day, YYYY-MM-DD: comments are accepted until its end.")
@click.option("--premoderation", is_flag=True, help="Check online comments before the public counts them.")
@click.option("--station", "stations", multiple=True, help="A liaison station code; repeat it. Default: every station.")
@click.option("--contact-name", default="", help="Contact person named in the upward report.")
@click.option("--contact-phone", default="", help="Their phone number.")
@click.option("--after-close", default="", help="Where to send comments once the window has closed.")
@with_appcontext
def consultations_open(version_id: int, opens_on, closes_on, premoderation: bool, stations: tuple[str, ...],
                       contact_name: str, contact_phone: str, after_close: str) -> None:
    """Open a version for comment; prints {consultation_id, version_id, opens_at, closes_at}."""
    from .models import DraftVersion
    from .services import consultations

    version = db.session.get(DraftVersion, version_id)
    if version is None:
        raise click.ClickException(f"no version with id {version_id}")
    with command_unit():
        consultation = consultations.open_consultation(
            version, opens_on=opens_on.date(), closes_on=closes_on.date(), premoderation=premoderation,
            station_codes=stations, contact_name=contact_name, contact_phone=contact_phone,
            after_close_contact=after_close, timezone=current_app.config["BABEL_DEFAULT_TIMEZONE"])
    click.echo(json.dumps({"consultation_id": consultation.id, "version_id": version.id,
                           "opens_at": consultation.opens_at.isoformat(),
                           "closes_at": consultation.closes_at.isoformat()}, ensure_ascii=False))


@consultations_group.command("create")
@click.option("--kind", required=True, type=click.Choice(["draft", "proposal", "evaluation"]),
              help="draft (立法中), proposal (立项建议征集, no text) or evaluation (立法后评估 of a law in force).")
@click.option("--title", required=True, help="The consultation's title (for an evaluation, the law's title).")
@click.option("--opens", "opens_on", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="First day, YYYY-MM-DD, in the contact point's time zone.")
@click.option("--closes", "closes_on", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Last day, YYYY-MM-DD: comments are accepted until its end.")
@click.option("--law", "law_file", type=click.Path(exists=True, dir_okay=False),
              help="The text to consult (.txt or .docx): the draft, or the law in force to evaluate.")
@click.option("--intro", "intro_file", type=click.Path(exists=True, dir_okay=False),
              help="A UTF-8 text file introducing the consultation, shown above its form.")
@click.option("--premoderation", is_flag=True, help="Check online comments before the public counts them.")
@click.option("--station", "stations", multiple=True, help="A liaison station code; repeat it. Default: every station.")
@with_appcontext
def consultations_create(kind: str, title: str, opens_on, closes_on, law_file: str | None, intro_file: str | None,
                         premoderation: bool, stations: tuple[str, ...]) -> None:
    """Create a consultation of any kind; prints {consultation_id, kind}.

    A draft or an evaluation imports its text from --law first (as `drafts import` does);
    a proposal call has no text.
    """
    from .models import ConsultationKind
    from .services import consultations, drafts

    consultation_kind = ConsultationKind(kind)
    if consultation_kind == ConsultationKind.PROPOSAL and law_file:
        raise click.ClickException("a call for proposals consults no text: leave out --law")
    if consultation_kind != ConsultationKind.PROPOSAL and not law_file:
        raise click.ClickException(f"a consultation of kind {kind} needs its text: --law FILE")
    intro = _read_text_file(intro_file) if intro_file else ""
    version = None
    with command_unit():
        if law_file:
            text = _read_draft_file(law_file)
            label = "现行文本" if consultation_kind == ConsultationKind.EVALUATION else "征求意见稿"
            version = drafts.import_text(text, title=title, version_label=label, source_name=Path(law_file).name)
        consultation = consultations.open_consultation(
            version, kind=consultation_kind, title=title, intro=intro, opens_on=opens_on.date(),
            closes_on=closes_on.date(), premoderation=premoderation, station_codes=stations,
            timezone=current_app.config["BABEL_DEFAULT_TIMEZONE"])
    click.echo(json.dumps({"consultation_id": consultation.id, "kind": consultation.kind.value},
                          ensure_ascii=False))


def _consultation_of(draft_id: int):
    from .models import Draft, utcnow
    from .services import reader

    draft = db.session.get(Draft, draft_id)
    if draft is None:
        raise click.ClickException(f"no draft with id {draft_id}")
    consultation = reader.current_consultation(draft.id, utcnow())
    if consultation is None:
        raise click.ClickException(f"draft {draft_id} has no consultation yet")
    return consultation


def _chosen_consultation(draft_id: int | None, consultation_id: int | None):
    """The consultation a command works on: named by its own id (any kind), or as its draft's current one."""
    from .models import Consultation

    if (draft_id is None) == (consultation_id is None):
        raise click.UsageError("give either DRAFT_ID or --consultation ID")
    if draft_id is not None:
        return _consultation_of(draft_id)
    consultation = db.session.get(Consultation, consultation_id)
    if consultation is None:
        raise click.ClickException(f"no consultation with id {consultation_id}")
    return consultation


@main.command("analyze")
@click.argument("draft_id", type=int, required=False)
@click.option("--consultation", "consultation_id", type=int,
              help="The consultation's id, for any kind (a call for proposals has no draft).")
@click.option("--full", is_flag=True, help="Re-analyse every comment, not only the new ones.")
@with_appcontext
def analyze_command(draft_id: int | None, consultation_id: int | None, full: bool) -> None:
    """Attribute, classify, detect form letters and group the comments of a draft or a law under
    evaluation; group a call's proposals by the law they ask for. Stores the result."""
    from . import worker
    from .models import utcnow
    from .services import jobs

    consultation = _chosen_consultation(draft_id, consultation_id)
    with command_unit():
        # A command waits for its run whatever its size: the threshold only decides where it runs.
        run, _ = jobs.start(consultation, full=full, now=utcnow(),
                            background_threshold=current_app.config["ANALYSIS_BACKGROUND_THRESHOLD"])
    run = worker.run(run.id)
    _echo_json({"run": run.id, **run.summary})


def _parse_law_file(path: Path):
    from .lawtext import parse_text

    try:
        return parse_text(_read_draft_file(str(path)))
    except LawTextError as error:
        raise click.ClickException(_sentence(error)) from error


def _analysis_inputs(doc, comments: Path):
    """The parsed law as analysis articles, and the JSON-lines comments as analysis comments."""
    from . import analysis

    articles = [analysis.Article(label=a.label, number=a.number, sub=a.sub, caption=a.caption or "",
                                 path=tuple(a.path), paragraphs=tuple(p.full_text for p in a.paragraphs))
                for a in doc.articles if not a.deleted]
    inputs = []
    for number, line in enumerate(comments.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            inputs.append(analysis.Comment(id=str(record["id"]), text=str(record["text"]),
                                           target=record.get("target") or None))
        except (ValueError, KeyError, TypeError) as error:
            raise click.ClickException(f"{comments}:{number}: not a comment object with id and text") from error
    return articles, inputs


@main.command("analyze-file")
@click.argument("law", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("comments", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result object of DESIGN.md.")
def analyze_file_command(law: Path, comments: Path, as_json: bool) -> None:
    """The same analysis on a law text and a JSON-lines file of comments, without a database."""
    from . import analysis

    doc = _parse_law_file(law)
    articles, inputs = _analysis_inputs(doc, comments)
    result = analysis.analyze(articles, inputs, options=analysis.AnalysisOptions(title=doc.title))
    data = analysis.to_json(result)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(f"{len(inputs)} comments, {len(data['groups'])} opinion groups, "
               f"{sum(1 for c in data['comments'] if c['offtopic'])} off-topic, "
               f"{len({c['duplicate_group'] for c in data['comments'] if c['duplicate_group']})} form letters")


@main.command("worker")
@with_appcontext
def worker_command() -> None:
    """Run background jobs from Redis: analyses and adoption proposals (needs REDIS_URL)."""
    from redis import Redis
    from rq import Worker

    from . import worker

    url = current_app.config["REDIS_URL"]
    if not url:
        raise click.ClickException("REDIS_URL is not set: without Redis, runs happen in the app's own threads")
    worker.worker_app = current_app._get_current_object()
    Worker([worker.QUEUE_NAME], connection=Redis.from_url(url)).work()


@main.command("export")
@click.argument("draft_id", type=int, required=False)
@click.option("--consultation", "consultation_id", type=int,
              help="The consultation's id, for any kind: a call for proposals or an evaluation has its own workbook.")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--station", "station_code", help="Only this liaison station's comments (its own report).")
@click.option("--with-contact", is_flag=True, help="Include names and phone numbers in 意见明细.")
@click.option("--adoption", is_flag=True, help="Add the 采纳情况 sheet (needs reviewers' marks).")
@click.option("--mark-reported", is_flag=True,
              help="Record the report as sent upward (the site's 登记为已上报): receipts show 已上报.")
@with_appcontext
def export_command(draft_id: int | None, consultation_id: int | None, output: Path, station_code: str | None,
                   with_contact: bool, adoption: bool, mark_reported: bool) -> None:
    """Write the upward report (REPORT_FORMAT.md) of a consultation to an .xlsx file: 汇总表 for a draft,
    立项建议汇总表 for a call for proposals, 立法后评估意见汇总表 for an evaluation."""
    from .models import utcnow
    from .services import reports

    consultation = _chosen_consultation(draft_id, consultation_id)
    try:
        with command_unit():
            data = reports.export(consultation, output, settings=reports.ReportSettings.from_config(current_app.config),
                                  station_code=station_code, with_contact=with_contact, adoption=adoption)
            told = reports.mark_reported(consultation, utcnow()) if mark_reported else None
    except click.ClickException:
        output.unlink(missing_ok=True)
        raise
    click.echo(f"{output}: {len(data.entries)} opinions from {data.header.comments_received} comments"
               + (f" ({data.ungrouped} not grouped yet: run `legislink analyze`)" if data.ungrouped else ""))
    if told is not None:
        click.echo(f"recorded as reported upward: {told} comments now show 已上报 on their receipts")


@main.group("requests")
def requests_group() -> None:
    """Residents' requests sent to departments (民情转办)."""


@requests_group.command("export")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--station", "station_code", help="Only this liaison station's requests.")
@with_appcontext
def requests_export(output: Path, station_code: str | None) -> None:
    """Write every request sent to a department, through whichever form it came, to an .xlsx file: the
    民情转办 sheet, 逾期 counted from today where the contact point is. No names or phone numbers."""
    from .services import referrals, request_reports, stations

    try:
        with command_unit():
            station = stations.find_station(station_code) if station_code else None
            written = request_reports.export_requests(
                output, referrals.local_today(current_app.config["BABEL_DEFAULT_TIMEZONE"]), station=station)
    except click.ClickException:
        output.unlink(missing_ok=True)
        raise
    click.echo(f"{output}: requests sent to departments: {written}")


@main.group("comments")
def comments_group() -> None:
    """Comments collected offline."""


@comments_group.command("import")
@click.argument("target", nargs=-1, required=True, metavar="[DRAFT_ID] FILE")
@click.option("--consultation", "consultation_id", type=int,
              help="The consultation's id instead of DRAFT_ID: a call for proposals imports its proposal template.")
@with_appcontext
def comments_import(target: tuple[str, ...], consultation_id: int | None) -> None:
    """Import the offline-import template (a call's proposal template with --consultation): every row
    or none; errors listed by row and column."""
    from .models import utcnow
    from .reports import ImportRejected
    from .services import imports

    if len(target) not in (1, 2) or (len(target) == 2) == (consultation_id is not None):
        raise click.UsageError("give DRAFT_ID FILE, or FILE with --consultation ID")
    if len(target) == 2 and not target[0].isdigit():
        raise click.UsageError(f"DRAFT_ID must be a number, not {target[0]!r}")
    file = Path(target[-1])
    if not file.is_file():
        raise click.UsageError(f"no file {file}")
    consultation = _chosen_consultation(int(target[0]) if len(target) == 2 else None, consultation_id)
    try:
        with command_unit():
            imported = imports.import_comments(consultation, file.read_bytes(), now=utcnow(),
                                            max_rows=current_app.config["IMPORT_MAX_ROWS"],
                                            max_bytes=current_app.config["IMPORT_MAX_BYTES"], source_name=file.name)
    except ImportRejected as error:
        problems = "".join(f"\n  row {p.row}, {p.column}: {p.message}" for p in error.problems)
        raise click.ClickException(f"{file}: {error.message}{problems}") from error
    click.echo(f"{file}: {imported.count} {'proposals' if imports.layout(consultation).proposals else 'comments'} "
               "imported")


@main.group("adoption")
def adoption_group() -> None:
    """Which reported opinions the final text took up."""


@adoption_group.command("suggest")
@click.argument("draft_id", type=int)
@click.option("--to", "version_ref", required=True, help="The later version (id or label), e.g. 最终文本.")
@click.option("--json", "as_json", is_flag=True, help="Print [{group, article, proposed, evidence, similarity,"
              " comments: [{id, receipt, proposed}]}]: each member comment's own proposal too.")
@with_appcontext
def adoption_suggest(draft_id: int, version_ref: str, as_json: bool) -> None:
    """Propose 采纳 / 部分采纳 / 未采纳 for every reported opinion; reviewers confirm on the site."""
    from .services import adoption, versions

    consultation = _consultation_of(draft_id)
    with command_unit():
        version = versions.find_version(consultation.version.draft, version_ref)
        if not adoption.reported_groups(consultation):
            # Nothing to propose yet is an answer, not a failure: scripts get an empty list.
            click.echo(f"{_sentence(ServiceError('nothing_reported'))} Run `legislink export {draft_id} -o FILE "
                       "--mark-reported` once the report has gone upward.", err=True)
            found = []
        else:
            found = adoption.suggest(consultation, version.id, actor=None)
    if as_json:
        click.echo(json.dumps([s.as_json() for s in found], ensure_ascii=False, indent=2))
        return
    for s in found:
        click.echo(f"group {s.group.id:>5}  {s.article or '(whole draft)':<12} -> {s.proposed.value:<12} "
                   f"{s.similarity:.2f}  {s.final_article or '-'}  {s.evidence['reason']['code']}")


@adoption_group.command("suggest-file")
@click.argument("consulted", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("final", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("comments", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print [{id, group, article, final_article, proposed,"
              " evidence}].")
def adoption_suggest_file(consulted: Path, final: Path, comments: Path, as_json: bool) -> None:
    """The whole path without a database: parse both texts, analyse the comments as analyze-file
    does, and propose a mark for every comment."""
    from . import analysis
    from .analysis import adoption
    from .lawtext import align

    old_doc, new_doc = _parse_law_file(consulted), _parse_law_file(final)
    articles, inputs = _analysis_inputs(old_doc, comments)
    result = analysis.analyze(articles, inputs, options=analysis.AnalysisOptions(title=old_doc.title))
    revision = adoption.Revision(adoption.pairs_of(align(old_doc.articles, new_doc.articles)))
    texts = {c.id: c.text for c in inputs}
    found = []
    for entry in analysis.to_json(result)["comments"]:
        # A comment the analysis set aside as off-topic is judged too (adoption.judged_on), and its evidence
        # says it was set aside.
        proposal = adoption.propose(adoption.Opinion(texts[entry["id"]], article=adoption.judged_on(entry)), revision)
        evidence = {**proposal.evidence, "offtopic": True} if entry["offtopic"] else proposal.evidence
        found.append({"id": entry["id"], "group": entry["group"], "article": entry["article"],
                      "final_article": evidence["final_article"], "proposed": proposal.outcome,
                      "evidence": evidence})
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    for f in found:
        aside = "  (set aside as off-topic)" if f["evidence"].get("offtopic") else ""
        click.echo(f"{f['id']:<12} {f['article'] or '(whole draft)':<16} -> {f['final_article'] or '-':<10} "
                   f"{f['proposed']:<12} {f['evidence']['reason']['code']}{aside}")
