"""One Segmenter per application, its jieba dictionary cache in the instance folder."""

import threading
from pathlib import Path

from flask import current_app

from ..analysis import Segmenter

_lock = threading.Lock()


def segmenter() -> Segmenter:
    app = current_app._get_current_object()
    found = app.extensions.get("legislink.segmenter")
    if found is None:
        with _lock:
            found = app.extensions.get("legislink.segmenter")
            if found is None:
                found = Segmenter(Path(app.instance_path) / "jieba-cache")
                app.extensions["legislink.segmenter"] = found
    return found
