"""Chooses openpyxl's XML writer; imported first by the package, before openpyxl itself.

With lxml, openpyxl 3.1 opens its sheet streams without an encoding, so lxml writes every
non-ASCII character as a numeric entity (意 becomes &#24847;): for 100,000 Chinese comments
the sheet XML doubles and the save (deflate) takes seconds longer, while writing rows is no
faster (see benchmarks/bench_export.py). openpyxl reads its switch once, at import, so an
explicit OPENPYXL_LXML in the environment still wins, and a process that imported openpyxl
earlier keeps lxml: the files are the same, only bigger and slower to make.
"""

import os

os.environ.setdefault("OPENPYXL_LXML", "False")
