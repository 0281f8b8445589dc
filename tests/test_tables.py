"""Properties of the data-out surface (kh_tthc/tables.py) and the template field check."""

from __future__ import annotations

import csv
import io
import json
import keyword
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kh_tthc import Plan
from kh_tthc.io.csv_safe import unescape_cell
from kh_tthc.render.fields import ListOf, describe, field_paths, unknown_fields
from tests.strategies import plans

names = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda n: not keyword.iskeyword(n) and n not in {"loop", "true", "false", "none"}
)


class TestRecords:
    @given(plans())
    def test_ids_and_names_agree(self, plan: Plan) -> None:
        by_id = plan.units_by_id
        for record, task in zip(plan.to_records(), plan.tasks, strict=True):
            assert record["lead_ids"] == list(task.lead)
            assert record["lead"] == [by_id[u].name if u in by_id else u for u in task.lead]
            assert record["support_ids"] == list(task.support)

    @given(plans())
    def test_csv_reads_back_to_the_records(self, plan: Plan) -> None:
        """Every row, and every title exactly, once the formula guard is taken off."""
        rows = list(csv.DictReader(io.StringIO(plan.to_csv())))
        assert len(rows) == len(plan.tasks)
        assert [unescape_cell(r["title"]) for r in rows] == [t.title for t in plan.tasks]
        assert [r["number"] for r in rows] == [str(t.number) for t in plan.tasks]

    @given(plans())
    def test_json_is_the_records(self, plan: Plan) -> None:
        assert json.loads(plan.to_json()) == plan.to_records()


class TestFields:
    @given(st.sets(names, min_size=1, max_size=6), names, st.integers(1, 4))
    def test_a_loop_field_is_unknown_exactly_when_the_rows_lack_it(
        self, keys: set[str], asked: str, rows: int
    ) -> None:
        context = {"items": [dict.fromkeys(keys, "x") for _ in range(rows)]}
        template = "{% for row in items %}{{ row." + asked + " }}{% endfor %}"
        found = unknown_fields(template, describe(context))
        assert found == ([] if asked in keys or hasattr(dict, asked) else [(f"row.{asked}", 1)])

    @given(st.dictionaries(names, st.lists(st.dictionaries(names, st.text()), max_size=3)))
    def test_every_listed_path_is_accepted(self, context: dict[str, object]) -> None:
        """Every field field_paths lists can be named without an error."""
        shape = describe(context)
        for path in field_paths(shape):
            head, *rest = path.split("[].")
            if not rest:
                source = "{{ " + head.replace("[]", "") + " }}"
            else:
                source = "{% for r in " + head + " %}{{ r." + rest[0] + " }}{% endfor %}"
            assert unknown_fields(source, shape) == [], source

    @given(st.lists(st.dictionaries(names, st.integers()), min_size=1, max_size=4))
    def test_rows_with_different_keys_are_not_checked(self, rows: list[dict[str, int]]) -> None:
        shape = describe({"items": rows})
        assert isinstance(shape, dict)
        item = shape["items"]
        assert isinstance(item, ListOf)
        if len({frozenset(r) for r in rows}) > 1 or not rows[0]:
            assert item.item == "any"
            template = "{% for row in items %}{{ row.anything_at_all }}{% endfor %}"
            assert unknown_fields(template, shape) == []


class TestFieldsThroughTemplateForms:
    """A misspelt field is found through each Jinja construct a template may use to reach
    it; what cannot be told (a computed key, a loop of pairs) is never reported."""

    CONTEXT: ClassVar[dict[str, object]] = {
        "plan": {"title": "Kế hoạch", "number": "1/KH-X"},
        "tasks": [{"number": "1", "title": "A"}, {"number": "2", "title": "B"}],
    }

    @pytest.mark.parametrize(
        ("source", "expected"),
        [
            ("{{ plan.titel }}", [("plan.titel", 1)]),
            ("{{ plan['titel'] }}", [("plan['titel']", 1)]),
            ("{{ (tasks | first).titel }}", [("(…).titel", 1)]),
            ("{{ (tasks | last)['titel'] }}", [("(…)['titel']", 1)]),
            (
                "{% for t in tasks | sort(attribute='number') %}{{ t.titel }}{% endfor %}",
                [("t.titel", 1)],
            ),
            ("{% for t in tasks | reverse %}\n{{ t.titel }}{% endfor %}", [("t.titel", 2)]),
            ("{{ tasks[0].titel }}", [("tasks[0].titel", 1)]),
            ("{{ tasks[i].titel }}", [("tasks[…].titel", 1)]),
            ("{{ tasks.titel }}", [("tasks.titel", 1)]),
            ("{% set p = plan %}{{ p.titel }}", [("p.titel", 1)]),
            (
                "{% for t in tasks %}{{ t.titel }}{% else %}{{ plan.titel }}{% endfor %}",
                [("t.titel", 1), ("plan.titel", 1)],
            ),
            ("{% for t in tasks if t.numbr %}{% endfor %}", [("t.numbr", 1)]),
            # What cannot be told is not reported.
            ("{% for k, v in plan.items() %}{{ v.anything }}{% endfor %}", []),
            ("{% set a, b = 1, 2 %}{{ a.anything }}", []),
            ("{% macro m(x) %}{{ x.anything }}{% endmacro %}{{ m(plan) }}", []),
            ("{% with q = plan %}{{ q.anything }}{% endwith %}", []),
            ("{% set q %}x{% endset %}{{ q.anything }}", []),
            ("{{ plan[plan.title].anything }}", []),
            ("{{ (tasks | length).anything }}", []),
            ("{{ plan.title.upper() }}", []),
            ("{{ tasks.append }}", []),
            ("{{ loop_var.anything }}", []),
        ],
    )
    def test_found(self, source: str, expected: list[tuple[str, int]]) -> None:
        assert unknown_fields(source, describe(self.CONTEXT)) == expected

    def test_parsed_tree_is_accepted(self) -> None:
        from kh_tthc.render.sandbox import environment

        tree = environment().parse("{{ plan.titel }}")
        assert unknown_fields(tree, describe(self.CONTEXT)) == [("plan.titel", 1)]

    def test_field_paths_of_nested_lists(self) -> None:
        shape = describe({"a": [[{"b": 1}]], "c": []})
        assert field_paths(shape) == ["a", "a[][].b", "c"]
        assert describe([]) == ListOf("any")
