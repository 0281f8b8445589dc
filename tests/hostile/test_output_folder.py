"""The folder door: a site of many files is written as a whole (io/output.py output_folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kh_tthc.errors import OutputRefused, OutputUnwritable
from kh_tthc.io.output import output_folder


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _previous_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "plans").mkdir(parents=True)
    (site / "index.html").write_text("cũ", encoding="utf-8")
    (site / "plans" / "p1.html").write_text("kế hoạch cũ", encoding="utf-8")
    return site


def test_a_failure_midway_leaves_the_previous_folder_and_no_temporary_folder(
    tmp_path: Path,
) -> None:
    site = _previous_site(tmp_path)
    before = _tree(site)

    def half_written() -> None:
        with output_folder(site) as tmp:
            (tmp / "index.html").write_text("mới", encoding="utf-8")
            raise RuntimeError("hỏng giữa chừng")

    with pytest.raises(RuntimeError, match="hỏng giữa chừng"):
        half_written()
    assert _tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_new_folder_replaces_the_old_and_keeps_the_users_own_files(tmp_path: Path) -> None:
    site = _previous_site(tmp_path)
    (site / "ghi-chu.txt").write_text("của người dùng", encoding="utf-8")
    with output_folder(site) as tmp:
        assert tmp.parent == site.parent
        assert tmp != site
        (tmp / "plans").mkdir()
        (tmp / "index.html").write_text("mới", encoding="utf-8")
        (tmp / "plans" / "p2.html").write_text("kế hoạch mới", encoding="utf-8")
        assert (site / "index.html").read_text(encoding="utf-8") == "cũ"  # not seen before the end
    assert _tree(site) == {
        "ghi-chu.txt": "của người dùng".encode(),
        "index.html": "mới".encode(),
        os.path.join("plans", "p1.html"): "kế hoạch cũ".encode(),
        os.path.join("plans", "p2.html"): "kế hoạch mới".encode(),
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_new_folder_is_made(tmp_path: Path) -> None:
    with output_folder(tmp_path / "a" / "site") as tmp:
        (tmp / "index.html").write_bytes(b"x")
    assert _tree(tmp_path / "a" / "site") == {"index.html": b"x"}
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["site"]


def test_refuses_a_folder_that_holds_an_input(tmp_path: Path) -> None:
    site = _previous_site(tmp_path)
    plan = site / "plans" / "plan.toml"
    plan.write_text('title = "x"', encoding="utf-8")
    before = _tree(site)
    with pytest.raises(OutputRefused, match="holds an input"), output_folder(site, inputs=[plan]):
        pytest.fail("the block must not run")
    assert _tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_refuses_an_input_that_appears_while_the_block_runs(tmp_path: Path) -> None:
    site = _previous_site(tmp_path)
    before = _tree(site)
    with pytest.raises(OutputRefused), output_folder(site, inputs=[site]) as tmp:
        (tmp / "index.html").write_bytes(b"x")
    assert _tree(site) == before


def test_refuses_a_file_in_place_of_the_folder(tmp_path: Path) -> None:
    (tmp_path / "site").write_bytes(b"a file")
    with pytest.raises(OutputUnwritable, match="it is a file"), output_folder(tmp_path / "site"):
        pytest.fail("the block must not run")
    assert (tmp_path / "site").read_bytes() == b"a file"


@settings(max_examples=25, deadline=None)
@given(
    names=st.lists(st.sampled_from(["a.html", "b.html", "c.ics", "d"]), unique=True),
    fail=st.booleans(),
)
def test_after_any_run_the_folder_is_either_the_old_or_the_new(
    tmp_path_factory: pytest.TempPathFactory, names: list[str], fail: bool
) -> None:
    root = tmp_path_factory.mktemp("runs")
    site = _previous_site(root)
    before = _tree(site)
    try:
        with output_folder(site) as tmp:
            for n in names:
                (tmp / n).write_text(n, encoding="utf-8")
            if fail:
                raise ValueError("hỏng")
    except ValueError:
        pass
    after = _tree(site)
    if fail:
        assert after == before
    else:
        assert after == {**before, **{n: n.encode() for n in names}}
    assert sorted(p.name for p in root.iterdir()) == ["site"]


def test_without_syncfs_each_file_is_flushed_and_the_folder_still_swapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kh_tthc.io.output as door

    flushed: list[str] = []
    real = door._fsync_file
    monkeypatch.setattr(door, "_syncfs", lambda root: False)  # a system without syncfs
    monkeypatch.setattr(door, "_fsync_file", lambda p: (flushed.append(p.name), real(p)))
    site = _previous_site(tmp_path)
    with output_folder(site) as tmp:
        (tmp / "index.html").write_bytes(b"new")
        (tmp / "units").mkdir()
        (tmp / "units" / "u1.html").write_bytes(b"u1")
    assert sorted(flushed) == ["index.html", "p1.html", "u1.html"]
    assert (site / "index.html").read_bytes() == b"new"
    assert (site / "units" / "u1.html").read_bytes() == b"u1"
