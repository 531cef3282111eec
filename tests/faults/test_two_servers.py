"""Two `legislink serve` on one machine stay apart: gunicorn's control socket, one per user by default
($XDG_RUNTIME_DIR/gunicorn.ctl), would be shared, and stopping one server removed the other's. The
site needs no control socket, so none is opened."""

import pytest

from .live import Server, create_instance

pytestmark = pytest.mark.slow


def test_two_servers_share_no_control_socket_and_stopping_one_leaves_the_other(tmp_path, jieba_cache):
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    instance = create_instance(tmp_path / "instance", "sqlite", jieba_cache)
    instance.env.update(XDG_RUNTIME_DIR=str(runtime), HOME=str(tmp_path / "home"))
    first, second = Server(instance, workers=1, threads=1), Server(instance, workers=1, threads=1)
    try:
        first.wait_up()
        second.wait_up()
        assert sorted(p.name for p in runtime.iterdir()) == []
        assert not (tmp_path / "home" / ".gunicorn").exists()
        first.stop()
        conn = second.connection()
        conn.request("GET", "/healthz")
        assert conn.getresponse().status == 200
    finally:
        first.stop()
        second.stop()
