"""Command line: ``python -m autograder COMMAND`` (also installed as ``backprop-grader``)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_build(args: argparse.Namespace) -> int:
    from autograder import course_dir
    from autograder.authoring import build

    kinds = ("lectures", "labs") if args.kind == "all" else (args.kind,)
    for path in build.build(only=args.only, run_lectures=not args.no_run, kinds=kinds):
        print(f"wrote {path.relative_to(course_dir.ROOT)}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from autograder.authoring import demo

    return demo.main(output=args.output, labs=args.labs)


def cmd_publish(args: argparse.Namespace) -> int:
    from autograder.authoring import links, publish

    try:
        done = publish.publish(args.dest, message=args.message)
    except (publish.PublishError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    what = "created" if done.created else ("updated" if done.committed else "unchanged")
    print(f"student edition {what}: {done.dest} ({len(done.files)} files)")
    repo, branch = links.settings()["student_repository"], links.settings()["branch"]
    if done.created:
        print(f"next: cd {done.dest} && git remote add origin git@github.com:{repo}.git && "
              f"git push -u origin {branch}")
    elif done.committed:
        print(f"next: cd {done.dest} && git push")
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    from autograder.grading.command import SandboxUnavailable, grade_class
    from autograder.grading.sandbox import Limits

    if args.unsafe_no_sandbox:
        print("WARNING: --unsafe-no-sandbox: student code runs with YOUR permissions and can "
              "read the solutions, the gradebook and your files. Use it only for code you trust.",
              file=sys.stderr)
    limits = Limits(cell_timeout=args.timeout, memory_bytes=args.memory_mb * 2**20)
    try:
        results = grade_class(args.submissions, args.output, labs=args.labs, workers=args.workers,
                              limits=limits, safe=not args.unsafe_no_sandbox,
                              named_regexp=args.regexp or "", progress=not args.no_progress,
                              gradebook_course=args.gradebook, lang=args.lang)
    except SandboxUnavailable as error:
        print(f"error: cannot grade safely: {error}", file=sys.stderr)
        return 2
    except (FileNotFoundError, NotADirectoryError, PermissionError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0 if results else 1


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m autograder",
        description="Backprop from Scratch: build the course notebooks and grade course.")
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

    grade = commands.add_parser(
        "grade", help="grade a class: LMS zip or folder in; grades, feedback and a report out",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Grade every student's notebooks, safely and in parallel.\n\n"
                    "SUBMISSIONS is what you downloaded from your LMS: a .zip (Canvas, Moodle,\n"
                    "or files named STUDENT_LAB.ipynb) or a folder with one sub-folder per\n"
                    "student. Each notebook is checked and repaired where that is safe, run in\n"
                    "a sandbox (bubblewrap: no network, no access to your files), and judged.",
        epilog="Writes into OUTPUT (re-running replaces what it wrote before):\n"
               "  grades.csv, grades_long.csv   scores per student and lab\n"
               "  questions.csv                 every test cell of every student\n"
               "  summary.md + plots/           what to go over in the next lecture\n"
               "  feedback/STUDENT/LAB/LAB.html what to give back to each student\n"
               "  autograded/STUDENT/LAB/       the executed notebooks, for you\n\n"
               "example:  python -m autograder grade ~/Downloads/lab3_submissions.zip --output graded/")
    grade.add_argument("submissions", type=Path, metavar="SUBMISSIONS",
                       help="an LMS download (.zip) or a folder with a sub-folder per student")
    grade.add_argument("--output", type=Path, default=Path("graded"), metavar="OUTPUT",
                       help="where grades, feedback and the report go (default: %(default)s)")
    grade.add_argument("--labs", nargs="+", metavar="LAB",
                       help="grade only these labs, e.g. ch03_add_mul_layers (default: all)")
    grade.add_argument("--workers", type=int, default=None,
                       help="notebooks graded at once (default: the number of CPU cores)")
    grade.add_argument("--timeout", type=float, default=60, metavar="SECONDS",
                       help="wall-clock limit per cell (default: %(default)s)")
    grade.add_argument("--memory-mb", type=int, default=3072, metavar="MB",
                       help="memory limit per student kernel (default: %(default)s)")
    grade.add_argument("--regexp", metavar="REGEXP",
                       help="how your LMS names files, as a Python regexp with (?P<student_id>…) "
                            "and (?P<file_id>…) groups, if it is not Canvas or Moodle")
    grade.add_argument("--gradebook", type=Path, metavar="COURSE_DIR",
                       help="also record the grades in this nbgrader course's gradebook.db (and "
                            "its autograded/ and feedback/), for the formgrader and `nbgrader "
                            "export`; e.g. --gradebook . in this repository")
    grade.add_argument("--lang", choices=["en", "ko"], default=None,
                       help="the language of the class report (default: [tool.backprop] "
                            "language in pyproject.toml). Each student's feedback is in the "
                            "language of the edition they handed in.")
    grade.add_argument("--no-progress", action="store_true", help="no progress bar")
    grade.add_argument("--unsafe-no-sandbox", action="store_true",
                       help="run student code WITHOUT the sandbox (where bubblewrap is missing, "
                            "e.g. macOS). Only for code you trust.")
    grade.set_defaults(func=cmd_grade)

    publish = commands.add_parser(
        "publish", help="write the student edition (no answers) as its own git repository",
        description="Write what students may see (lectures, released labs, MNIST subset, a "
                    "students' README, Binder files; no solution, hidden check or grader code) "
                    "into DEST as a git repository, and commit. Run it again after a change to "
                    "update DEST. Its Colab and Binder links use [tool.backprop] "
                    "student_repository in pyproject.toml.")
    publish.add_argument("dest", type=Path, metavar="DEST",
                         help="a new folder, or one this command wrote before")
    publish.add_argument("--message", metavar="TEXT", help="the commit message")
    publish.set_defaults(func=cmd_publish)

    demo = commands.add_parser(
        "demo", help="grade the bundled sample class and print the scores",
        description="Pack the bundled sample class (every student hands in every lab) as a "
                    "Canvas-style zip, grade it with the grade command, print a score table, "
                    "and check every score against the sample class's expectations.")
    demo.add_argument("--output", default="demo-output", metavar="DIR",
                      help="folder for the zip and the graded output (default: %(default)s)")
    demo.add_argument("--labs", nargs="+", metavar="LAB",
                      help="only these labs, e.g. ch03_add_mul_layers (default: all)")
    demo.set_defaults(func=cmd_demo)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
