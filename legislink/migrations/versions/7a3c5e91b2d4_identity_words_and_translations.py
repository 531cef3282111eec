"""comments keep the identity words as written and a staff translation

Revision ID: 7a3c5e91b2d4
Revises: b7e4c2a91d30
Create Date: 2026-12-04 15:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '7a3c5e91b2d4'
down_revision = 'b7e4c2a91d30'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('translation', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('identity_words', sa.String(length=50), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_column('identity_words')
        batch_op.drop_column('translation')
