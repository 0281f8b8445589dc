"""The schedule's exports, byte for byte: iCalendar, text table, CSV, JSON and HTML.

One small illustrative plan (not an agency's: the tasks, units and titles are made up for
these tests), 01/10/2025–31/12/2025, seen on Tuesday 14/10/2025. Its four tasks give one
occurrence of each shape an export treats differently:

* task 2, "Ngày 11/10/2025": a Saturday, so a date on a day off; one lead, one supporting
  unit; overdue;
* task 1, "Ngày 13/10/2025": a Monday; two lead units, no support; overdue;
* task 3, "Định kỳ hàng quý": the Q4/2025 report, due 16/12/2025 (cut-off Sunday 14/12,
  two working days later, Nghị định 09/2019/NĐ-CP, Điều 12); supported by two units, with no lead;
* task 4, "Khi có phát sinh": undated, listed last.

Every expected text below is written out by hand from those facts.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date

import attrs
import pytest

import kh_tthc.schedule as schedule_module
from kh_tthc import (
    DateSpan,
    DocumentNumber,
    IssueDate,
    Organization,
    Plan,
    Signer,
    Task,
    TaskNumber,
    Unit,
    parse_deadline,
)
from kh_tthc.schedule import Schedule, to_csv, to_ics, to_json, to_table

AS_OF = date(2025, 10, 14)
TITLE_34 = "Rà soát, cập nhật quy trình nội bộ"  # 34 characters
TITLE_35 = "Công bố danh mục thủ tục hành chính"  # 35 characters


def make_plan(
    abbreviation: str = "Sở KHCN",
    titles: tuple[str, ...] = ("Nhiệm vụ 1", "Nhiệm vụ 2", "Nhiệm vụ 3", "Nhiệm vụ 4"),
    units: tuple[Unit, ...] = (
        Unit(id="vp", name="Văn phòng Sở"),
        Unit(id="cds", name="Phòng Chuyển đổi số"),
    ),
) -> Plan:
    """The illustrative plan of this module (see its docstring)."""
    rows = [
        ("1", "Ngày 13/10/2025", ("vp", "cds"), ()),
        ("2", "Ngày 11/10/2025", ("vp",), ("cds",)),
        ("3", "Định kỳ hàng quý", (), ("vp", "cds")),
        ("4", "Khi có phát sinh", ("cds",), ()),
    ]
    return Plan(
        issuer=Organization(
            name="Sở Khoa học và Công nghệ", abbreviation=abbreviation, place="Huế"
        ),
        number=DocumentNumber(type_code="KH", issuer_code="SKHCN", number=12),
        issued=IssueDate(year=2025, month=8, day=5),
        title="Kế hoạch thử",
        period=DateSpan(start=date(2025, 10, 1), end=date(2025, 12, 31)),
        signer=Signer(title="Giám đốc", name="Nguyễn Văn A"),
        units=units,
        tasks=tuple(
            Task(
                number=TaskNumber.parse(number),
                title=title,
                lead=lead,
                support=support,
                deadline=parse_deadline(phrase),
            )
            for (number, phrase, lead, support), title in zip(rows, titles, strict=True)
        ),
    )


def agenda(**kwargs: object) -> Schedule:
    return make_plan(**kwargs).schedule(as_of=AS_OF)  # type: ignore[arg-type]


def unfolded(ics: bytes) -> list[str]:
    """The content lines of an iCalendar file, long lines unfolded (RFC 5545, 3.1)."""
    text = ics.decode("utf-8")
    assert text.endswith("\r\n")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


ICS_EVENTS = [
    "BEGIN:VEVENT",
    "SUMMARY:2 Nhiệm vụ 2",
    "DTSTART;VALUE=DATE:20251011",
    "DTSTAMP:20251014T000000Z",
    "UID:2-by_date-2025-10-11-2025-10-11@so-khcn.kh-tthc",
    "CATEGORIES:Văn phòng Sở",
    "DESCRIPTION:Chủ trì: Văn phòng Sở\\nPhối hợp/theo dõi: Phòng Chuyển đổi số"
    "\\nThời gian hoàn thành: Ngày 11/10/2025"
    "\\nNgày nghỉ: thời hạn giữ nguyên như kế hoạch ghi.",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "SUMMARY:1 Nhiệm vụ 1",
    "DTSTART;VALUE=DATE:20251013",
    "DTSTAMP:20251014T000000Z",
    "UID:1-by_date-2025-10-13-2025-10-13@so-khcn.kh-tthc",
    "CATEGORIES:Văn phòng Sở,Phòng Chuyển đổi số",
    "DESCRIPTION:Chủ trì: Văn phòng Sở\\; Phòng Chuyển đổi số"
    "\\nThời gian hoàn thành: Ngày 13/10/2025",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "SUMMARY:3 Nhiệm vụ 3 – Quý IV/2025",
    "DTSTART;VALUE=DATE:20251216",
    "DTSTAMP:20251014T000000Z",
    "UID:3-periodic-2025-Q4-2025-12-16@so-khcn.kh-tthc",
    "DESCRIPTION:Phối hợp/theo dõi: Văn phòng Sở\\; Phòng Chuyển đổi số"
    "\\nThời gian hoàn thành: Định kỳ hàng quý",
    "END:VEVENT",
]


class TestIcs:
    def test_whole_file(self) -> None:
        """Calendar properties, then one event per dated occurrence in agenda order: the
        summary with the label after " – " when there is one, DTSTAMP at midnight UTC of
        as_of, the UID from number, kind, period code (else the date) and the issuer's
        folded abbreviation, lead names as categories (none without a lead), and the
        description's lines (lead, support, completion time, day-off note) in that order,
        with ";" escaped as RFC 5545 asks; the undated task 4 is left out."""
        assert unfolded(to_ics(agenda())) == [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//kh-tthc//schedule//VI",
            "X-WR-CALNAME:Kế hoạch 12/KH-SKHCN",
            *ICS_EVENTS,
            "END:VCALENDAR",
        ]

    def test_method_is_the_function(self) -> None:
        schedule = agenda()
        assert schedule.to_ics() == to_ics(schedule)

    def test_issuer_without_abbreviation(self) -> None:
        """An issuer with no abbreviation gives UIDs ending "@plan.kh-tthc"."""
        uids = [ln for ln in unfolded(to_ics(agenda(abbreviation=""))) if ln.startswith("UID")]
        assert uids == [
            "UID:2-by_date-2025-10-11-2025-10-11@plan.kh-tthc",
            "UID:1-by_date-2025-10-13-2025-10-13@plan.kh-tthc",
            "UID:3-periodic-2025-Q4-2025-12-16@plan.kh-tthc",
        ]

    def test_undated_occurrences_are_skipped_wherever_they_are(self) -> None:
        """An undated occurrence is skipped, not taken for the end of the dated ones: a
        schedule put together in another order still lists every dated occurrence."""
        schedule = agenda()
        reordered = attrs.evolve(schedule, occurrences=schedule.occurrences[::-1])
        summaries = [ln for ln in unfolded(to_ics(reordered)) if ln.startswith("SUMMARY")]
        assert summaries == [
            "SUMMARY:3 Nhiệm vụ 3 – Quý IV/2025",
            "SUMMARY:1 Nhiệm vụ 1",
            "SUMMARY:2 Nhiệm vụ 2",
        ]


TABLE = """\
Lịch thực hiện từ 01/10/2025 đến 31/12/2025 (tính đến ngày 14/10/2025)

