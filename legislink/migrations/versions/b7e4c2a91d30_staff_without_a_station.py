"""staff without a station: the contact point's own staff

A staff account with no liaison station is the contact point's own staff, who act on every
station's comments (legislink/permissions.py); the check that every staff account had a station
goes.

Revision ID: b7e4c2a91d30
Revises: 7c3e9a41d2b5
Create Date: 2026-12-04 15:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7e4c2a91d30'
down_revision = '7c3e9a41d2b5'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_staff_has_station'), type_='check')


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_check_constraint(op.f('ck_users_staff_has_station'), "role <> 'staff' OR station_id IS NOT NULL")
