"""`python -m bench.generate`: fill an empty database with the benchmark's scale dataset.

A script rather than a management command: the generator writes to every app
(catalog, reviews, comments), and a command in any one of them would make it
import apps it must not depend on. It uses the same settings and environment
as manage.py (DATABASE_URL; DJANGO_DEBUG=1 for a development checkout).
"""

import argparse
import os
import sys
import time
from dataclasses import fields


def parse_sizes(argv: list[str]):
    from bench.dataset import FULL, SMALL, Sizes

    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument(
        "--small", action="store_true", help="a quick dataset (the defaults of BENCH_SCALE=small)"
    )
    base = SMALL if "--small" in argv else FULL
    for size in fields(Sizes):
        parser.add_argument(
            f"--{size.name}",
            type=int,
            default=getattr(base, size.name),
            help=f"how many {size.name} (default: %(default)s)",
        )
    options = parser.parse_args(argv)
    return parser, Sizes(**{size.name: getattr(options, size.name) for size in fields(Sizes)})


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "animeblog.settings")
    import django

    django.setup()
    from bench.dataset import generate

    parser, sizes = parse_sizes(argv)
    started = time.monotonic()
    try:
        generate(sizes, log=lambda message: print(f"{time.monotonic() - started:6.1f}s {message}"))
    except ValueError as error:
        parser.error(str(error))
    print(f"Generated the dataset in {time.monotonic() - started:.1f}s.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
