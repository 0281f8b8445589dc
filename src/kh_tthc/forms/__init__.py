"""The reporting round in Excel: forms out to the units, filled forms back in.

:func:`make_forms` writes one workbook per unit for a period; :func:`collect_forms` reads
the returned ones, checks them, and merges them into one :class:`~kh_tthc.Progress`. Both
follow the one description of the form in :mod:`kh_tthc.forms.columns`.
"""

from __future__ import annotations

from kh_tthc.forms.collect import (
    Collection,
    Form,
    Owed,
    collect_forms,
    merge_member_rows,
    read_form,
)
from kh_tthc.forms.write import FormRow, default_due, form_rows, make_forms, parse_members

__all__ = [
    "Collection",
    "Form",
    "FormRow",
    "Owed",
    "collect_forms",
    "default_due",
    "form_rows",
    "make_forms",
    "merge_member_rows",
    "parse_members",
    "read_form",
]