Hạn          Trạng thái     STT  Kỳ           Chủ trì                       Nội dung
-----------  -------------  ---  -----------  ----------------------------  ---------
11/10/2025*  Quá hạn        2                 Văn phòng Sở                  Nhiệm vụ 2
13/10/2025   Quá hạn        1                 Văn phòng Sở; Phòng Chuyển …  Nhiệm vụ 1
16/12/2025   Chưa đến hạn   3    Quý IV/2025                                Nhiệm vụ 3
             Khi phát sinh  4                 Phòng Chuyển đổi số           Nhiệm vụ 4

* ngày nghỉ: thời hạn giữ nguyên như kế hoạch ghi
"""


class TestTable:
    def test_whole_table(self) -> None:
        """Columns left-aligned, two spaces apart, as wide as their widest cell; a day off
        starred and explained under the table; an undated row's date left blank."""
        assert to_table(agenda()) == TABLE

    def test_no_day_off_no_note(self) -> None:
        """Without a date on a day off there is no star and no note."""
        schedule = agenda()
        kept = attrs.evolve(schedule, occurrences=tuple(o for o in schedule if not o.on_day_off))
        text = to_table(kept)
        assert "*" not in text
        assert text.endswith("Nhiệm vụ 4\n")

    def test_empty(self) -> None:
        """A schedule with no occurrence says so under the header."""
        schedule = agenda()
        empty = attrs.evolve(schedule, occurrences=())
        assert to_table(empty) == (
            "Lịch thực hiện từ 01/10/2025 đến 31/12/2025 (tính đến ngày 14/10/2025)\n"
            "\n"
            "Hạn  Trạng thái  STT  Kỳ  Chủ trì  Nội dung\n"
            "---  ----------  ---  --  -------  ---------\n"
            "(không có nhiệm vụ nào)\n"
        )

    def test_lead_of_28_characters_is_whole(self) -> None:
        """A lead of exactly 28 characters fits its column; one more is cut."""
        units = (Unit(id="vp", name="Văn phòng Sở"), Unit(id="cds", name="Phòng Kế hoạch"))
        text = to_table(agenda(units=units))
        assert (
            "13/10/2025   Quá hạn        1                 Văn phòng Sở; Phòng Kế hoạch  " in text
        )

    def test_title_width_is_what_the_other_columns_leave(self) -> None:
        """The other columns take 66 characters and 2 spaces after each (76): of the
        default width 110, 34 are left for the title; a longer title is cut to 33 and "…"."""
        titles = (TITLE_34, TITLE_35, "Nhiệm vụ 3", "Nhiệm vụ 4")
        schedule = agenda(titles=titles)
        for text in (to_table(schedule), schedule.to_table()):
            lines = text.splitlines()
            assert lines[4].endswith("  Công bố danh mục thủ tục hành chí…")
            assert lines[5].endswith("  Rà soát, cập nhật quy trình nội bộ")

    def test_title_keeps_at_least_20_characters(self) -> None:
        """In a narrow table (80: 4 left) the title still gets 20 characters."""
        titles = (TITLE_34, TITLE_35, "Nhiệm vụ 3", "Nhiệm vụ 4")
        schedule = agenda(titles=titles)
        for text in (to_table(schedule, width=80), schedule.to_table(width=80)):
            lines = text.splitlines()
            assert lines[4].endswith("  Công bố danh mục th…")
            assert lines[5].endswith("  Rà soát, cập nhật q…")
            assert len(lines[5]) == 76 + 20


