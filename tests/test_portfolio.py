"""The portfolio (issue 14): loading, validation across plans, the agenda, the roll-up,
the reminder letter and the commands' bad input."""

from __future__ import annotations

import contextlib
import json
import os
import re
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from kh_tthc.cli import main
from kh_tthc.errors import KhTthcError
from kh_tthc.io.plan_file import load_plan
from kh_tthc.model import Plan
from kh_tthc.periods import Period
from kh_tthc.portfolio import Portfolio, PortfolioError, PortfolioInvalid, clear_cache, core
from kh_tthc.portfolio.core import AgendaItem
from kh_tthc.portfolio.letter import reminder, render_reminder
from kh_tthc.progress import load_progress
from kh_tthc.render.addressees import addressee_lines
from kh_tthc.report import Report
from tests.portfolio_helpers import EXAMPLE, SEED, example_toml, make_portfolio

AS_OF = date(2025, 12, 15)
Q4 = Period.parse("2025-Q4")
Q3 = Period.parse("2025-Q3")
OCT = Period.parse("2025-10")


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    return Portfolio.load(EXAMPLE)


def files_of(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


class TestLoad:
    def test_members(self, portfolio: Portfolio) -> None:
        seed = load_plan(SEED / "plan.toml")
        entry = portfolio.entry("kiem-soat-tthc-2025")
        assert entry.plan == seed  # read from its own folder, not a copy
        assert [p.period.iso for p in entry.progress] == ["2025-Q3", "2025-Q4"]
        ref = portfolio.references[0]
        assert str(ref.number) == "22/KH-UBND"
        assert ref.issued.as_date() == date(2025, 8, 5)
        # The reference is cited as the seed cites it.
        assert ref.citation.removeprefix("Kế hoạch số ") in seed.preamble[0]
        assert entry.implements is not None
        assert entry.implements.number == "22/KH-UBND"
        invented = portfolio.entry("so-hoa-2025").plan
        assert invented is not None
        assert "(minh họa)" in invented.title
        assert not portfolio.problems

    def test_units_reconciled_by_name(self, tmp_path: Path) -> None:
        """A plan calling the Văn phòng "vanphong" is the registry's "vp"."""
        folder = make_portfolio(tmp_path)
        plan = folder / "ke-hoach-minh-hoa.toml"
        text = plan.read_text(encoding="utf-8")
        plan.write_text(
            text.replace('vp = "Văn phòng Sở"', 'vanphong = "Văn phòng Sở"').replace(
                '"vp"', '"vanphong"'
            ),
            encoding="utf-8",
        )
        (folder / "progress-minh-hoa-2025-Q4.csv").write_text(
            (folder / "progress-minh-hoa-2025-Q4.csv")
            .read_text(encoding="utf-8")
            .replace(",vp,", ",vanphong,"),
            encoding="utf-8",
        )
        p = Portfolio.load(folder)
        assert p.entry("so-hoa-2025").registry_id("vanphong") == "vp"
        mine = {(i.plan, i.task) for i in p.agenda(as_of=AS_OF, unit="vp")}
        assert ("so-hoa-2025", "1") in mine
        assert ("kiem-soat-tthc-2025", "1.1") in mine

    def test_unit_conflict_and_unknown_unit(self, tmp_path: Path) -> None:
        folder = make_portfolio(
            tmp_path,
            example_toml()
            .replace('cds = "Phòng Chuyển đổi số"', 'cds = "Phòng Công nghệ"')
            .replace('cntt = "Trung tâm CNTT&TT"\n', ""),
        )
        with pytest.raises(PortfolioInvalid) as info:
            Portfolio.load(folder)
        text = "\n".join(map(str, info.value.problems))
        assert "unit 'cds' is 'Phòng Chuyển đổi số' here but 'Phòng Công nghệ'" in text
        assert "unit 'cntt' ('Trung tâm CNTT&TT') is unknown to the registry" in text


class TestBadInput:
    """Each case: a clear message, exit 1 or 2, nothing written."""

    def run(
        self, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> tuple[int, str]:
        out = tmp_path / "out"
        out.mkdir()
        before = files_of(tmp_path)
        codes = [
            main(["agenda", str(folder), "--as-of", "2025-12-15", "-o", str(out / "a.csv")]),
            main(["remind", str(folder), "--as-of", "2025-12-15", "-o", str(out / "r.docx")]),
            main(["dashboard", str(folder), "--as-of", "2025-12-15", "-o", str(out / "site")]),
        ]
        assert files_of(tmp_path) == before, "nothing is written"
        assert len(set(codes)) == 1
        assert codes[0] in (1, 2)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        return codes[0], err

    def test_no_plans(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        folder = make_portfolio(tmp_path, 'title = "Trống"\n[units]\nvp = "Văn phòng Sở"\n')
        code, err = self.run(folder, tmp_path, capsys)
        assert code == 2
        assert "no plans" in err

    def test_plan_failing_validation(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = make_portfolio(tmp_path)
        plan = folder / "ke-hoach-minh-hoa.toml"
        plan.write_text(
            plan.read_text(encoding="utf-8").replace('lead = ["cds"]', 'lead = ["khong-co"]'),
            encoding="utf-8",
        )
        code, err = self.run(folder, tmp_path, capsys)
        assert code == 1
        assert "khong-co" in err
        assert "incomplete" in err
        partial = Portfolio.load(folder, strict=False)
        assert partial.incomplete
        assert partial.entry("kiem-soat-tthc-2025").plan is not None
        assert partial.entry("so-hoa-2025").plan is None

    def test_lineage_loop(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        folder = make_portfolio(tmp_path)
        # Number the seed, then make 999 implement it and it implement 999.
        seed = tmp_path / "seed" / "plan.toml"
        seed.write_text(
            seed.read_text(encoding="utf-8").replace(
                'number = "/KH-SKHCN"', 'number = "15/KH-SKHCN"'
            ),
            encoding="utf-8",
        )
        for f in (tmp_path / "seed").glob("*.csv"):
            f.write_text(
                f.read_text(encoding="utf-8").replace(": /KH-SKHCN", ": 15/KH-SKHCN"),
                encoding="utf-8",
            )
        text = (
            example_toml()
            .replace(
                'implements = { number = "22/KH-UBND", issuer = "UBND tỉnh Thái Nguyên", '
                "year = 2025 }",
                'implements = { number = "999/KH-SKHCN", issuer = "Sở Khoa học và Công nghệ", '
                "year = 2025 }",
            )
            .replace(
                'progress = ["progress-minh-hoa-2025-Q4.csv"]',
                'progress = ["progress-minh-hoa-2025-Q4.csv"]\n'
                'implements = { number = "15/KH-SKHCN", issuer = "SKHCN", year = 2025 }',
            )
        )
        (folder / "portfolio.toml").write_text(text, encoding="utf-8")
        code, err = self.run(folder, tmp_path, capsys)
        assert code == 1
        assert re.search(r"lineage loop: (kiem-soat-tthc-2025|so-hoa-2025) → .* → \1", err)

    def test_progress_for_a_plan_not_in_the_portfolio(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        text = example_toml() + '\n[[progress]]\nplan = "khong-co"\nfile = "x.csv"\n'
        folder = make_portfolio(tmp_path, text)
        code, err = self.run(folder, tmp_path, capsys)
        assert code == 1
        assert "is for plan 'khong-co', which is not in the portfolio" in err

    def test_two_plans_with_one_number(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = make_portfolio(tmp_path)
        twin = folder / "twin.toml"
        twin.write_text(
            (folder / "ke-hoach-minh-hoa.toml").read_text(encoding="utf-8"), encoding="utf-8"
        )
        text = example_toml() + '\n[[plans]]\nid = "twin"\nfile = "twin.toml"\n'
        (folder / "portfolio.toml").write_text(text, encoding="utf-8")
        code, err = self.run(folder, tmp_path, capsys)
        assert code == 1
        assert "plans 'so-hoa-2025' and 'twin' have one issuer, year and number" in err

    def test_broken_link(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        folder = make_portfolio(
            tmp_path,
            example_toml().replace(
                'number = "22/KH-UBND"\nissued', 'number = "23/KH-UBND"\nissued'
            ),
        )
        code, err = self.run(folder, tmp_path, capsys)
        assert code == 1
        assert "broken link" in err
        assert "22/KH-UBND" in err


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_portfolio_toml_gives_a_result_or_a_library_error(text: str) -> None:
    """Fuzz: whatever portfolio.toml holds, load raises only KhTthcError subclasses."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "portfolio.toml").write_text(text, encoding="utf-8")
        with contextlib.suppress(KhTthcError):
            Portfolio.load(d, strict=False)


class TestAgenda:
    def test_sorted_and_for_the_unit(self, portfolio: Portfolio) -> None:
        items = portfolio.agenda(as_of=AS_OF, unit="Văn phòng Sở")
        assert {i.plan for i in items} == {"kiem-soat-tthc-2025", "so-hoa-2025"}
        dated = [i.due for i in items if i.due is not None]
        assert dated == sorted(dated)
        for i in items:
            e = portfolio.entry(i.plan)
            assert "vp" in {
                e.registry_id(u) for u in i.occurrence.task.lead + i.occurrence.task.support
            }
        # The same items as each plan's own schedule for the unit.
        for e in portfolio.plans:
            assert e.plan is not None
            own = e.plan.schedule(as_of=AS_OF).for_unit("vp")
            assert len([i for i in items if i.plan == e.id]) == len(own)

    def test_ics_uids_stable_and_unique(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        outs = []
        for n in (1, 2):
            out = tmp_path / f"vp{n}.ics"
            args = [
                "agenda",
                str(EXAMPLE),
                "--unit",
                "vp",
                "--as-of",
                "2025-12-15",
                "--format",
                "ics",
            ]
            assert main([*args, "-o", str(out)]) == 0
            outs.append(out.read_bytes())
        assert outs[0] == outs[1]
        uids = re.findall(rb"UID:(.*)\r\n", outs[0])
        assert uids
        assert len(uids) == len(set(uids))
        # A later day changes statuses, not the UIDs of the same events.
        out = tmp_path / "later.ics"
        args = ["agenda", str(EXAMPLE), "--unit", "vp", "--as-of", "2026-01-05", "--format", "ics"]
        assert main([*args, "-o", str(out)]) == 0
        assert set(re.findall(rb"UID:(.*)\r\n", out.read_bytes())) == set(uids)

    def test_xlsx_holds_the_same_items_as_json(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`--format xlsx -o`: one row an item, the plan's and task's numbers as in JSON;
        without -o it is a usage error (exit 2) and nothing is written."""
        from openpyxl import load_workbook

        base = ["agenda", str(EXAMPLE), "--unit", "vp", "--as-of", "2025-12-15"]
        assert main([*base, "--format", "json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        out = tmp_path / "lich.xlsx"
        assert main([*base, "--format", "xlsx", "-o", str(out)]) == 0
        book = load_workbook(out, read_only=True)  # read-only keeps the file open: close it
        try:
            sheet = book["Lịch"]
            got = [r[2:4] for r in sheet.iter_rows(min_row=4, values_only=True)]
            title = str(sheet["A1"].value)
        finally:
            book.close()
        assert got == [(r["plan_number"], r["task"]) for r in rows]
        assert "VĂN PHÒNG SỞ" in title
        assert main([*base, "--format", "xlsx"]) == 2
        assert "name it with -o" in capsys.readouterr().err

    def test_json_and_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert (
            main(
                [
                    "agenda",
                    str(EXAMPLE),
                    "--unit",
                    "vp",
                    "--as-of",
                    "2025-12-15",
                    "--format",
                    "json",
                ]
            )
            == 0
        )
        rows = json.loads(capsys.readouterr().out)
        assert {r["plan_number"] for r in rows} == {"/KH-SKHCN (dự thảo)", "999/KH-SKHCN"}
        assert main(["agenda", str(EXAMPLE), "--unit", "vpp", "--as-of", "2025-12-15"]) == 2
        assert "did you mean 'vp'" in capsys.readouterr().err


class TestAgendaItemBuilder:
    """``core._agenda_item``, the agenda's way of making its items, makes what the
    constructor makes; it can only while the class has nothing for ``__init__`` to run."""

    def test_the_class_has_nothing_to_run(self) -> None:
        fields = attrs.fields(AgendaItem)
        assert [f.name for f in fields] == ["plan", "plan_number", "occurrence", "units"]
        for f in fields:
            assert f.converter is None
            assert f.validator is None
            assert f.default is attrs.NOTHING
        assert not hasattr(AgendaItem, "__attrs_post_init__")
        assert not hasattr(AgendaItem, "__attrs_pre_init__")

    def test_the_same_as_the_constructor(self, portfolio: Portfolio) -> None:
        items = portfolio.agenda(as_of=date(2025, 12, 15))
        assert items
        for item in items[:50]:
            made = core._agenda_item(item.plan, item.plan_number, item.occurrence, item.units)
            built = AgendaItem(
                plan=item.plan,
                plan_number=item.plan_number,
                occurrence=item.occurrence,
                units=item.units,
            )
            assert type(made) is AgendaItem
            assert attrs.astuple(made, recurse=False) == attrs.astuple(built, recurse=False)
            assert made == built
            assert hash(made) == hash(built)
            assert repr(made) == repr(built)
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                made.plan = "x"  # type: ignore[misc]


class TestRollup:
    def test_unit_figures_are_the_reports_by_unit(self, portfolio: Portfolio) -> None:
        """Each unit's figures across plans add up its figures in each plan's report
        (Report.by_unit), as the registry names it."""
        from kh_tthc.report import TaskStatus

        expected: dict[str, list[int]] = {}
        for plan_id, report in portfolio.reports(Q4, as_of=AS_OF).items():
            e = portfolio.entry(plan_id)
            for uf in report.by_unit:
                t = uf.tally
                a = expected.setdefault(e.registry_id(uf.unit.id), [0, 0, 0, 0, 0])
                a[0] += t.total
                a[1] += t.done
                a[2] += t[TaskStatus.OVERDUE]
                a[3] += t[TaskStatus.NOT_REPORTED]
                a[4] += t.applicable
        _, units = portfolio.rollup(Q4, as_of=AS_OF)
        assert len(units) > 1
        assert {u.unit: [u.total, u.done, u.overdue, u.not_reported] for u in units} == {
            k: a[:4] for k, a in expected.items()
        }
        for u in units:
            a = expected[u.unit]
            assert u.completion_rate == (a[1] / a[4] if a[4] else None)

    def test_figures_equal_each_plans_report(self, portfolio: Portfolio) -> None:
        plans, units = portfolio.rollup(Q4, as_of=AS_OF)
        seed = load_plan(SEED / "plan.toml")
        q4 = load_progress(SEED / "progress-2025-Q4.csv", seed)
        report = Report(plan=seed, period=Q4, progress=q4, as_of=AS_OF)
        first = plans[0]
        assert (first.total, first.done, first.overdue, first.not_reported) == (
            report.counts.total,
            report.counts.done,
            len(report.overdue),
            len(report.not_reported),
        )
        # Units across plans add up to the plans' lead rows.
        assert sum(u.done for u in units) >= max(p.done for p in plans)
        frame = portfolio.to_frame(Q4, as_of=AS_OF)
        assert list(frame.index) == [p.plan for p in plans]
        assert list(frame["overdue"]) == [p.overdue for p in plans]


@pytest.fixture(scope="module")
def letter_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("letter") / "cong-van.docx"
    p = Portfolio.load(EXAMPLE)
    render_reminder(reminder(p, as_of=AS_OF, units=["vp", "cntt"]), out)
    return out


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bc") / "bao-cao.docx"
    args = [
        "report",
        str(SEED / "plan.toml"),
        str(SEED / "progress-2025-Q4.csv"),
        "--as-of",
        "2025-12-15",
        "--to",
        "Ủy ban nhân dân tỉnh Thái Nguyên",
        "-o",
        str(out),
    ]
    assert main(args) == 0
    return out


class TestLetter:
    def test_form(self, letter_docx: Path) -> None:
        from tests.test_render_docx import all_paragraphs, bold, italic, pformat, size_pt

        doc = Document(str(letter_docx))
        paras = [p for p in all_paragraphs(doc) if p.text.strip()]
        texts = [p.text for p in paras]
        number = next(p for p in paras if p.text.startswith("Số:"))
        assert number.text == "Số:      /SKHCN-VP"
        assert size_pt(number) == 13
        i = texts.index(number.text)
        vv = paras[i + 1]
        assert vv.text.startswith("V/v đôn đốc")
        assert 12 <= size_pt(vv) <= 13
        assert not bold(vv)
        assert not italic(vv)
        assert pformat(vv, "alignment") == 1
        assert not any(t in ("CÔNG VĂN",) for t in texts)  # no type name line
        k = next(p for p in paras if p.text.startswith("Kính gửi:"))
        assert k.text == "Kính gửi: - Văn phòng Sở;"
        assert 13 <= size_pt(k) <= 14
        assert not bold(k)
        more = paras[paras.index(k) + 1]
        assert more.text == "- Trung tâm CNTT&TT."
        # The dashes align: the first line's dash sits where the next line starts.
        assert pformat(more, "left_indent") == pformat(k, "left_indent")
        assert pformat(k, "first_line_indent") < 0
        body = "\n".join(texts)
        for needle in ("Kế hoạch số 999/KH-SKHCN", "Nhiệm vụ 4:", "hạn 05/12/2025", "Nhiệm vụ 2:"):
            assert needle in body
        assert "trước ngày 22/12/2025" in body  # 5 working days after 15/12/2025
        label = next(p for p in paras if p.text == "Nơi nhận:")
        assert size_pt(label) == 12
        assert bold(label)
        assert italic(label)
        assert paras[paras.index(label) + 1].text == "- Như trên;"
        assert "- Lưu: VT, VP." in texts

    def test_pdf_text(self, letter_docx: Path, soffice: None, tmp_path: Path) -> None:
        from kh_tthc.render import docx_to_pdf
        from tests.needs import need
        from tests.test_render_pdf import norm, page_text

        need("pdftotext")
        pdf = docx_to_pdf(letter_docx, tmp_path / "cong-van.pdf")
        text = norm(page_text(pdf, 1))
        for needle in (
            "Số: /SKHCN-VP",
            "V/v đôn đốc thực hiện, báo cáo kết quả Kế hoạch số 999/KH-SKHCN",
            "Kính gửi: - Văn phòng Sở;",
            "- Trung tâm CNTT&TT.",
            "Nhiệm vụ 4",
        ):
            assert norm(needle) in text
        assert "- Như trên;" in norm(
            page_text(pdf, 1) + page_text(pdf, 2) if "Như" not in text else text
        )

    def test_nothing_to_remind(self, portfolio: Portfolio) -> None:
        with pytest.raises(PortfolioError, match="nothing to remind"):
            reminder(portfolio, as_of=date(2025, 10, 1), units=["cds"])


class TestUpwardReport:
    def test_kinh_gui_and_nhu_tren(self, report_docx: Path) -> None:
        from tests.test_render_docx import all_paragraphs, bold, size_pt

        paras = [p for p in all_paragraphs(Document(str(report_docx))) if p.text.strip()]
        texts = [p.text for p in paras]
        k = next(p for p in paras if p.text.startswith("Kính gửi"))
        assert k.text == "Kính gửi: Ủy ban nhân dân tỉnh Thái Nguyên."
        assert 13 <= size_pt(k) <= 14
        assert not bold(k)
        # After the title block, before the body.
        assert (
            texts.index("BÁO CÁO")
            < texts.index(k.text)
            < next(i for i, t in enumerate(texts) if t.startswith("Thực hiện Kế hoạch"))
        )
        label = texts.index("Nơi nhận:")
        assert texts[label + 1] == "- Như trên;"

    def test_pdf_text(self, report_docx: Path, soffice: None, tmp_path: Path) -> None:
        from kh_tthc.render import docx_to_pdf
        from tests.test_render_pdf import norm, page_text

        pdf = docx_to_pdf(report_docx, tmp_path / "bao-cao.pdf")
        text = norm(" ".join(page_text(pdf, n) for n in (1, 2, 3)))
        assert norm("Kính gửi: Ủy ban nhân dân tỉnh Thái Nguyên.") in text
        assert "- Như trên;" in text

    def test_without_addressee_unchanged(self) -> None:
        seed = load_plan(SEED / "plan.toml")
        q4 = load_progress(SEED / "progress-2025-Q4.csv", seed)
        from kh_tthc.render.report_context import report_context

        ctx = report_context(Report(plan=seed, period=Q4, progress=q4, as_of=AS_OF))
        assert ctx["addressees"] == []
        assert ctx["recipients"][0] != "- Như trên;"


@given(
    st.lists(
        st.text(alphabet="abcđÁ ,;.", min_size=1, max_size=12).filter(lambda s: s.strip(" ;.,")),
        min_size=1,
        max_size=5,
    )
)
def test_addressee_lines_punctuation(names: list[str]) -> None:
    lines = addressee_lines(names)
    assert len(lines) == len(names)
    assert lines[0].startswith("Kính gửi: ")
    assert lines[-1].endswith(".")
    if len(names) > 1:
        assert all(line.removeprefix("Kính gửi: ").startswith("- ") for line in lines)
        assert all(line.endswith(";") for line in lines[:-1])


def test_ics_reads_back_with_icalendar(tmp_path: Path) -> None:
    """The hand-written calendar parses with the icalendar package, events intact."""
    from icalendar import Calendar

    from kh_tthc.portfolio.ics import agenda_ics

    p = Portfolio.load(EXAMPLE)
    items = [i for i in p.agenda(as_of=AS_OF, unit="vp") if i.due is not None]
    cal = Calendar.from_ical(agenda_ics(items, name="Văn phòng Sở", as_of=AS_OF))
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [i.uid for i in items]
    assert [e["DTSTART"].dt for e in events] == [i.due for i in items]
    assert str(cal["X-WR-CALNAME"]) == "Văn phòng Sở"
    # Titles with commas and semicolons come back as written.
    tricky = [(e, i) for e, i in zip(events, items, strict=True) if "," in i.occurrence.task.title]
    assert tricky
    for event, item in tricky:
        assert f" {item.occurrence.task.title}" in str(event["SUMMARY"])


@given(st.text(min_size=0, max_size=200))
def test_fold_and_escape(text: str) -> None:
    from kh_tthc.portfolio.ics import escape_text, fold

    line = "SUMMARY:" + escape_text(text)
    folded = fold(line)
    assert all(
        len(part.encode("utf-8")) <= 75 for part in folded.removesuffix("\r\n").split("\r\n")
    )
    assert folded.removesuffix("\r\n").replace("\r\n ", "") == line


def test_summary_has_a_section_and_a_table_per_plan(tmp_path: Path) -> None:
    """The báo cáo tổng hợp: a heading, the figures and a table for each plan."""
    from tests.test_render_docx import all_paragraphs

    out = tmp_path / "tong-hop.docx"
    args = ["rollup", str(EXAMPLE), "--as-of", "2025-12-15", "--to", "UBND tỉnh", "-o", str(out)]
    assert main(args) == 0
    doc = Document(str(out))
    texts = [p.text for p in all_paragraphs(doc) if p.text.strip()]
    plans, _ = Portfolio.load(EXAMPLE).rollup(Q4, as_of=AS_OF)
    for i, f in enumerate(plans, start=1):
        assert f"{i}. Kế hoạch số {f.plan_number}: {f.title}" in texts
        assert any(
            t.startswith(f"Tổng số {f.total} nhiệm vụ; đã hoàn thành {f.done}") for t in texts
        )
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
    assert len(tables) == len(plans)
    assert len(tables[1].rows) == 1 + plans[1].total  # header + the invented plan's tasks
    assert "Kính gửi: UBND tỉnh." in texts
    assert texts[texts.index("Nơi nhận:") + 1] == "- Như trên;"


class TestPortfolioTomlProblems:
    """Mistakes inside portfolio.toml itself: each one is named, with its place, and the
    rest of the portfolio still loads (``strict=False``)."""

    def problems(self, tmp_path: Path, toml: str) -> str:
        folder = make_portfolio(tmp_path, toml)
        with pytest.raises(PortfolioInvalid) as info:
            Portfolio.load(folder)
        partial = Portfolio.load(folder, strict=False)
        assert [str(p) for p in partial.problems] == [str(p) for p in info.value.problems]
        return "\n".join(map(str, info.value.problems))

    def test_registry_and_owner(self, tmp_path: Path) -> None:
        toml = example_toml().replace('owner = "vp"', 'owner = "khong-co"')
        toml = toml.replace('cntt = "Trung tâm CNTT&TT"', 'cntt = ""')
        text = self.problems(tmp_path, toml)
        assert "[units] 'cntt': expected an id and a name" in text
        assert "owner: 'khong-co' is not a unit of the registry" in text

    def test_no_registry(self, tmp_path: Path) -> None:
        head, _, rest = example_toml().partition("[units]")
        toml = head + rest.split("\n\n", 1)[1]
        text = self.problems(tmp_path, toml)
        assert "[units]: expected a table of unit ids and names" in text
        # Every plan's units are then unknown to the (empty) registry.
        assert "'vp' ('Văn phòng Sở') is unknown to the registry" in text

    def test_plan_entries(self, tmp_path: Path) -> None:
        toml = (
            example_toml()
            + '\n[[plans]]\nid = "khong-file"\n'
            + '\n[[plans]]\nid = "so-hoa-2025"\nfile = "ke-hoach-minh-hoa.toml"\n'
            + '\n[[plans]]\nid = "mat"\nfile = "khong-co.toml"\n'
        )
        text = self.problems(tmp_path, toml)
        assert 'plans[3]: expected a table with file = "plan.toml"' in text
        assert "two plans with the id 'so-hoa-2025'" in text
        assert "khong-co.toml" in text
        assert "plan 'mat' failed validation; the portfolio is incomplete" in text

    @pytest.mark.parametrize(
        ("implements", "expected"),
        [
            ('"22/KH-UBND"', "implements: expected { number ="),
            (
                '{ number = "22/KH-UBND", issuer = "UBND tỉnh Thái Nguyên", year = "2025" }',
                "implements.year: expected a year, got '2025'",
            ),
            (
                '{ number = "", issuer = "UBND tỉnh Thái Nguyên", year = 2025 }',
                "implements.number: expected a text, got ''",
            ),
            (
                '{ number = "không số", issuer = "UBND tỉnh Thái Nguyên", year = 2025 }',
                "implements: ",
            ),
        ],
    )
    def test_bad_implements(self, tmp_path: Path, implements: str, expected: str) -> None:
        old = (
            'implements = { number = "22/KH-UBND", issuer = "UBND tỉnh Thái Nguyên", year = 2025 }'
        )
        toml = example_toml()
        assert old in toml
        text = self.problems(tmp_path, toml.replace(old, f"implements = {implements}"))
        assert expected in text

    def test_references(self, tmp_path: Path) -> None:
        toml = (
            example_toml()
            + '\n[[references]]\nid = "co-viec"\nnumber = "7/KH-UBND"\nissued = 2025-01-02\n'
            + 'issuer = "UBND tỉnh Thái Nguyên"\ntitle = "Minh họa"\ntasks = []\n'
            + '\n[[references]]\nid = "sai-ngay"\nnumber = "8/KH-UBND"\nissued = "ngày mai"\n'
            + 'issuer = "UBND tỉnh Thái Nguyên"\ntitle = "Minh họa"\n'
        )
        text = self.problems(tmp_path, toml)
        assert "references[2]: a reference has no tasks; list the plan file instead" in text
        assert "references[3]:" in text
        assert "ngày mai" in text

    def test_references_not_a_list(self, tmp_path: Path) -> None:
        head, _, tail = example_toml().partition("[[references]]")
        letter = tail[tail.index("# Reminder letters") :]
        text = self.problems(tmp_path, 'references = "22/KH-UBND"\n' + head + letter)
        assert "references: expected [[references]] tables" in text

    def test_reference_twin_of_a_plan(self, tmp_path: Path) -> None:
        toml = (
            example_toml()
            + '\n[[references]]\nid = "ban-sao"\nnumber = "999/KH-SKHCN"\nissued = 2025-09-01\n'
            + 'issuer = "Sở Khoa học và Công nghệ"\ntitle = "Minh họa"\n'
        )
        plan = load_plan(EXAMPLE / "ke-hoach-minh-hoa.toml")
        folder = make_portfolio(tmp_path, toml)
        p = Portfolio.load(folder, strict=False)
        text = "\n".join(map(str, p.problems))
        assert plan.issuer.name == "Sở Khoa học và Công nghệ"
        assert plan.issued.year == 2025
        assert "reference 'ban-sao' has the issuer, year and number of plan" in text

    def test_serves_names_missing_tasks(self, tmp_path: Path) -> None:
        old = 'addressee = "Ủy ban nhân dân tỉnh Thái Nguyên"'
        toml = example_toml()
        assert old in toml
        toml = toml.replace(old, old + '\nserves = { "99.9" = "1", "không số" = "2" }')
        folder = make_portfolio(tmp_path, toml)
        p = Portfolio.load(folder, strict=False)
        text = "\n".join(map(str, p.problems))
        assert "serves: no task 99.9 in this plan" in text
        assert "serves: no task không số in this plan" in text
        # 22/KH-UBND is a reference, known without tasks: nothing is said about its side.
        assert "in plan 'ubnd-22-2025'" not in text

    def test_missing_progress_file(self, tmp_path: Path) -> None:
        toml = example_toml().replace(
            'progress = ["progress-minh-hoa-2025-Q4.csv"]',
            'progress = ["progress-minh-hoa-2025-Q4.csv", "khong-co.csv"]',
        )
        text = self.problems(tmp_path, toml)
        assert "khong-co.csv" in text
        assert "a progress file of plan 'so-hoa-2025' has errors" in text

    def test_progress_file_with_errors(self, tmp_path: Path) -> None:
        folder = make_portfolio(tmp_path)
        csv = folder / "progress-minh-hoa-2025-Q4.csv"
        lines = csv.read_text(encoding="utf-8").splitlines()
        csv.write_text("\n".join([*lines, "99.9" + lines[-1][lines[-1].index(",") :]]) + "\n")
        with pytest.raises(PortfolioInvalid) as info:
            Portfolio.load(folder)
        text = "\n".join(map(str, info.value.problems))
        assert "progress-minh-hoa-2025-Q4.csv" in text
        assert "a progress file of plan 'so-hoa-2025' has errors" in text


class TestLookups:
    def test_unit_id_by_id_name_and_case(self, portfolio: Portfolio) -> None:
        for u in portfolio.units:
            assert portfolio.unit_id(u.id) == u.id
            assert portfolio.unit_id(u.name.upper()) == u.id
            assert portfolio.unit_id(f"  {u.name.lower()} ") in (u.id, portfolio.unit_id(u.id))

    def test_unknown_unit_lists_ids_and_a_near_one(self, portfolio: Portfolio) -> None:
        with pytest.raises(PortfolioError) as info:
            portfolio.unit_id("cdss")
        msg = str(info.value)
        assert "did you mean 'cds'?" in msg
        for u in portfolio.units:
            assert u.id in msg
        with pytest.raises(PortfolioError) as far:
            portfolio.unit_id("zzzzzzzz")
        assert "did you mean" not in str(far.value)

    def test_entry_unknown_plan(self, portfolio: Portfolio) -> None:
        with pytest.raises(KeyError):
            portfolio.entry("khong-co")

    def test_progress_for_a_period_without_one(self, portfolio: Portfolio) -> None:
        e = portfolio.entry("kiem-soat-tthc-2025")
        assert e.progress_for(Period.parse("2025-Q1")) is None
        got = e.progress_for(Q4)
        assert got is not None
        assert got.period == Q4

    def test_label_and_number_of_a_plan_that_failed(self, tmp_path: Path) -> None:
        folder = make_portfolio(tmp_path)
        (folder / "ke-hoach-minh-hoa.toml").write_text("không phải TOML", encoding="utf-8")
        p = Portfolio.load(folder, strict=False)
        e = p.entry("so-hoa-2025")
        assert e.plan is None
        assert e.label == "so-hoa-2025"
        assert e.number == ""
        # A member without content is left out of the agenda, the roll-up and the units.
        assert all(i.plan != "so-hoa-2025" for i in p.agenda(as_of=AS_OF))
        assert "so-hoa-2025" not in p.reports(Q4, as_of=AS_OF)
        plans, _ = p.rollup(Q4, as_of=AS_OF)
        assert [f.plan for f in plans] == ["kiem-soat-tthc-2025"]


class TestAgendaFilters:
    def test_window_outside_every_plan(self, portfolio: Portfolio) -> None:
        assert portfolio.agenda(as_of=AS_OF, start=date(2030, 1, 1), end=date(2030, 12, 31)) == ()

    def test_window_keeps_only_its_days(self, portfolio: Portfolio) -> None:
        start, end = date(2025, 12, 1), date(2025, 12, 31)
        items = portfolio.agenda(as_of=AS_OF, start=start, end=end)
        everything = portfolio.agenda(as_of=AS_OF)
        assert items
        assert len(items) < len(everything)
        assert all(start <= i.due <= end for i in items if i.due is not None)

    def test_unit_of_one_plan_only(self, portfolio: Portfolio) -> None:
        """A unit that no task of a plan names gets nothing from that plan."""
        for u in portfolio.units:
            items = portfolio.agenda(as_of=AS_OF, unit=u.id)
            for i in items:
                e = portfolio.entry(i.plan)
                assert e.plan is not None
                local = set(e.local_ids(u.id))
                assert local & set(i.occurrence.task.lead + i.occurrence.task.support)

    def test_late_items_for_a_unit_are_its_lead_tasks(self, portfolio: Portfolio) -> None:
        every = portfolio.late_items(Q4, as_of=AS_OF)
        assert every
        for u in portfolio.units:
            mine = portfolio.late_items(Q4, as_of=AS_OF, unit=u.id)
            assert mine == [x for x in every if u.id in x.units]

    def test_no_report_before_the_cutoff(self, portfolio: Portfolio) -> None:
        first = Q4.cutoff().start
        assert portfolio.reports(Q4, as_of=first - timedelta(days=1)) == {}
        assert set(portfolio.reports(Q4, as_of=first)) == {e.id for e in portfolio.plans}


def _rewrite(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` (of the same length in bytes) and put the file's
    modification time back: an edit that size and mtime alone would not see."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


class TestReload:
    """Reloading a folder reuses the plans and progress files already read, by their
    content: an edited file is always read again."""

    def test_edited_plan_is_seen(self, tmp_path: Path) -> None:
        folder = make_portfolio(tmp_path)
        first = Portfolio.load(folder)
        first.agenda(as_of=AS_OF)  # its schedules are kept with the plan
        _rewrite(folder / "ke-hoach-minh-hoa.toml", "15/10/2025", "16/10/2025")
        again = Portfolio.load(folder)
        plan = again.entry("so-hoa-2025").plan
        assert plan is not None
        assert plan == load_plan(folder / "ke-hoach-minh-hoa.toml")
        assert plan != first.entry("so-hoa-2025").plan
        dues = {i.due for i in again.agenda(as_of=AS_OF) if i.plan == "so-hoa-2025"}
        assert date(2025, 10, 16) in dues
        assert date(2025, 10, 15) not in dues

    def test_edited_progress_is_seen(self, tmp_path: Path) -> None:
        folder = make_portfolio(tmp_path)
        csv = folder / "progress-minh-hoa-2025-Q4.csv"
        loaded = Portfolio.load(folder)
        before = loaded.reports(Q4, as_of=AS_OF)["so-hoa-2025"]  # kept with the plan
        first = loaded.entry("so-hoa-2025")
        _rewrite(csv, "28/11/2025", "29/11/2025")
        again = Portfolio.load(folder)
        entry = again.entry("so-hoa-2025")
        assert entry.plan is not None
        progress = load_progress(csv, entry.plan)
        assert entry.progress[-1] == progress
        assert entry.progress[-1] != first.progress[-1]
        report = again.reports(Q4, as_of=AS_OF)["so-hoa-2025"]
        assert report == Report(plan=entry.plan, period=Q4, progress=progress, as_of=AS_OF)
        assert report != before

    def test_progress_is_read_again_against_an_edited_plan(self, tmp_path: Path) -> None:
        """The same progress file, unchanged, is checked again when its plan changes."""
        folder = make_portfolio(tmp_path)
        assert not Portfolio.load(folder).problems
        _rewrite(folder / "ke-hoach-minh-hoa.toml", '"999/KH-SKHCN"', '"998/KH-SKHCN"')
        again = Portfolio.load(folder, strict=False)
        assert again.entry("so-hoa-2025").plan is None
        assert any("progress-minh-hoa-2025-Q4.csv" in str(p) for p in again.problems)

    def test_plan_turned_invalid_is_reported(self, tmp_path: Path) -> None:
        folder = make_portfolio(tmp_path)
        Portfolio.load(folder)
        _rewrite(folder / "ke-hoach-minh-hoa.toml", 'lead = ["vp"]', 'lead = ["xx"]')
        with pytest.raises(PortfolioInvalid, match="unknown lead unit id 'xx'"):
            Portfolio.load(folder)

    def test_reload_equals_a_first_load(self, tmp_path: Path) -> None:
        """Schedules and reports kept with the plans are the ones worked out afresh, for
        every day and period asked, in any order."""
        folder = make_portfolio(tmp_path)
        core._cache.clear()
        first = Portfolio.load(folder, strict=False)
        # No progress file is for October: every task of it is not reported.
        asked = [(day, q) for day in (AS_OF, date(2026, 1, 20)) for q in (Q4, Q3, OCT)]
        for day, q in asked:
            first.agenda(as_of=day)
            first.rollup(q, as_of=day)
        again = Portfolio.load(folder, strict=False)
        assert again == first
        # A copy of the portfolio keeps nothing: it works everything out afresh.
        afresh = attrs.evolve(again)
        for day, q in [(date(2025, 11, 3), Q4), *reversed(asked)]:
            assert again.agenda(as_of=day) == afresh.agenda(as_of=day)
            assert again.rollup(q, as_of=day) == afresh.rollup(q, as_of=day)
            assert again.late_items(q, as_of=day) == afresh.late_items(q, as_of=day)

    def test_progress_changed_while_read_is_not_kept(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A progress file edited between the digest and the read is not kept under the
        digest of what it held before, which a later load would find."""
        folder = make_portfolio(tmp_path)
        csv = folder / "progress-minh-hoa-2025-Q4.csv"
        original = csv.read_text(encoding="utf-8")
        real = core.read_progress
        raced: list[Path] = []

        def racing(file: Path, plan: Plan) -> object:
            if file.name == csv.name and not raced:
                raced.append(file)
                csv.write_text(original.replace("28/11/2025", "29/11/2025"), encoding="utf-8")
            return real(file, plan)

        monkeypatch.setattr(core, "read_progress", racing)
        core._cache.clear()
        Portfolio.load(folder)
        assert raced
        csv.write_text(original, encoding="utf-8")
        entry = Portfolio.load(folder).entry("so-hoa-2025")
        assert entry.plan is not None
        assert entry.progress[-1] == load_progress(csv, entry.plan)

    def test_oldest_dropped_beyond_the_limit(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(core, "_CACHE_SIZE", 2)
        folder = make_portfolio(tmp_path)
        core._cache.clear()
        first = Portfolio.load(folder)
        assert len(core._cache) == 2
        again = Portfolio.load(folder)
        assert again == first
        assert again.rollup(Q4, as_of=AS_OF) == attrs.evolve(again).rollup(Q4, as_of=AS_OF)


def test_agenda_order_is_due_day_plan_task(portfolio: Portfolio) -> None:
    """Undated items last; then by due day, plan id and task number, a task's own items
    in its schedule's order."""
    items = portfolio.agenda(as_of=AS_OF)
    assert len({i.plan for i in items}) == 2
    assert any(i.due is None for i in items)

    def key(i: AgendaItem) -> tuple[bool, date, str, tuple[int, ...]]:
        return (i.due is None, i.due or date.min, i.plan, i.occurrence.task.number.parts)

    assert list(items) == sorted(items, key=key)
    for e in portfolio.plans:
        assert e.plan is not None
        own = list(e.plan.schedule(as_of=AS_OF))
        mine = [i.occurrence for i in items if i.plan == e.id]
        assert sorted(own, key=lambda o: (o.due is None, o.due or date.min)) == mine


class TestClearCache:
    """The content cache can be emptied."""

    def test_clear_cache_drops_what_is_kept(self, tmp_path: Path) -> None:
        folder = make_portfolio(tmp_path)
        first = Portfolio.load(folder)
        first.rollup(Q4, as_of=AS_OF)
        assert core._cache
        clear_cache()
        assert not core._cache
        again = Portfolio.load(folder)
        assert again == first
        # Parsed afresh, not found: new objects equal to the old ones.
        for old, new in zip(first.plans, again.plans, strict=True):
            assert new.plan == old.plan
            assert new.plan is not old.plan
        assert again.rollup(Q4, as_of=AS_OF) == first.rollup(Q4, as_of=AS_OF)

    def test_collector_paused_while_building_and_resumed(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The garbage collector is off while plans are read and on again afterwards, also
        after an error; a caller that paused it finds it still paused."""
        import gc

        folder = make_portfolio(tmp_path)
        seen: list[bool] = []
        real = core._read_plan

        def reading(file: Path) -> object:
            seen.append(gc.isenabled())
            return real(file)

        monkeypatch.setattr(core, "_read_plan", reading)
        clear_cache()
        assert gc.isenabled()
        p = Portfolio.load(folder)
        p.agenda(as_of=AS_OF)
        p.rollup(Q4, as_of=AS_OF)
        assert seen == [False, False]
        assert gc.isenabled()
        _rewrite(folder / "ke-hoach-minh-hoa.toml", 'lead = ["vp"]', 'lead = ["xx"]')
        with pytest.raises(PortfolioInvalid):
            Portfolio.load(folder)
        assert gc.isenabled()
        gc.disable()
        try:
            Portfolio.load(folder, strict=False)
            assert not gc.isenabled()
        finally:
            gc.enable()

    def test_what_was_made_while_paused_goes_to_the_oldest_generation(self) -> None:
        """Objects made while the collector was paused are handed to its oldest generation
        (not walked by the young collections), a reference cycle among them is still
        freed, and objects the application froze stay frozen."""
        import gc
        import weakref

        class Node:
            other: Node

        # The process may have frozen objects already (mutation runs freeze them before
        # forking each mutant's tests): the first half needs none frozen.
        was_frozen = gc.get_freeze_count() > 0
        gc.unfreeze()
        with core._gc_paused():
            a, b = Node(), Node()
            a.other, b.other = b, a
            ref = weakref.ref(a)
        assert gc.isenabled()
        assert not any(o is a for o in gc.get_objects(generation=0))
        assert not any(o is a for o in gc.get_objects(generation=1))
        assert any(o is a for o in gc.get_objects(generation=2))
        del a, b
        assert ref() is not None  # a cycle: only the collector frees it
        gc.collect()
        assert ref() is None

        gc.freeze()  # as an application does before forking
        try:
            frozen = gc.get_freeze_count()
            with core._gc_paused():
                made = Node()
            assert gc.get_freeze_count() == frozen
            assert not any(o is made for o in gc.get_objects(generation=2))
        finally:
            gc.unfreeze()
            if was_frozen:
                gc.freeze()
