"""Fill a DOCX template with a context and write the document: the only docxtpl user.

Text is escaped for XML (docxtpl renders with ``autoescape=True``) and braces are written
as character references, so a title holding "&", "<", "{{ }}" or "{% %}" prints as it is
and never corrupts the file or reaches Jinja. After rendering, the short rules of the
header are sized from the text above them (:mod:`kh_tthc.render.styles`), and a document
without an appendix loses its empty landscape section.

A template is code written by someone else, so it runs in Jinja's sandbox with bounds
(docs/templates.md, docs/security.md): no access to Python internals, no other template
loaded, ranges, repetition, calls and output limited, and every failure while rendering
reported as a :class:`~kh_tthc.errors.TemplateError` naming the template and the place.
The template file itself is read through the one door in, under the package limits.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.text.parfmt import ParagraphFormat
from docxtpl import DocxTemplate
from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError, nodes

from kh_tthc.errors import (
    KhTthcError,
    LimitExceeded,
    PlanFileError,
    SourceUnreadable,
    TemplateError,
)
from kh_tthc.io.output import Inputs, check_output, output_path, write_output
from kh_tthc.io.source import check_package, read_bytes
from kh_tthc.model import Plan
from kh_tthc.render.context import PLAN_FIELDS, drop_xml_illegal, plan_context
from kh_tthc.render.fields import describe, unknown_fields
from kh_tthc.render.metrics import text_width_pt
from kh_tthc.render.sandbox import BUDGET, Bounded, environment
from kh_tthc.render.styles import MOTTO_RULE_STYLE, SHORT_RULE_RATIO, SHORT_RULE_STYLE
from kh_tthc.tables import check_choice
from kh_tthc.validate import validate_plan

__all__ = [
    "MAX_RENDER_ROWS",
    "TEMPLATES",
    "check_rows",
    "copy_template",
    "render_docx",
    "render_plan",
    "template_path",
]

StrPath = str | os.PathLike[str]

#: The shipped templates by document kind.
TEMPLATES = {
    "plan": "ke-hoach.docx",
    "report": "bao-cao.docx",
    "letter": "cong-van.docx",
    "summary": "bao-cao-tong-hop.docx",
}

#: Word's cell margin when a table sets none (0.19 cm).
_DEFAULT_CELL_MARGIN = 108

#: The most appendix rows rendered into one document. docxtpl builds the whole document in
#: memory (about 16 KiB per row); 50,000 rows peaked at 882 MiB, so this keeps a render
#: well under 1 GB (docs/performance.md, "Memory").
MAX_RENDER_ROWS = 40_000
#: The largest template file read (a restyled template is a few dozen KiB).
MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
#: The most a template may unpack to, all its parts together.
MAX_TEMPLATE_UNPACKED = 50 * 1024 * 1024


def template_path(kind: str = "plan") -> Path:
    """The shipped template for a kind of document ("plan": the kế hoạch, "report": the
    báo cáo).

    Raises:
        ValueError: for an unknown kind; the message lists the known ones.
    """
    check_choice("kind", kind, TEMPLATES)
    # Wheels install package data as plain files, so the resource is a path on disk.
    return Path(str(files("kh_tthc.render").joinpath("templates", TEMPLATES[kind])))


def copy_template(path: StrPath, *, kind: str = "plan", inputs: Inputs = ()) -> Path:
    """Write a copy of the shipped template to ``path``, to restyle in Word.

    Change fonts, spacing and borders through the "KH …" styles; keep the ``{{ … }}`` and
    ``{%p … %}`` tags; then pass the file back as ``template=`` (see docs/templates.md).

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "my-ke-hoach.docx"
    >>> copy_template(out).name
    'my-ke-hoach.docx'

    Raises:
        ValueError: ``kind`` is neither "plan" nor "report".
        OutputUnwritable: the folder is missing or not writable, or ``path`` is a folder.
    """
    source = template_path(kind)
    with output_path(Path(path), inputs=inputs) as tmp:
        shutil.copyfile(source, tmp)
    return Path(path)


def render_plan(
    plan: Plan, path: StrPath, *, template: StrPath | None = None, inputs: Inputs = ()
) -> Path:
    """Write ``plan`` as an official kế hoạch DOCX (Nghị định 30/2020/NĐ-CP, Phụ lục I).

    Page 1 carries the header block of sample Mẫu 1.4, the type name and summary, then the
    body sections, the closing, the recipients and the signature; the task table follows
    on landscape pages numbered on their own.

    Args:
        plan: the plan; it is validated first.
        path: the ``.docx`` to write. Written atomically: on any failure the previous file
            is left as it was and no partial file remains.
        template: a restyled copy of the shipped template (:func:`copy_template`).
        inputs: other files the caller read (the plan file), which ``path`` must not be;
            the template is always one.

    Returns:
        ``path`` as a :class:`~pathlib.Path`.

    Raises:
        PlanInvalid: the plan has errors; ``problems`` lists them all.
        LimitExceeded: the plan has more than :data:`MAX_RENDER_ROWS` tasks.
        TemplateError: the template is not a DOCX, is larger than the limits, has a
            broken or forbidden tag, fails while rendering (an error in an expression, a
            bound of the sandbox), or its variables do not match the plan's (``missing``,
            ``unknown``).
        OutputRefused: ``path`` is the template or one of ``inputs``.
        SourceUnreadable: the output folder is missing or not writable (a full disk
            included), the output is a folder, or the template file cannot be read.

    Warns:
        RenderWarning: control characters were dropped from some text.

    >>> from kh_tthc import load_plan
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "ke-hoach.docx"
    >>> render_plan(load_plan("examples/skhcn-thai-nguyen-2025/plan.toml"), out).exists()
    True
    """
    check_rows(len(plan.tasks))  # before the work, which grows with the rows
    validate_plan(plan)
    return render_docx(
        plan_context(plan),
        path,
        template=template_path("plan") if template is None else template,
        required=PLAN_FIELDS,
        title=f"{plan.type_name}: {plan.title}",
        inputs=inputs,
    )


def check_rows(rows: int) -> None:
    """Refuse, before any work, a document with more appendix rows than can be rendered.

    Raises:
        LimitExceeded: ``rows`` is above :data:`MAX_RENDER_ROWS`.
    """
    if rows > MAX_RENDER_ROWS:
        raise LimitExceeded(
            f"the document would have {rows:,} rows in its appendix; kh-tthc renders at most "
            f"{MAX_RENDER_ROWS:,} in one document (memory), so split the plan"
        )


def render_docx(
    context: Mapping[str, Any],
    path: StrPath,
    *,
    template: StrPath,
    required: Iterable[str] = (),
    title: str = "",
    inputs: Inputs = (),
) -> Path:
    """Render ``template`` with ``context`` into ``path``, atomically.

    Args:
        context: plain data, as :func:`kh_tthc.render.context.plan_context` builds it.
        path: the ``.docx`` to write.
        template: the DOCX template.
        required: variables the template must use (else ``TemplateError``).
        title: the document's title in its properties (File > Info in Word).
        inputs: files the caller read, which ``path`` must not be (the template is one).

    Raises:
        TemplateError: see :func:`render_plan`.
        OutputRefused: see :func:`render_plan`.
        SourceUnreadable: see :func:`render_plan`.
    """
    template = Path(template)
    inputs = (*inputs, template)
    check_output(path, inputs=inputs)  # before the work, so nothing is wasted
    tpl, digest = _open(template)
    _check_variables(tpl, template, digest, context, frozenset(required))
    _render(tpl, template, context)
    document = tpl.docx
    _size_rules(document)
    _drop_empty_last_section(document)
    if title:
        document.core_properties.title = drop_xml_illegal(title)[:255]
    # Saved in memory, then written by the one writer: a full disk fails in one place,
    # and no half-closed zip file is left for the garbage collector to trip on.
    buffer = io.BytesIO()
    tpl.save(buffer)
    return write_output(path, buffer.getvalue(), inputs=inputs)


# ---------------------------------------------------------------------------------------
# Template checks


_NOT_DOCX = "not a Word document (.docx); save it from Word as 'Word Document'"


def _open(template: Path) -> tuple[DocxTemplate, str]:
    """The template, read through the one door in and checked as a package first."""
    if not template.exists() and not template.is_symlink():
        raise SourceUnreadable(template, "no such template file")
    try:
        data = read_bytes(template, what="a .docx template", limit=MAX_TEMPLATE_BYTES)
    except PlanFileError as exc:
        raise TemplateError(template, exc.problem.message) from None
    check_package(
        data,
        template,
        what="a Word document (.docx)",
        error=TemplateError,
        max_unpacked=MAX_TEMPLATE_UNPACKED,
    )
    tpl = DocxTemplate(io.BytesIO(data))
    try:
        tpl.init_docx()
    # lxml's XMLSyntaxError is a SyntaxError.
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError, OSError):
        raise TemplateError(template, _NOT_DOCX) from None
    return tpl, hashlib.sha256(data).hexdigest()


def _render(tpl: DocxTemplate, template: Path, context: Mapping[str, Any]) -> None:
    """Render, turning every failure of the template's code into a TemplateError."""
    BUDGET.reset()
    try:
        tpl.render(dict(context), jinja_env=environment(), autoescape=True)
    except TemplateSyntaxError as exc:
        raise TemplateError(
            template, f"broken Jinja tag: {exc.message}", where=_locate(tpl, exc)
        ) from None
    except KhTthcError:
        raise
    except JinjaError as exc:
        # SecurityError (a forbidden attribute), UndefinedError and the like.
        raise TemplateError(
            template,
            f"the template failed while rendering: {exc.message}",
            where=_locate(tpl, exc),
        ) from None
    except Bounded as exc:
        raise TemplateError(
            template, f"the template went beyond a limit: {exc}", where=_locate(tpl, exc)
        ) from None
    except RecursionError as exc:
        raise TemplateError(
            template, "the template calls itself too deeply", where=_locate(tpl, exc)
        ) from None
    except MemoryError:
        raise TemplateError(template, "the template needed more memory than there is") from None
    except Exception as exc:  # ZeroDivisionError, TypeError, OverflowError...: its code
        raise TemplateError(
            template,
            f"the template failed while rendering: {type(exc).__name__}: {exc}",
            where=_locate(tpl, exc),
        ) from None
    finally:
        BUDGET.reset()


