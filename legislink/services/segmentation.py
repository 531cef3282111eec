"""One Segmenter per dictionary cache folder and process (jieba takes ~0.7 s to load).

The face says once which folder caches jieba's dictionary (`create_app` passes the instance's);
without it, as in a script or a test without an app, jieba caches in the system's temporary folder.
"""

import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..analysis import Segmenter

# Texts a worker process must have at least before segmenting in parallel pays for starting it.
PARALLEL_BATCH = 5_000

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


def _tokens(text: str) -> list[str]:
    return segmenter().tokens(text)


def tokens_of(texts: Sequence[str]) -> list[list[str]]:
    """The tokens of many texts. A large batch (an Excel import) is shared among one process per
    core, forked from this one so that each starts with jieba's dictionary already loaded."""
    workers = min(os.cpu_count() or 1, len(texts) // PARALLEL_BATCH)
    if workers < 2:
        return [_tokens(text) for text in texts]
    _tokens("")  # load the dictionary before forking, not once in every worker
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_tokens, texts, chunksize=500))
