"""Unit-cell rules that mutation testing (issue 11, round 2) found unchecked. The cells
here are illustrative, written for these tests (not copied from an agency's table)."""

from __future__ import annotations

from kh_tthc.importing.units import read_units, slug


def test_acronym_starting_a_longer_name_splits() -> None:
    """A part whose first word is an acronym names a body, however many words follow:
    the acronym is the first word, not all but the last."""
    assert read_units("Bộ Công an, VTV tỉnh Huế") == (("Bộ Công an", "VTV tỉnh Huế"), ())
    assert read_units("Bộ Công an, VTV Huế") == (("Bộ Công an", "VTV Huế"), ())


def test_names_starting_or_ending_with_x_are_kept_whole() -> None:
    """Only bullets and spaces are stripped before a name, only spaces and ". ; , :"
    after it: a leading or trailing capital X is part of the name."""
    assert read_units("Xã Tân Cương; Đội X") == (("Xã Tân Cương", "Đội X"), ())


def test_comma_after_x_inside_brackets_stays_in_the_note() -> None:
    """Only ")" and "]" close a bracket: a comma after an X inside one is still in the
    note, even where the next words name a body."""
    cell = "Văn phòng Sở (tổ X, Bộ phận một cửa)"
    assert read_units(cell) == ((cell,), ())


def test_slug_skips_empty_words_at_the_ends() -> None:
    """A name that starts with a bracket has an empty first word: skipped, not the end."""
    assert slug("(Văn phòng Sở)") == "vps"


def test_slug_drops_what_is_not_a_letter_or_digit() -> None:
    """A lone "&" is a word of its own; its initial is no ASCII letter and is dropped."""
    assert slug("Văn phòng & Thư viện") == "vptv"
    assert slug("Tổ _ kỹ thuật") == "tkt"
