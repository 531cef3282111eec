"""outcome events keep the final wording apart from the reviewer's note

Revision ID: 7c3e9a41d2b5
Revises: 5c3e8a41b7d2
Create Date: 2026-12-04 15:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3e9a41d2b5'
down_revision = '5c3e8a41b7d2'
branch_labels = None
depends_on = None


def upgrade():
    # Events written before this held the final wording and the note joined in `note`; they stay as
    # they were (which part is which cannot be told back), and new marks fill both columns.
    with op.batch_alter_table('comment_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('final_text', sa.Text(), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('comment_events', schema=None) as batch_op:
        batch_op.drop_column('final_text')
