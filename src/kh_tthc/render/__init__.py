"""Plans as official documents: DOCX in the Nghị định 30/2020/NĐ-CP format, and PDF.

``context`` turns the model into plain data (pure), ``docx`` is the only module that uses
docxtpl, ``pdf`` drives LibreOffice, and ``templates/`` holds the DOCX templates built by
``tools/build_templates.py``.
"""

from kh_tthc.render.context import plan_context
from kh_tthc.render.docx import copy_template, render_docx, render_plan, template_path
from kh_tthc.render.pdf import docx_to_pdf, find_soffice

__all__ = [
    "copy_template",
    "docx_to_pdf",
    "find_soffice",
    "plan_context",
    "render_docx",
    "render_plan",
    "template_path",
]
