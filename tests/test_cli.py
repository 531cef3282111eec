import stat

import pytest
from sqlalchemy import select

from legislink.cli import main, write_instance_config
from legislink.extensions import db
from legislink.models import AuditEvent, Role, User

from .builders import make_station


def test_init_writes_a_private_config_with_a_random_secret_once(tmp_path):
    assert write_instance_config(tmp_path) is True
    first = (tmp_path / "config.py").read_text()
    assert "SECRET_KEY = '" in first
    assert stat.S_IMODE((tmp_path / "config.py").stat().st_mode) == 0o600
    assert write_instance_config(tmp_path) is False
    assert (tmp_path / "config.py").read_text() == first
    other = tmp_path / "other"
    write_instance_config(other)
    assert (other / "config.py").read_text() != first


def test_users_create_reads_the_password_from_stdin(app, runner):
    with app.app_context():
        make_station(code="CC01")
        db.session.commit()
    result = runner.invoke(main, ["users", "create", "li", "--role", "staff", "--station", "CC01"],
                           input="Strong-pass-2024\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "li"))
        assert user.role == Role.STAFF
        assert user.station.code == "CC01"
        assert user.check_password("Strong-pass-2024")
        assert user.password_hash != "Strong-pass-2024"
        assert db.session.scalar(select(AuditEvent.action)) == "user.create"


def test_a_staff_account_without_a_station_is_the_contact_points_own(app, runner):
    result = runner.invoke(main, ["users", "create", "zhou", "--role", "staff"], input="Strong-pass-2024\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "zhou"))
        assert (user.role, user.station) == (Role.STAFF, None)


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["users", "create", "x", "--role", "staff", "--station", "NOPE"], "Strong-pass-2024\n",
         "There is no liaison station with the code NOPE."),
        (["users", "create", "x", "--role", "admin"], "short\n", "The password must have at least"),
        (["users", "create", "x", "--role", "admin"], "aaaaaaaaaaaa\n", "The password must mix at least two of"),
    ],
)
def test_users_create_refuses_bad_input_and_creates_nothing(app, runner, args, password, message):
    result = runner.invoke(main, args, input=password)
    assert result.exit_code != 0
    assert message in result.output  # a sentence, never the refusal's code
    assert "_" not in result.output.splitlines()[-1]
    with app.app_context():
        assert db.session.scalar(select(User)) is None


@pytest.mark.parametrize(("storage", "workers", "warned"), [
    ("memory://", 2, True),
    ("memory://", 1, False),
    ("redis://127.0.0.1:6379/0", 2, False),
])
def test_serve_says_when_rate_limits_are_counted_per_worker(app, runner, monkeypatch, storage, workers, warned):
    started = {}
    monkeypatch.setattr("legislink.server.serve", lambda **options: started.update(options))
    app.config.update(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=storage)
    result = runner.invoke(main, ["serve", "--workers", str(workers), "--port", "5055"])
    assert result.exit_code == 0, result.output
    assert started == {"host": "127.0.0.1", "port": 5055, "workers": workers, "threads": 1}
    assert ("counted in each of the" in result.output) is warned


def test_python_dash_m_legislink_is_the_legislink_command():
    import subprocess
    import sys

    found = subprocess.run([sys.executable, "-m", "legislink", "--help"], capture_output=True, text=True, timeout=60)
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("Usage: legislink ")
    assert "adoption" in found.stdout
