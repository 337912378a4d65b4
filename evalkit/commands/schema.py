"""``evalkit schema NAME``: print a published JSON Schema."""

from __future__ import annotations

import argparse
import importlib
import json

#: Schema name -> "module:function" returning the schema dict.
SCHEMAS = {
    "gold": "evalkit.gold.schema:gold_schema",
    "prediction": "evalkit.serialize:prediction_schema",
    "report": "evalkit.reports.schema:report_schema",
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of a file format")
    p.add_argument("name", choices=sorted(SCHEMAS), help="which format")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    module, func = SCHEMAS[args.name].split(":")
    schema = getattr(importlib.import_module(module), func)()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return 0