CSV = """\
task,title,lead,due,kind,period,status
2,Nhiệm vụ 2,Văn phòng Sở,2025-10-11,by_date,,overdue
1,Nhiệm vụ 1,Văn phòng Sở; Phòng Chuyển đổi số,2025-10-13,by_date,,overdue
3,Nhiệm vụ 3,,2025-12-16,periodic,2025-Q4,upcoming
4,Nhiệm vụ 4,Phòng Chuyển đổi số,,on_event,,on_event
"""


class TestCsvJson:
    def test_csv(self) -> None:
        """A None (no date, no period) is an empty cell; leads joined by "; "."""
        schedule = agenda()
        assert to_csv(schedule) == CSV
        assert schedule.to_csv() == CSV
        assert schedule.export("csv") == CSV

    def test_json(self) -> None:
        """No period and no label is null, not an empty text."""
        data = json.loads(to_json(agenda()))
        assert [(d["task"], d["due"], d["period"]) for d in data] == [
            ("2", "2025-10-11", None),
            ("1", "2025-10-13", None),
            ("3", "2025-12-16", "2025-Q4"),
            ("4", None, None),
        ]
        assert data[1] == {
            "task": "1",
            "title": "Nhiệm vụ 1",
            "lead": ["Văn phòng Sở", "Phòng Chuyển đổi số"],
            "due": "2025-10-13",
            "kind": "by_date",
            "period": None,
            "status": "overdue",
        }

    def test_export_by_name(self) -> None:
        schedule = agenda()
        assert schedule.export("table") == TABLE
        assert schedule.export("json") == to_json(schedule)
        assert schedule.export("ics") == to_ics(schedule)

    def test_export_unknown_format(self) -> None:
        """The message names the argument and lists the formats."""
        with pytest.raises(ValueError, match=r"^format must be") as info:
            agenda().export("pdf")
        assert str(info.value) == "format must be one of 'table', 'csv', 'json', 'ics', not 'pdf'"


