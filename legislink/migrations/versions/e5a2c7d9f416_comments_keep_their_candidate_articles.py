"""comments keep their candidate articles

A comment the analysis attributes by its content, or leaves on the whole draft, now keeps the other
articles it matches best (at most three, best first). Staff see them beside the comment on the opinions
page and re-file it with one click; on the held-out sets the right article is among them for about
six in ten of the comments the analysis put in the wrong place. Existing comments get an empty list
until the next analysis run.

Revision ID: e5a2c7d9f416
Revises: c4d8e2f1a937
Create Date: 2026-12-07 07:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5a2c7d9f416'
down_revision = 'c4d8e2f1a937'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('candidates', sa.JSON(), nullable=False, server_default='[]'))


def downgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_column('candidates')
