"""comments get a normalised search column (Simplified, half-width, lower case), backfilled

Staff searches (the moderation queue's 内容包含) compare normalised text with normalised search words,
so 电话卡实名登记 finds 電話卡實名登記 and ＡＢＣ finds abc, on SQLite and PostgreSQL alike.

Revision ID: 7c3e5a1f9b20
Revises: 7a3c5e91b2d4
Create Date: 2026-12-04 15:40:00

"""
from alembic import op
import sqlalchemy as sa

from legislink.analysis.text import searchable


revision = '7c3e5a1f9b20'
down_revision = '7a3c5e91b2d4'
branch_labels = None
depends_on = None

BATCH = 2000


def backfill(connection) -> int:
    """Fill search_text for every comment from its text, suggestion and reason; how many rows."""
    comments = sa.table('comments', sa.column('id', sa.Integer), sa.column('text', sa.Text),
                        sa.column('suggestion', sa.Text), sa.column('reason', sa.Text),
                        sa.column('search_text', sa.Text))
    done, last = 0, 0
    while True:
        rows = connection.execute(sa.select(comments.c.id, comments.c.text, comments.c.suggestion, comments.c.reason)
                                  .where(comments.c.id > last).order_by(comments.c.id).limit(BATCH)).all()
        if not rows:
            return done
        connection.execute(comments.update().where(comments.c.id == sa.bindparam('row_id'))
                           .values(search_text=sa.bindparam('normalised')),
                           [{'row_id': r.id, 'normalised': searchable(r.text, r.suggestion, r.reason)} for r in rows])
        done += len(rows)
        last = rows[-1].id


def upgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
    backfill(op.get_bind())
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.alter_column('search_text', server_default=None)


def downgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_column('search_text')