#: Variables used by a template, keyed by the SHA-256 of its file.
_USED: dict[str, frozenset[str]] = {}


def _check_variables(
    tpl: DocxTemplate,
    template: Path,
    key: str,
    context: Mapping[str, Any],
    required: frozenset[str],
) -> None:
    used = _USED.get(key)
    if used is None:
        unclosed = _unclosed_tag(tpl)
        if unclosed:
            raise TemplateError(template, "broken Jinja tag: it is not closed", where=unclosed)
        try:
            used = frozenset(tpl.get_undeclared_template_variables(jinja_env=environment()))
        except TemplateSyntaxError as exc:
            raise TemplateError(
                template, f"broken Jinja tag: {exc.message}", where=_locate(tpl, exc)
            ) from None
        if len(_USED) > 64:  # a long session editing templates: start over
            _USED.clear()
        _USED[key] = used
    unknown = used - context.keys()
    missing = required - used
    if not unknown:
        _check_fields(tpl, template, key, context)
    if unknown or missing:
        parts = []
        if unknown:
            parts.append("unknown variables " + ", ".join(sorted(unknown)))
        if missing:
            parts.append("the template does not use " + ", ".join(sorted(missing)))
        raise TemplateError(
            template,
            "the template's variables do not match the document's: " + "; ".join(parts),
            missing=missing,
            unknown=unknown,
        )


