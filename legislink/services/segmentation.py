"""One Segmenter per dictionary cache folder and process (jieba takes ~0.7 s to load)."""

import threading
from pathlib import Path

from flask import current_app

from ..analysis import Segmenter

_lock = threading.Lock()
_segmenters: dict[Path, Segmenter] = {}


def cache_dir() -> Path:
    configured = current_app.config.get("JIEBA_CACHE_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "jieba-cache"


def segmenter() -> Segmenter:
    key = cache_dir()
    found = _segmenters.get(key)
    if found is None:
        with _lock:
            found = _segmenters.setdefault(key, Segmenter(key))
    return found
