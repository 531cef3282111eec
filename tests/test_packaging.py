"""The wheel carries everything the site needs: templates, static files, translations, migrations."""

import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_python_package_is_listed_for_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "legislink").rglob("__init__.py")
    }
    assert found - listed == set()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (built,) = out.glob("legislink-*.whl")
    return built


def test_the_wheel_contains_templates_static_translations_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "legislink/templates/base.html",
        "legislink/templates/public/index.html",
        "legislink/static/css/site.css",
        "legislink/translations/zh/LC_MESSAGES/messages.mo",
        "legislink/migrations/alembic.ini",
        "legislink/migrations/env.py",
    }
    assert expected <= names
    assert any(n.startswith("legislink/migrations/versions/") and n.endswith(".py") for n in names)
    for template in (ROOT / "templates").rglob("*.html"):
        assert f"legislink/templates/{template.relative_to(ROOT / 'templates').as_posix()}" in names


SMOKE = """
import sys, tempfile, os
from pathlib import Path
os.environ["LEGISLINK_INSTANCE_PATH"] = tempfile.mkdtemp()
import legislink
from legislink import create_app
from flask_migrate import upgrade
assert legislink.__file__.startswith(os.environ["WHEEL_VENV"]), legislink.__file__
app = create_app({"SECRET_KEY": "x"})
assert Path(app.template_folder).is_relative_to(Path(legislink.__file__).parent), app.template_folder
with app.app_context():
    upgrade()
client = app.test_client()
page = client.get("/login")
assert page.status_code == 200 and "工作人员登录" in page.get_data(as_text=True), page.status_code
assert client.get("/static/css/site.css").status_code == 200
assert client.get("/healthz").status_code == 200
print("wheel ok")
"""


def test_the_site_starts_from_an_installed_wheel(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    target = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            check=True, capture_output=True, text=True).stdout.strip()
    # Unpack the wheel into the fresh venv; its dependencies come from the test environment's
    # site-packages, where the project itself is only an editable pointer (not importable there).
    zipfile.ZipFile(wheel).extractall(target)
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"], "WHEEL_VENV": str(venv)}
    result = subprocess.run([str(python), "-c", SMOKE], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "wheel ok" in result.stdout
