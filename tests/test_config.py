import subprocess
import sys

from legislink import create_app


def test_defaults_come_from_code(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGISLINK_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert app.config["BABEL_DEFAULT_LOCALE"] == "zh"
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path}/legislink.sqlite3"
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["timeout"] == 30


def test_instance_config_overrides_defaults_and_environment_overrides_both(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text('SECRET_KEY = "from-file"\nCONTACT_NAME = "张三"\nIMPORT_MAX_ROWS = 5\n')
    monkeypatch.setenv("LEGISLINK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("LEGISLINK_IMPORT_MAX_ROWS", "7")
    monkeypatch.setenv("LEGISLINK_RATELIMIT_ENABLED", "0")
    monkeypatch.setenv("LEGISLINK_CONTACT_PHONE", "0579-85551234")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-file"
    assert app.config["CONTACT_NAME"] == "张三"
    assert app.config["IMPORT_MAX_ROWS"] == 7
    assert app.config["RATELIMIT_ENABLED"] == 0
    assert app.config["CONTACT_PHONE"] == "0579-85551234"


def test_explicit_config_wins_over_everything(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGISLINK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("LEGISLINK_IMPORT_MAX_ROWS", "7")
    app = create_app({"IMPORT_MAX_ROWS": 9})
    assert app.config["IMPORT_MAX_ROWS"] == 9


def test_database_url_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGISLINK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("LEGISLINK_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1:5432/x")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@127.0.0.1:5432/x"
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"] == {"pool_pre_ping": True}


def test_instance_path_moves_with_the_environment(tmp_path, monkeypatch):
    moved = tmp_path / "elsewhere"
    monkeypatch.setenv("LEGISLINK_INSTANCE_PATH", str(moved))
    app = create_app()
    assert app.instance_path == str(moved)


def test_a_missing_secret_key_gets_a_random_one_per_process(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGISLINK_INSTANCE_PATH", str(tmp_path))
    first, second = create_app(), create_app()
    assert first.config["SECRET_KEY"] != second.config["SECRET_KEY"]
    assert first.config["SECRET_KEY_EPHEMERAL"] is True


def test_creating_the_app_reads_but_never_writes(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    monkeypatch.setenv("LEGISLINK_INSTANCE_PATH", str(instance))
    app = create_app()
    app.test_client()
    assert not instance.exists()


def test_importing_the_package_does_no_io(tmp_path):
    # A fresh interpreter with the working directory elsewhere: importing must create nothing.
    code = "import legislink, legislink.models, legislink.cli, legislink.web.public"
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, check=True,
                   env={"LEGISLINK_INSTANCE_PATH": str(tmp_path / "instance"), "PATH": ""})
    assert list(tmp_path.iterdir()) == []


def test_the_segmenter_caches_its_dictionary_where_the_app_says(make_app, tmp_path):
    from legislink.services import segmentation

    make_app(JIEBA_CACHE_DIR=str(tmp_path / "jieba"))
    assert segmentation.segmenter().tokens("摊位租金") == ["摊位", "租金"]
    assert list((tmp_path / "jieba").glob("*.cache"))


def test_a_large_batch_is_segmented_in_parallel_to_the_same_tokens(make_app, monkeypatch):
    from legislink.services import segmentation

    make_app()
    texts = [f"第{n}条摊位租金的调整幅度应当写进条文，提前三个月通知经营户。" for n in range(40)]
    alone = [segmentation.segmenter().tokens(text) for text in texts]
    monkeypatch.setattr(segmentation, "PARALLEL_BATCH", 10)
    monkeypatch.setattr(segmentation.os, "cpu_count", lambda: 2)
    forked = []
    monkeypatch.setattr(segmentation, "ProcessPoolExecutor", _counting(segmentation.ProcessPoolExecutor, forked))
    assert segmentation.tokens_of(texts) == alone
    assert forked == [2]


def _counting(executor, calls):
    def make(workers, **options):
        calls.append(workers)
        return executor(workers, **options)

    return make
