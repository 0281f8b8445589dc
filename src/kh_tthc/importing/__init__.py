"""Importing a plan from the documents agencies already have.

One module per question:

- :mod:`~kh_tthc.importing.headers`: which column is which (header words as data);
- :mod:`~kh_tthc.importing.rows`: the plain rows every reader produces, and the limits;
- :mod:`~kh_tthc.importing.tasks`: rows to tasks (numbering, groups, merged cells);
- :mod:`~kh_tthc.importing.units`: unit names to ids, cells listing several units;
- :mod:`~kh_tthc.importing.front_matter`: issuer, number, date, title, signer;
- :mod:`~kh_tthc.importing.result`: the plan assembled, placeholders reported;
- readers, one per format, each only turning a file into rows and lines:
  :mod:`~kh_tthc.importing.docx`, :mod:`~kh_tthc.importing.csv` and
  :mod:`~kh_tthc.importing.xlsx`;
- :mod:`~kh_tthc.importing.legacy_fonts`: TCVN3 and VNI text, recognised by its font;
- :mod:`~kh_tthc.importing.progress_table`: a report's table read as progress (imported
  from there, not here: it builds on :mod:`kh_tthc.progress`, which reads rows from here).
"""

from typing import TYPE_CHECKING

from kh_tthc._lazy import lazy_names
from kh_tthc.importing.errors import (
    EncryptedSource,
    LegacyWordFormat,
    NoTaskTable,
    SourceRejected,
    UnsafeSource,
)
from kh_tthc.importing.rows import MAX_ROWS, PLACEHOLDER_YEAR, Cell, RawRow

if TYPE_CHECKING:
    from kh_tthc.importing.csv import import_csv
    from kh_tthc.importing.docx import import_docx
    from kh_tthc.importing.front_matter import FrontMatter, read_front_matter
    from kh_tthc.importing.headers import (
        HEADER_WORDS,
        Column,
        Header,
        Role,
        classify_header,
        header_help,
        match_header,
        match_two_rows,
    )
    from kh_tthc.importing.legacy_fonts import decode_legacy
    from kh_tthc.importing.result import ImportResult, build_plan, period_from_text, year_hint
    from kh_tthc.importing.tasks import TableResult, rows_to_tasks
    from kh_tthc.importing.units import slug, split_units
    from kh_tthc.importing.xlsx import AmbiguousSheet, SheetNotFound, import_xlsx

# Imported on first use: these modules load heavy libraries (docs/performance.md).
_LAZY = {
    "AmbiguousSheet": "kh_tthc.importing.xlsx",
    "Column": "kh_tthc.importing.headers",
    "FrontMatter": "kh_tthc.importing.front_matter",
    "HEADER_WORDS": "kh_tthc.importing.headers",
    "Header": "kh_tthc.importing.headers",
    "ImportResult": "kh_tthc.importing.result",
    "Role": "kh_tthc.importing.headers",
    "SheetNotFound": "kh_tthc.importing.xlsx",
    "TableResult": "kh_tthc.importing.tasks",
    "build_plan": "kh_tthc.importing.result",
    "classify_header": "kh_tthc.importing.headers",
    "decode_legacy": "kh_tthc.importing.legacy_fonts",
    "header_help": "kh_tthc.importing.headers",
    "import_csv": "kh_tthc.importing.csv",
    "import_docx": "kh_tthc.importing.docx",
    "import_xlsx": "kh_tthc.importing.xlsx",
    "match_header": "kh_tthc.importing.headers",
    "match_two_rows": "kh_tthc.importing.headers",
    "period_from_text": "kh_tthc.importing.result",
    "read_front_matter": "kh_tthc.importing.front_matter",
    "rows_to_tasks": "kh_tthc.importing.tasks",
    "slug": "kh_tthc.importing.units",
    "split_units": "kh_tthc.importing.units",
    "year_hint": "kh_tthc.importing.result",
}
__getattr__, __dir__ = lazy_names("kh_tthc.importing", _LAZY, globals())

__all__ = [
    "HEADER_WORDS",
    "MAX_ROWS",
    "PLACEHOLDER_YEAR",
    "AmbiguousSheet",
    "Cell",
    "Column",
    "EncryptedSource",
    "FrontMatter",
    "Header",
    "ImportResult",
    "LegacyWordFormat",
    "NoTaskTable",
    "RawRow",
    "Role",
    "SheetNotFound",
    "SourceRejected",
    "TableResult",
    "UnsafeSource",
    "build_plan",
    "classify_header",
    "decode_legacy",
    "header_help",
    "import_csv",
    "import_docx",
    "import_xlsx",
    "match_header",
    "match_two_rows",
    "period_from_text",
    "read_front_matter",
    "rows_to_tasks",
    "slug",
    "split_units",
    "year_hint",
]