#: The Jinja source and syntax tree of each part of a template, by the file's SHA-256.
_TREES: dict[str, list[tuple[str, str, nodes.Template]]] = {}


def _check_fields(tpl: DocxTemplate, template: Path, key: str, context: Mapping[str, Any]) -> None:
    """Refuse a template that names a field its data lacks, inside loops too
    (``{{ row.dealine }}``, a plan template's ``row.deadline`` given a report's rows)."""
    trees = _TREES.get(key)
    if trees is None:
        env = environment()
        trees = []
        for name, root in _parts(tpl):
            source = _source(tpl, root)
            trees.append((name, source, env.parse(source)))
        if len(_TREES) > 64:
            _TREES.clear()
        _TREES[key] = trees
    shape = describe(context)
    found = []
    for name, source, tree in trees:
        found += [
            (field, _place(name, source, line)) for field, line in unknown_fields(tree, shape)
        ]
    if found:
        places: dict[str, list[str]] = {}
        for field, place in found:
            places.setdefault(field, []).append(place)
        listed = "; ".join(
            f"{field} ({where[0]}{f', and {len(where) - 1} more' if len(where) > 1 else ''})"
            for field, where in places.items()
        )
        raise TemplateError(
            template,
            f"the template names fields its data does not have: {listed}",
            unknown=places,
        )