class TestRecords:
    def test_records_warns_and_gives_the_json_rows(self) -> None:
        """The deprecated records() warns, pointing at its caller, and gives the rows of
        the JSON export."""
        schedule = agenda()
        with pytest.warns(DeprecationWarning, match="deprecated") as caught:
            rows = schedule.records()
        assert [str(w.message) for w in caught] == [
            "Schedule.records() is deprecated: use Schedule.to_records(), whose 'due' is a "
            "date, or Schedule.to_json()"
        ]
        # The warning points past schedule.py, at the caller: this file; under mutmut, whose
        # trampoline stands between caller and method, at the trampoline.
        assert caught[0].filename != schedule_module.__file__
        if "MUTANT_UNDER_TEST" not in os.environ:
            assert caught[0].filename == __file__
        assert rows == json.loads(to_json(schedule))

    def test_to_frame_without_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, to_frame says which method needs it and how to install it."""
        monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` fails
        with pytest.raises(ModuleNotFoundError) as info:
            agenda().to_frame()
        assert str(info.value) == ("Schedule.to_frame needs pandas: pip install 'kh-tthc[pandas]'")


HTML = (
    "<table><caption>Lịch thực hiện từ 01/10/2025 đến 31/12/2025 (tính đến ngày 14/10/2025)"
    "</caption><thead><tr><th>Hạn</th><th>Trạng thái</th><th>STT</th><th>Kỳ</th>"
    "<th>Chủ trì</th><th>Nội dung</th></tr></thead><tbody>"
    "<tr><td>11/10/2025</td><td>Quá hạn</td><td>2</td><td></td><td>Văn phòng Sở</td>"
    "<td>Nhiệm vụ 2</td></tr>"
    "<tr><td>13/10/2025</td><td>Quá hạn</td><td>1</td><td></td>"
    "<td>Văn phòng Sở; Phòng Chuyển đổi số</td><td>Nhiệm vụ 1</td></tr>"
    "<tr><td>16/12/2025</td><td>Chưa đến hạn</td><td>3</td><td>Quý IV/2025</td><td></td>"
    "<td>Nhiệm vụ 3</td></tr>"
    "<tr><td></td><td>Khi phát sinh</td><td>4</td><td></td><td>Phòng Chuyển đổi số</td>"
    "<td>Nhiệm vụ 4</td></tr>"
    "</tbody></table>"
)


class TestHtml:
    def test_whole_table(self) -> None:
        """Jupyter's table: caption, Vietnamese headers, one row per occurrence."""
        assert agenda()._repr_html_() == HTML

    def test_text_is_escaped(self) -> None:
        titles = ("A <b> & B", "Nhiệm vụ 2", "Nhiệm vụ 3", "Nhiệm vụ 4")
        assert "<td>A &lt;b&gt; &amp; B</td>" in agenda(titles=titles)._repr_html_()


class TestToRecords:
    def test_every_key(self) -> None:
        """One dict per occurrence with ids and names of lead and support units, the due day
        as a date, the period's code and label, the status code and the day-off flag."""
        common = {"kind": "by_date", "period": None, "label": "", "status": "overdue"}
        assert agenda().to_records() == [
            {
                "number": "2",
                "title": "Nhiệm vụ 2",
                "lead_ids": ["vp"],
                "lead": ["Văn phòng Sở"],
                "support_ids": ["cds"],
                "support": ["Phòng Chuyển đổi số"],
                "due": date(2025, 10, 11),
                **common,
                "on_day_off": True,
            },
            {
                "number": "1",
                "title": "Nhiệm vụ 1",
                "lead_ids": ["vp", "cds"],
                "lead": ["Văn phòng Sở", "Phòng Chuyển đổi số"],
                "support_ids": [],
                "support": [],
                "due": date(2025, 10, 13),
                **common,
                "on_day_off": False,
            },
            {
                "number": "3",
                "title": "Nhiệm vụ 3",
                "lead_ids": [],
                "lead": [],
                "support_ids": ["vp", "cds"],
                "support": ["Văn phòng Sở", "Phòng Chuyển đổi số"],
                "due": date(2025, 12, 16),
                "kind": "periodic",
                "period": "2025-Q4",
                "label": "Quý IV/2025",
                "status": "upcoming",
                "on_day_off": False,
            },
            {
                "number": "4",
                "title": "Nhiệm vụ 4",
                "lead_ids": ["cds"],
                "lead": ["Phòng Chuyển đổi số"],
                "support_ids": [],
                "support": [],
                "due": None,
                "kind": "on_event",
                "period": None,
                "label": "",
                "status": "on_event",
                "on_day_off": False,
            },
        ]

    def test_iteration_and_length(self) -> None:
        schedule = agenda()
        assert len(schedule) == 4
        assert [str(o.task.number) for o in schedule] == ["2", "1", "3", "4"]
