"""runs of adoption proposals: a background run has a kind

The reviewer's 生成提议 judged every reported comment inside the POST (about 4 ms a comment: 20 s
for 5,000); it now records a run, as an analysis does, executed inline when small and in the
background past ADOPTION_BACKGROUND_THRESHOLD. Existing runs are analysis runs.

Revision ID: c4d8e2f1a937
Revises: a6499146d452
Create Date: 2026-12-05 05:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4d8e2f1a937'
down_revision = 'a6499146d452'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('analysis_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.Enum('analysis', 'adoption', name='runkind', native_enum=False,
                                                      create_constraint=True, length=20),
                                      server_default='analysis', nullable=False))


def downgrade():
    with op.batch_alter_table('analysis_runs', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_analysis_runs_runkind'), type_='check')
        batch_op.drop_column('kind')
