"""Plans as official documents: DOCX in the Nghị định 30/2020/NĐ-CP format, and PDF.

``context`` turns the model into plain data (pure) and ``report_context`` a report (with
its prose), ``docx`` is the only module that uses docxtpl, ``pdf`` converts to PDF through
:mod:`kh_tthc.soffice`, and ``templates/`` holds the DOCX templates built by
``tools/build_templates.py``.
"""

from typing import TYPE_CHECKING

from kh_tthc._lazy import lazy_names

if TYPE_CHECKING:
    from kh_tthc.render.context import plan_context
    from kh_tthc.render.docx import copy_template, render_docx, render_plan, template_path
    from kh_tthc.render.pdf import docx_to_pdf, docxs_to_pdfs, find_soffice
    from kh_tthc.render.report_context import report_context
    from kh_tthc.render.report_docx import render_report

# Imported on first use: these modules load heavy libraries (docs/performance.md).
_LAZY = {
    "copy_template": "kh_tthc.render.docx",
    "docx_to_pdf": "kh_tthc.render.pdf",
    "docxs_to_pdfs": "kh_tthc.render.pdf",
    "find_soffice": "kh_tthc.render.pdf",
    "plan_context": "kh_tthc.render.context",
    "render_docx": "kh_tthc.render.docx",
    "render_plan": "kh_tthc.render.docx",
    "render_report": "kh_tthc.render.report_docx",
    "report_context": "kh_tthc.render.report_context",
    "template_path": "kh_tthc.render.docx",
}
__getattr__, __dir__ = lazy_names("kh_tthc.render", _LAZY, globals())

__all__ = [
    "copy_template",
    "docx_to_pdf",
    "docxs_to_pdfs",
    "find_soffice",
    "plan_context",
    "render_docx",
    "render_plan",
    "render_report",
    "report_context",
    "template_path",
]
