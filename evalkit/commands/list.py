"""``evalkit list``: the registered extractor back-ends, their descriptions and options."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "list",
        help="list the registered extractors and the options they take",
        description=(
            "List every extractor back-end registered under the 'evalkit.extractors' entry-point group "
            "(built-ins and installed plugins alike), with the options each accepts."
        ),
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..extractors.registry import available

    backends = available()
    if args.json:
        print(json.dumps(
            [
                {
                    "name": b.name,
                    "description": b.description,
                    "options": None if b.options is None else dict(b.options),
                    "target": b.target,
                    "distribution": b.distribution,
                    "error": b.error,
                }
                for b in backends
            ],
            indent=2,
            ensure_ascii=False,
        ))
        return 0
    if not backends:
        print("no extractors are registered (is evalkit installed?)")
        return 0
    width = max(len(b.name) for b in backends)
    for b in backends:
        source = f"  [{b.distribution}]" if b.distribution and not b.distribution.startswith("evalkit ") else ""
        print(f"{b.name.ljust(width)}  {b.error or b.description}{source}")
        if b.error:
            continue
        if b.options is None:
            print(f"{'':{width}}    (options not declared: any -o KEY=VALUE is passed through)")
            continue
        key_width = max((len(k) for k in b.options), default=0)
        for key, help_text in b.options.items():
            print(f"{'':{width}}    {key.ljust(key_width)}  {help_text}")
    print("\nUse: evalkit run -e NAME[:ARG] [-o KEY=VALUE ...]  (options follow the extractor they are for)")
    return 0
