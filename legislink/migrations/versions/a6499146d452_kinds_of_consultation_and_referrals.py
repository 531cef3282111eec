"""kinds of consultation, proposals, departments and referrals

A consultation has a kind: a draft (立法中, as before), a proposal call (立项建议征集, no text,
the staff's title and introduction instead), the evaluation of a law in force (立法后评估), or
the standing 民情直通 form. A proposal keeps its proposed title and main content. Requests
beyond legislation are sent to departments (承办单位) as referrals with a due day and a
reply; the receipt history gains the steps 已转办 and 已答复. Existing consultations are drafts.

Revision ID: a6499146d452
Revises: 7c3e5a1f9b20
Create Date: 2026-12-04 18:30:54.562646

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a6499146d452'
down_revision = '7c3e5a1f9b20'
branch_labels = None
depends_on = None

EVENT_KINDS_BEFORE = "kind IN ('received', 'organised', 'reported', 'outcome')"
EVENT_KINDS_AFTER = "kind IN ('received', 'organised', 'reported', 'outcome', 'referred', 'replied')"


def upgrade():
    op.create_table('departments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_departments')),
    sa.UniqueConstraint('name', name=op.f('uq_departments_name'))
    )
    op.create_table('referrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('matter', sa.Text(), nullable=False),
    sa.Column('assigned_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'in_progress', 'done', name='referralstatus', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('reply', sa.Text(), nullable=False),
    sa.Column('replied_on', sa.Date(), nullable=True),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['users.id'], name=op.f('fk_referrals_assigned_by_id_users')),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_referrals_comment_id_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_referrals_department_id_departments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals')),
    sa.UniqueConstraint('comment_id', name=op.f('uq_referrals_comment_id'))
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index('ix_referrals_status_due_on', ['status', 'due_on'], unique=False)

    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('content', sa.Text(), nullable=False, server_default=''))

    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.Enum('draft', 'proposal', 'evaluation', 'standing', name='consultationkind', native_enum=False, create_constraint=True, length=20), nullable=False, server_default='draft'))
        batch_op.add_column(sa.Column('title', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('intro', sa.Text(), nullable=False, server_default=''))
        batch_op.alter_column('version_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_check_constraint('text_unless_proposal', "version_id IS NOT NULL OR kind IN ('proposal', 'standing')")

    with op.batch_alter_table('comment_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_comment_events_commenteventkind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_comment_events_commenteventkind'), EVENT_KINDS_AFTER)

    for table, columns in (('comments', ('title', 'content')), ('consultations', ('kind', 'title', 'intro'))):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(column, server_default=None)


def downgrade():
    op.execute("DELETE FROM comment_events WHERE kind IN ('referred', 'replied')")
    with op.batch_alter_table('comment_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_comment_events_commenteventkind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_comment_events_commenteventkind'), EVENT_KINDS_BEFORE)

    op.execute("DELETE FROM consultations WHERE version_id IS NULL")
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_consultations_text_unless_proposal'), type_='check')
        batch_op.drop_constraint(op.f('ck_consultations_consultationkind'), type_='check')
        batch_op.alter_column('version_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('intro')
        batch_op.drop_column('title')
        batch_op.drop_column('kind')

    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_column('content')
        batch_op.drop_column('title')

    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index('ix_referrals_status_due_on')

    op.drop_table('referrals')
    op.drop_table('departments')
