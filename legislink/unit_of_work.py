"""The one place a face ends a unit of work: the web request, the command and the background run
each call `unit_of_work`; services only flush, so what they changed is saved here or not at all."""

from collections.abc import Iterator
from contextlib import contextmanager

from .extensions import db


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Commit what the block flushed when it ends; roll it all back when it raises."""
    try:
        yield
    except BaseException:
        db.session.rollback()
        raise
    db.session.commit()
