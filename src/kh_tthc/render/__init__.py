"""Plans as official documents: DOCX in the Nghị định 30/2020/NĐ-CP format, and PDF.

``context`` turns the model into plain data (pure) and ``report_context`` a report (with
its prose), ``docx`` is the only module that uses docxtpl, ``pdf`` converts to PDF through
:mod:`kh_tthc.soffice`, and ``templates/`` holds the DOCX templates built by
``tools/build_templates.py``.
"""

from kh_tthc.render.context import plan_context
from kh_tthc.render.docx import copy_template, render_docx, render_plan, template_path
from kh_tthc.render.pdf import docx_to_pdf, find_soffice
from kh_tthc.render.report_context import report_context
from kh_tthc.render.report_docx import render_report

__all__ = [
    "copy_template",
    "docx_to_pdf",
    "find_soffice",
    "plan_context",
    "render_docx",
    "render_plan",
    "render_report",
    "report_context",
    "template_path",
]
