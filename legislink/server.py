"""`legislink serve`: the application under gunicorn, configured in code."""

from gunicorn.app.base import BaseApplication

from . import create_app


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            # A setting this gunicorn predates (the control socket came in 25.1) has nothing to turn off.
            if key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self):
        app = create_app()
        # Load jieba's dictionary now rather than in the first resident's request.
        with app.app_context():
            from .services.segmentation import segmenter

            segmenter().tokens("预热")
        return app


def serve(host: str, port: int, workers: int, threads: int) -> None:
    _Gunicorn({
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        # One thread per process needs no thread machinery: the plain sync worker is faster.
        "worker_class": "gthread" if threads > 1 else "sync",
        # The application logs each request itself, without addresses, paths or queries that
        # could identify a person (web/request_log.py); gunicorn's access log would add them.
        "accesslog": None,
        "errorlog": "-",
        "timeout": 120,
        "graceful_timeout": 20,
        # gunicorn's control socket is one path per user ($XDG_RUNTIME_DIR/gunicorn.ctl): a second
        # server on the machine took it over and stopping either removed it. Nothing here uses it.
        "control_socket_disable": True,
    }).run()
