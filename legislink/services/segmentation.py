"""One Segmenter per dictionary cache folder and process (jieba takes ~0.7 s to load).

The face says once which folder caches jieba's dictionary (`create_app` passes the instance's);
without it, as in a script or a test without an app, jieba caches in the system's temporary folder.
"""

import threading
from pathlib import Path

from ..analysis import Segmenter

_lock = threading.Lock()
_segmenters: dict[Path | None, Segmenter] = {}
_cache_dir: Path | None = None


def use_cache_dir(path: Path | None) -> None:
    """Cache jieba's dictionary in `path` from now on in this process."""
    global _cache_dir
    _cache_dir = path


def segmenter() -> Segmenter:
    key = _cache_dir
    found = _segmenters.get(key)
    if found is None:
        with _lock:
            found = _segmenters.setdefault(key, Segmenter(key))
    return found
