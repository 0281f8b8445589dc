"""Reading and writing files: plan files, the one reader and the one writer."""

from kh_tthc.io.atomic import atomic_path, atomic_write_bytes, atomic_write_text
from kh_tthc.io.output import check_output, output_path, write_output
from kh_tthc.io.plan_file import (
    dump_plan,
    dumps_plan,
    load_plan,
    loads_plan,
    plan_from_dict,
    plan_to_dict,
    read_plan,
)

__all__ = [
    "atomic_path",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_output",
    "dump_plan",
    "dumps_plan",
    "load_plan",
    "loads_plan",
    "output_path",
    "plan_from_dict",
    "plan_to_dict",
    "read_plan",
    "write_output",
]
