"""The "Kính gửi:" lines of a công văn or of a báo cáo sent upward.

Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.9.b and II.9.d: one addressee on the same line
("Kính gửi: Ủy ban nhân dân tỉnh Thái Nguyên."); several each on a line of its own, "- "
first, ";" after each and "." after the last, the dashes aligned; the "Nơi nhận:" list
then starts with "- Như trên;".
"""

from __future__ import annotations

from collections.abc import Sequence

from kh_tthc.render.context import xml_safe

__all__ = ["AS_ABOVE", "addressee_lines"]

#: The first recipient of a document that names its addressees after "Kính gửi:".
AS_ABOVE = "Như trên"


def _end(text: str, mark: str) -> str:
    return text.rstrip(" ;.,") + mark


def addressee_lines(addressees: Sequence[str]) -> list[str]:
    """The printed lines: the first carries "Kính gửi: ", the others start with "- ".

    >>> addressee_lines(["Ủy ban nhân dân tỉnh Thái Nguyên"])
    ['Kính gửi: Ủy ban nhân dân tỉnh Thái Nguyên.']
    >>> addressee_lines(["Phòng Chuyển đổi số", "Trung tâm CNTT&TT"])
    ['Kính gửi: - Phòng Chuyển đổi số;', '- Trung tâm CNTT&TT.']
    >>> addressee_lines([])
    []
    """
    names = [a for a in addressees if a.strip()]
    if len(names) == 1:
        return [xml_safe(f"Kính gửi: {_end(names[0], '.')}", "addressee")]
    lines = [
        xml_safe(f"- {_end(n, '.' if i == len(names) else ';')}", f"addressee {i}")
        for i, n in enumerate(names, start=1)
    ]
    if lines:
        lines[0] = "Kính gửi: " + lines[0]
    return lines
