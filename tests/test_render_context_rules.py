"""Rules of the plan's template context that mutation testing (issue 11, fourth whole run)
found unchecked: the field named when a completion time holds a control character, and
where the RenderWarning points. ILLUSTRATIVE plan (`tests.test_render_context.small_plan`).
"""

from __future__ import annotations

import sys

import pytest

from kh_tthc import RenderWarning, Task, TaskNumber, Unspecified, plan_context
from kh_tthc.render.context import xml_safe
from tests.test_render_context import small_plan


def test_a_completion_time_with_a_control_character_is_named() -> None:
    """A completion time kept as written ("Theo tiến độ dự án") that holds a control
    character: the warning names the task's deadline, and the character is dropped."""
    deadline = Unspecified(text="Theo tiến độ dự án")
    # Plans refuse control characters when built (issue 12): put one in past the checks,
    # on a completion time made for this test alone.
    object.__setattr__(deadline, "text", "Theo tiến độ dự án\x01")
    task = Task(number=TaskNumber.parse("1"), title="Việc một", lead=("vp",), deadline=deadline)
    with pytest.warns(RenderWarning) as caught:
        context = plan_context(small_plan(tasks=(task,)))
    assert [str(w.message) for w in caught] == [
        "task 1 deadline: dropped U+0001 (control characters a DOCX cannot carry)"
    ]
    assert context["tasks"][0]["deadline"] == "Theo tiến độ dự án"


def test_the_warning_points_at_the_caller() -> None:
    """The warning is reported one frame above xml_safe's body (stacklevel 2): at the line
    that called xml_safe, not inside xml_safe nor further up."""
    line = sys._getframe().f_lineno + 2
    with pytest.warns(RenderWarning) as caught:
        xml_safe("A\x01", "title")
    where = (caught[0].filename, caught[0].lineno)
    if getattr(xml_safe, "__wrapped__", None) is None:
        assert where == (__file__, line)
    else:
        # Under mutation testing, mutmut's wrapper (xml_safe.__code__) calls its trampoline,
        # which calls the body: one frame above the body is the trampoline, in the wrapper's
        # file but not in the wrapper's own lines (two frames above).
        code = xml_safe.__code__
        wrapper_lines = {n for _, _, n in code.co_lines() if n is not None}
        assert where[0] == code.co_filename
        assert where[1] not in wrapper_lines