def _place(part: str, source: str, line: int) -> str:
    """Where a template line is in the document: the part, a table cell or a paragraph,
    and the paragraph's text."""
    before = "\n".join(source.splitlines()[: line - 1])
    opened = before.count("<w:tc>") + before.count("<w:tc ")
    kind = "table cell" if opened > before.count("</w:tc>") else "paragraph"
    return f"{part} {kind}: {_line_text(source, line)!r}"


def _parts(tpl: DocxTemplate) -> list[tuple[str, Any]]:
    """The template's body, headers and footers, as (name, XML element)."""
    parts = [("body", tpl.get_docx().element.body)]
    for uri, name in ((tpl.HEADER_URI, "header"), (tpl.FOOTER_URI, "footer")):
        parts.extend((name, parse_xml(part.blob)) for _, part in tpl.get_headers_footers(uri))
    return parts


def _paragraph_text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


_DELIMITER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _unclosed_tag(tpl: DocxTemplate) -> str:
    """Where a tag opens and does not close within its paragraph, or "".

    docxtpl needs a tag to start and end in one paragraph; an unclosed one makes its
    clean-up swallow the text up to the next closing delimiter, so it must be caught before.
    """
    for name, root in _parts(tpl):
        for number, p in enumerate(root.iter(qn("w:p")), start=1):
            text = _paragraph_text(p)
            expected = None
            for m in _DELIMITER.finditer(text):
                token = m.group()
                if expected is None and token in _CLOSER:
                    expected = _CLOSER[token]
                elif token == expected:
                    expected = None
            if expected is not None:
                return f"{name} paragraph {number}: {text!r}"
    return ""


def _source(tpl: DocxTemplate, root: Any) -> str:
    # The Jinja source docxtpl renders: patched, then one line per paragraph.
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.xml_to_string(root)))


def _line_text(source: str, lineno: int | None) -> str:
    lines = source.splitlines()
    if lineno is None or not 1 <= lineno <= len(lines):
        return ""
    return " ".join(re.sub(r"<[^>]+>", "", lines[lineno - 1]).split())


def _template_line(error: BaseException) -> int | None:
    # Jinja rewrites tracebacks so that template frames carry the template's line.
    line = getattr(error, "lineno", None)
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line if isinstance(line, int) else None


def _locate(tpl: DocxTemplate, error: BaseException) -> str:
    """The text of the paragraph holding the tag Jinja stumbled on, and its part."""
    env = environment()
    parts = [(name, _source(tpl, root)) for name, root in _parts(tpl)]
    for name, source in parts:
        try:
            env.compile(source)
        except TemplateSyntaxError as exc:
            return f"{name}: {_line_text(source, exc.lineno)!r}"
    # Compiles, so the error came while rendering: docxtpl renders the body first.
    text = _line_text(parts[0][1], _template_line(error))
    return f"body: {text!r}" if text else ""


# ---------------------------------------------------------------------------------------
# After rendering


class _Fonts:
    """The size and weight a run of a paragraph ends up with, through its styles."""

    def __init__(self, document: Any) -> None:
        styles = document.styles.element
        self._styles = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
        self._defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")

    def _chain(self, style_id: str | None) -> list[Any]:
        chain: list[Any] = []
        while style_id is not None and style_id in self._styles and len(chain) < 20:
            style = self._styles[style_id]
            chain.append(style.find(qn("w:rPr")))
            based = style.find(qn("w:basedOn"))
            style_id = None if based is None else based.get(qn("w:val"))
        return chain

    def of(self, p: Any) -> tuple[float, bool]:
        run = next((r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None), None)
        layers: list[Any] = []
        if run is not None:
            rpr = run.find(qn("w:rPr"))
            layers.append(rpr)
            rstyle = None if rpr is None else rpr.find(qn("w:rStyle"))
            layers += self._chain(None if rstyle is None else rstyle.get(qn("w:val")))
        pstyle = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        layers += self._chain(None if pstyle is None else pstyle.get(qn("w:val")))
        layers.append(self._defaults)
        size: float | None = None
        bold: bool | None = None
        for rpr in (layer for layer in layers if layer is not None):
            if size is None and (sz := rpr.find(qn("w:sz"))) is not None:
                size = int(sz.get(qn("w:val"))) / 2
            if bold is None and (b := rpr.find(qn("w:b"))) is not None:
                bold = b.get(qn("w:val"), "true") not in ("0", "false", "off")
        return (size or 10.0), bool(bold)


