"""Limits that keep a command from running away: plan size, dates on the command line,
and the encoding of text files from other programs.

Issue "Hardening", items 10 (a period up to 9999, a NUL byte read as UTF-16) and 11
(rendering 100,000 tasks took 1.56 GB).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kh_tthc import (
    DateSpan,
    DocumentNumber,
    IssueDate,
    LimitExceeded,
    Organization,
    Plan,
    Signer,
    Task,
    TaskNumber,
    render_plan,
)
from kh_tthc.cli import main
from kh_tthc.io.source import text_encoding
from kh_tthc.render.docx import MAX_RENDER_ROWS
from tests.conftest import SEED_PLAN


def _plan(rows: int) -> Plan:
    return Plan(
        issuer=Organization(name="Sở Thử", abbreviation="ST", place="Hà Nội"),
        number=DocumentNumber(type_code="KH", issuer_code="ST"),
        issued=IssueDate(year=2025),
        title="Kế hoạch thử (ví dụ dựng sẵn, không phải văn bản thật)",
        period=DateSpan(start=date(2025, 1, 1), end=date(2025, 12, 31)),
        signer=Signer(title="Giám đốc", name="A"),
        tasks=tuple(Task(number=TaskNumber((i,)), title="Việc") for i in range(1, rows + 1)),
    )


class TestRenderSize:
    def test_above_the_limit_is_refused_before_work(self, tmp_path: Path) -> None:
        """One row more than the limit: LimitExceeded naming both numbers, no file."""
        out = tmp_path / "big.docx"
        with pytest.raises(LimitExceeded) as caught:
            render_plan(_plan(MAX_RENDER_ROWS + 1), out)
        assert f"{MAX_RENDER_ROWS + 1:,} rows" in str(caught.value)
        assert f"at most {MAX_RENDER_ROWS:,}" in str(caught.value)
        assert not out.exists()

    def test_the_limit_is_above_20000(self) -> None:
        """The issue's floor: plans of 20,000 tasks must render (measured in benchmarks/)."""
        assert MAX_RENDER_ROWS >= 20_000


class TestCommandLineDates:
    @pytest.mark.parametrize(
        "argv",
        [
            ["--from", "0001-01-01", "--to", "9999-12-31"],
            ["--as-of", "9999-12-31"],
            ["--from", "01/01/1800"],
        ],
    )
    def test_outside_the_calendar(
        self, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        """Dates outside 1901–2100 on the command line: exit 2, not OverflowError."""
        assert main(["schedule", str(SEED_PLAN), *argv]) == 2
        err = capsys.readouterr().err
        assert "outside 1901–2100" in err
        assert "Traceback" not in err


class TestEncoding:
    def test_nul_in_utf8_is_not_utf16(self) -> None:
        """A stray NUL in a UTF-8 CSV leaves it UTF-8 (the reader then refuses the NUL)."""
        data = "STT,Nội dung\n1,Rà soát\x00 thủ tục\n".encode()
        assert text_encoding(data) == "utf-8"

    @pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
    def test_real_utf16_without_a_mark(self, codec: str) -> None:
        data = "STT\tNội dung công việc\n1\tRà soát\n".encode(codec)
        assert text_encoding(data) == codec

    def test_nul_in_a_progress_csv_names_the_line(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        progress = tmp_path / "q4.csv"
        progress.write_bytes(b"task,unit,status\n1.1,vp,done\x00\n")
        code = main(
            [
                "report",
                str(SEED_PLAN),
                str(progress),
                "--period",
                "2025-Q4",
                "--as-of",
                "2025-12-15",
                "-o",
                str(tmp_path / "r.json"),
            ]
        )
        err = capsys.readouterr().err
        assert code == 1
        assert "q4.csv:2:" in err
        assert "control character (U+0000)" in err
