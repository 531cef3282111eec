"""The spliced fast path for long sheets is taken only with the openpyxl it was tested on."""

import pytest

from legislink.reports import sheetdata


@pytest.mark.parametrize(("version", "spliced"), [("3.1.5", True), ("3.1.2", True), ("3.2.0", False),
                                                  ("4.0.0", False), ("3.10.0", False)])
def test_only_the_tested_openpyxl_takes_the_spliced_path(monkeypatch, version, spliced):
    monkeypatch.setattr(sheetdata.openpyxl, "__version__", version)
    assert sheetdata.available() is spliced
