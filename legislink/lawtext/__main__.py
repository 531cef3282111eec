"""`python -m legislink.lawtext FILE`: parse a .txt or .docx and print the drafts-parse JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from legislink.lawtext.errors import LawTextError
from legislink.lawtext.jsonview import to_json
from legislink.lawtext.source import parse_source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m legislink.lawtext", description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--json", action="store_true", help="accepted for parity with `legislink drafts parse`")
    args = parser.parse_args(argv)
    try:
        doc = parse_source(args.file.read_bytes(), args.file.name)
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    except LawTextError as exc:
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(json.dumps(to_json(doc), ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
