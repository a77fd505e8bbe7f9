"""Command line: ``python -m autograder COMMAND`` (also installed as ``backprop-grader``)."""
from __future__ import annotations

import argparse
import sys


def cmd_build(args: argparse.Namespace) -> int:
    from autograder import build

    kinds = ("lectures", "labs") if args.kind == "all" else (args.kind,)
    for path in build.build(only=args.only, run_lectures=not args.no_run, kinds=kinds):
        print(f"wrote {path.relative_to(build.ROOT)}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from autograder import demo

    return demo.main(output=args.output)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m autograder",
        description="Backprop from Scratch: build the course notebooks and grade submissions.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build", help="rebuild notebooks/, source/ and release/ from content/",
        description="Rebuild the lecture notebooks (executed), the instructor labs and the "
                    "student release from the text sources in content/.")
    build.add_argument("--only", nargs="+", metavar="CHAPTER",
                       help="only these chapters, e.g. ch03_add_mul_layers")
    build.add_argument("--kind", choices=["all", "lectures", "labs"], default="all",
                       help="build only the lecture notebooks or only the labs")
    build.add_argument("--no-run", action="store_true",
                       help="do not execute the lecture notebooks (no outputs)")
    build.set_defaults(func=cmd_build)

    demo = commands.add_parser(
        "demo", help="regenerate the release and grade the bundled sample class",
        description="In a scratch course directory: regenerate the release from source/ "
                    "with nbgrader, autograde the bundled sample class, print a score "
                    "table, and write grades CSV and per-student feedback HTML.")
    demo.add_argument("--output", default="demo-output", metavar="DIR",
                      help="scratch course directory for the demo (default: %(default)s)")
    demo.set_defaults(func=cmd_demo)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
