"""Translated wording for the codes that services and domain modules raise."""

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

MESSAGES = {
    "bad_credentials": _l("The user name or password is wrong."),
    "account_locked": _l("Too many failed sign-ins. This account cannot be signed in to from here until %(until)s."),
    "password_too_short": _l("The password must have at least %(min_length)s characters."),
    "password_too_simple": _l("The password must mix at least two of: letters, digits, symbols."),
    "password_too_common": _l("This password is too easy to guess; choose another one."),
    "wrong_current_password": _l("The current password is wrong."),
    "password_unchanged": _l("The new password must differ from the current one."),
    "username_required": _l("A user name is required."),
    "username_taken": _l("The user name %(username)s is already taken."),
    "unknown_station": _l("There is no liaison station with the code %(code)s."),
    "station_exists": _l("A station with the code %(code)s or the name %(name)s already exists."),
    "unknown_article": _l("This draft has no %(label)s. Choose an article from the list, or leave it empty."),
    "unknown_paragraph": _l("%(article)s has only %(count)s paragraphs."),
    "no_articles": _l("No article (第一条…) was found in this text."),
    "version_label_required": _l("Give the version a label, such as 一审稿."),
    "version_exists": _l("This draft already has a version labelled %(label)s."),
    "title_required": _l("The draft needs a title."),
    "backup_in_memory": _l("An in-memory database cannot be backed up."),
    "backup_exists": _l("%(path)s already exists; choose another file name."),
    "backup_missing": _l("There is no file %(path)s."),
    "backup_wrong_kind": _l("%(path)s is not a LegisLink backup."),
    "backup_damaged": _l("%(path)s is damaged or cut short (%(detail)s); nothing was changed."),
    "backup_unsupported": _l("Backups of %(backend)s databases are not supported."),
    "pg_tool_missing": _l("%(tool)s is not installed; install the PostgreSQL client tools."),
    "person_not_found": _l("No comment was found for this receipt code or phone number."),
    "person_lookup_empty": _l("Give a receipt code or a phone number."),
    "analysis_running": _l("An analysis of this consultation is already running."),
    "adoption_running": _l("Marks are already being proposed for this consultation; this page shows when "
                           "they are ready."),
    "unknown_group": _l("This opinion group no longer exists; reload the page."),
    "unknown_comment": _l("This comment is not part of this consultation."),
    "other_station": _l("Some of these comments belong to another liaison station; only its staff or the "
                        "contact point's own staff can change them."),
    "other_station_group": _l("This opinion group holds comments of another liaison station; only the contact "
                              "point's own staff can change it."),
    "other_station_record": _l("You can record comments only for your own liaison station."),
    "station.other": _l("“%(value)s” is another liaison station: you can import comments only for your own."),
    "merge_needs_two": _l("Tick at least two groups to merge."),
    "merge_across_articles": _l("Groups and comments of different articles cannot be put together."),
    "standing_no_report": _l("Requests received through the direct line are not reported to the legislature: "
                             "the Requests page downloads every request sent to a department (民情转办), as "
                             "does `legislink requests export`."),
    "no_adoption_marks": _l("No opinion has an adoption mark yet: the 采纳情况 sheet would be empty."),
    "nothing_to_report": _l("There is no opinion in the report yet."),
    "translation_too_long": _l("The translation is too long: at most %(limit)s characters."),
    "already_reported": _l("Every comment in the report already shows 已上报 on its receipt."),
    "report_changed": _l("The report changed since this page was shown. Check the new number and confirm again."),
    "import.too_large": _l("The file is larger than the %(limit)s bytes this site accepts."),
    "import.not_xlsx": _l("This is not an .xlsx workbook. Save the file as Excel Workbook (.xlsx) from the template."),
    "import.corrupt": _l("The file is damaged or incomplete. Save it again in Excel and upload it once more."),
    "import.zip_bomb": _l("The file unpacks to far more data than a comment list can hold; it was refused."),
    "import.unreadable": _l("The workbook cannot be read. Start again from the downloaded template."),
    "import.bad_header": _l("The first row must be the template's header row, unchanged."),
    "import.too_many_rows": _l("A file may hold at most %(limit)s comments; split it into several files."),
    "import.empty": _l("The file holds no comment."),
    "import.invalid_rows": _l("%(count)s problems were found; nothing was imported. Correct them and upload again."),
    "required": _l("This column must be filled in."),
    "too_long": _l("Too long: %(length)s characters, at most %(limit)s."),
    "article.invalid": _l("“%(value)s” is not an article: write 第十二条, 12, 第12条第二款 or 第二十条之一."),
    "article.unknown": _l("The draft has no %(label)s."),
    "choice.unknown": _l("“%(value)s” is not one of the allowed values."),
    "phone.invalid": _l("“%(value)s” is not a phone number (foreign numbers start with + and the country code)."),
    "date.invalid": _l("“%(value)s” is not a date: write 2024-05-01, 2024/5/1, 2024年5月1日 or 20240501."),
    "unknown_final_version": _l("Choose a later version of this draft to compare with."),
    "nothing_reported": _l("No opinion has been recorded as reported upward yet (see the report page)."),
    "not_reported": _l("Only opinions reported upward can be marked."),
    "split_marked": _l("This opinion is already marked; it can no longer be split."),
    "split_unproposed": _l("Make the proposals first: the split follows them."),
    "split_agreeing": _l("Judged one by one, this opinion's comments all point the same way: nothing to split."),
    "unknown_action": _l("Unknown action."),
    "reason_required": _l("Give a reason: it is recorded in the audit log."),
    "nothing_selected": _l("Select at least one comment, or apply the action to the whole filter."),
    "nothing_to_change": _l("None of the chosen comments can take this action."),
    "nothing_to_undo": _l("This can no longer be undone: the comment has been changed since."),
    # Drafts in: reading an upload, the preview between upload and confirmation, windows, versions.
    "empty_source": _l("The file is empty."),
    "too_large": _l("The file is larger than the size limit."),
    "unsupported_format": _l("This file (%(format)s) cannot be read. Save it as .docx or .txt, or paste the text."),
    "not_text": _l("This file is neither readable text (UTF-8, GB18030/GBK, UTF-16) nor a Word .docx document."),
    "invalid_docx": _l("This .docx file is damaged or not a Word document. Save it again in Word, or paste the text."),
    "docx_too_large": _l("This .docx file unpacks to more than the size limit."),
    "empty_text": _l("The text is empty."),
    "preview_invalid": _l("This preview cannot be used: it was altered or belongs to another page. "
                          "Upload or paste the text again."),
    "preview_expired": _l("This preview has expired. Upload or paste the text again."),
    "preview_too_large": _l("This text is too long to preview here (over %(limit)s MB compressed). "
                            "Import it with the command: legislink drafts import."),
    "unknown_draft": _l("There is no draft number %(draft_id)s."),
    "unknown_version": _l("This draft has no version %(ref)s."),
    "closes_before_opens": _l("The closing date must be after the opening date."),
    "consultation_overlaps": _l("This draft already has a consultation window (on %(label)s) from %(opens)s to "
                                "%(closes)s. Windows on one draft may not overlap."),
    "standing_is_unique": _l("The standing request form is always open; it is not opened by hand."),
    "title_too_long": _l("The title is longer than %(limit)s characters."),
    "text_needed": _l("This kind of consultation needs a text: a draft, or the law in force to evaluate."),
    "no_text_for_proposals": _l("A call for proposals consults no text."),
    "title_needed": _l("A call for proposals needs a title."),
    "no_articles_to_name": _l("A call for proposals has no articles: leave the article empty."),
    "proposal_fields_elsewhere": _l("A project name and main content belong to a proposal, not to a comment "
                                    "on a text."),
    "proposal_title_needed": _l("Name the law or regulation you propose."),
    "proposal_title_too_long": _l("The name of the proposed law is longer than %(limit)s characters."),
    "unknown_department": _l("There is no such department; reload the page."),
    "department_name_required": _l("The department needs a name."),
    "department_name_too_long": _l("The name is too long: at most %(limit)s characters."),
    "department_exists": _l("The department %(name)s is already on the list."),
    "department_retired": _l("%(name)s is retired and takes no new requests."),
    "already_referred": _l("This request was already sent to a department."),
    "due_after_today": _l("The due day must come after today."),
    "matter_too_long": _l("The matter is too long: at most %(limit)s characters."),
    "not_referred": _l("This request has not been sent to a department."),
    "referral_not_pending": _l("Only a request waiting to be taken up can be marked in progress."),
    "referral_done": _l("The reply to this request is already recorded."),
    "reply_required": _l("Write the department's reply."),
    "reply_too_long": _l("The reply is too long: at most %(limit)s characters."),
    "reply_day": _l("The day of the reply must be between the day the request was sent (%(since)s) and today."),
}


def _display(value):
    return format_datetime(value, "short") if hasattr(value, "tzinfo") else value


UNEXPLAINED = _l("This could not be done. Nothing was changed.")


def _fallback(error) -> str:
    """The English text when the error carries one; a code alone is never shown to a person."""
    return error.message if error.message and error.message != error.code else str(UNEXPLAINED)


def describe(error) -> str:
    """The user's-language sentence for a refusal; unknown codes fall back to the English text."""
    template = MESSAGES.get(error.code)
    if template is None:
        return _fallback(error)
    params = {key: _display(value) for key, value in error.params.items()}
    try:
        return str(template) % params
    except (KeyError, ValueError, TypeError):
        # A sentence that needs a detail the error does not carry: the English text still helps.
        return _fallback(error)