def _available(p: Any) -> int | None:
    """Twips between the edges a centred paragraph sits in: its cell or its page."""
    cell = next(iter(p.iterancestors(qn("w:tc"))), None)
    if cell is None:
        # The section a body paragraph belongs to is set by the next paragraph that ends
        # a section, or by the body's own properties.
        ends = (q.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") for q in p.itersiblings(qn("w:p")))
        sect = next((e for e in ends if e is not None), p.getparent().find(qn("w:sectPr")))
        if sect is None:
            return None
        size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
        return (
            int(size.get(qn("w:w")))
            - int(margins.get(qn("w:left")))
            - int(margins.get(qn("w:right")))
        )
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if width is None or width.get(qn("w:type")) != "dxa":
        return None
    table = next(cell.iterancestors(qn("w:tbl")))
    sides = 0
    for side, alias in (("left", "start"), ("right", "end")):
        margin = None
        for holder in (f"{qn('w:tcPr')}/{qn('w:tcMar')}", f"{qn('w:tblPr')}/{qn('w:tblCellMar')}"):
            box = (cell if "tcMar" in holder else table).find(holder)
            if box is not None:
                margin = box.find(qn(f"w:{side}"))
                margin = box.find(qn(f"w:{alias}")) if margin is None else margin
            if margin is not None:
                break
        sides += _DEFAULT_CELL_MARGIN if margin is None else int(margin.get(qn("w:w")))
    return int(width.get(qn("w:w"))) - sides


def _first_section_paragraphs(body: Any) -> Iterator[Any]:
    # The rules belong to page 1; stopping at the first section's end keeps a long task
    # table out of the search.
    for child in body.iterchildren(qn("w:p"), qn("w:tbl")):
        yield from child.iter(qn("w:p"))
        if child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            return


def _size_rules(document: Any) -> None:
    """Set each rule's length from the text just above it (Nghị định 30/2020/NĐ-CP,
    Phụ lục I, mục II.1, II.2, II.5): 1/3–1/2 of it under the issuer and the summary, as
    long as the motto under the motto."""
    ratios: dict[str, float] = {}
    for name, share in ((SHORT_RULE_STYLE, SHORT_RULE_RATIO), (MOTTO_RULE_STYLE, 1.0)):
        style = next((s for s in document.styles if s.name == name), None)
        if style is not None:
            ratios[style.style_id] = share
    if not ratios:
        return
    fonts = _Fonts(document)
    for p in _first_section_paragraphs(document.element.body):
        pstyle = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        ratio = None if pstyle is None else ratios.get(pstyle.get(qn("w:val")))
        if ratio is None:
            continue
        above = p.getprevious()
        available = _available(p)
        if above is None or above.tag != qn("w:p") or available is None:
            continue
        text = _paragraph_text(above)
        if not text.strip():
            continue
        size, bold = fonts.of(above)
        length = min(text_width_pt(text.strip(), size_pt=size, bold=bold) * 20, available) * ratio
        side = Twips(max(0, round((available - length) / 2)))
        fmt = ParagraphFormat(p)
        fmt.left_indent = fmt.right_indent = side
        fmt.first_line_indent = Twips(0)


def _drop_empty_last_section(document: Any) -> None:
    # The appendix section of a plan without tasks holds nothing but would still print a
    # blank landscape page: give its place to the previous section.
    body = document.element.body
    final = body.find(qn("w:sectPr"))
    breaks = body.findall(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}")
    if final is None or not breaks:
        return
    carrier = breaks[-1].getparent().getparent()
    if any(el is not final for el in carrier.itersiblings()):
        return
    body.replace(final, breaks[-1])
    body.remove(carrier)
