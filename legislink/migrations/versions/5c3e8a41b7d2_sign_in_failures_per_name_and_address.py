"""sign-in failures per name and address

The lockout counted failures on the account row, so anyone could lock any account from anywhere.
Failures are now rows of their own, keyed by user name and client address.

Revision ID: 5c3e8a41b7d2
Revises: 2d1d478ff4cb
Create Date: 2026-12-04 15:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c3e8a41b7d2'
down_revision = '2d1d478ff4cb'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_in_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_failures'))
    )
    op.create_index('ix_sign_in_failures_username_address_at', 'sign_in_failures',
                    ['username', 'address', 'at'], unique=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(), nullable=True))
    op.drop_index('ix_sign_in_failures_username_address_at', table_name='sign_in_failures')
    op.drop_table('sign_in_failures')
