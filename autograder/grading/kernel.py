"""Run one prepared notebook in its sandboxed kernel, judging each test cell.

For every test cell that has a judge (autograder/judging/), the judge's cases go into the
kernel first: it calls the student's functions on this student's inputs and writes back
plain values, which the grader compares with the reference in its own process. Then the
cell itself runs (the visible checks and the hidden checks of the student's side); when it
fails, the diagnosis its check carried comes back as data too. Nothing the kernel writes
can earn a point: it only ever names a cause or takes points away.
"""
from __future__ import annotations

import os
import signal
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from autograder.checks import runner
from autograder.checks.words import catalogue, say
from autograder.course_dir import nbgrader_meta
from autograder.grading.sandbox import Limits, SandboxedKernel
from autograder.judging import judges_for
from autograder.judging.program import (
    MAX_RESULT_BYTES,
    BadResult,
    last_failure,
    read_result,
    write_programs,
)
from autograder.judging.reference import reference_records
from autograder.judging.verdict import CheckVerdict

WORDS = catalogue({
    "kernel.output_cut": {
        "en": "[output stopped here: the notebook printed more than the grader keeps]",
        "ko": "[출력이 여기서 잘렸습니다: 노트북이 채점기가 보관하는 양보다 많이 출력했습니다]"},
    "kernel.bad_result": {"en": "the grader could not call your code on new inputs: {error}.",
                          "ko": "채점기가 새 입력으로 코드를 호출할 수 없었습니다: {error}."},
    "kernel.died": {
        "en": "the kernel stopped while running cell {cell} (the code exited the process, "
              "crashed, or went over the sandbox's CPU-time, memory or process limit)",
        "ko": "셀 {cell}을(를) 실행하는 중에 커널이 멈췄습니다 (코드가 프로세스를 끝냈거나, "
              "비정상 종료했거나, 샌드박스의 CPU 시간, 메모리, 프로세스 수 제한을 넘었습니다)"},
    "kernel.timeout": {"en": "cell {cell} did not finish within {seconds:g} s",
                       "ko": "셀 {cell}이(가) {seconds:g}초 안에 끝나지 않았습니다"},
    "kernel.overflow": {
        "en": "cell {cell} printed more than the grader keeps ({size}); grading stopped there",
        "ko": "셀 {cell}이(가) 채점기가 보관하는 양({size})보다 많이 출력해서 채점이 거기서 "
              "멈췄습니다"},
})


@dataclass
class Run:
    """What running one notebook gave, besides its cells' outputs."""
    judged: dict[str, CheckVerdict] = field(default_factory=dict)   # test cell -> verdict
    failures: dict[str, dict] = field(default_factory=dict)  # test cell -> its check's diagnosis
    stopped: str = ""                                         # why the run ended early, if it did


class Client(NotebookClient):
    """nbclient that never waits on the student's kernel for ever.

    - A cell over its timeout raises CellTimeoutError at once (the caller stops and kills
      the kernel). nbclient's own way, an interrupt followed by more waiting, hangs for
      good on a cell that ignores SIGINT or computes in C without releasing the GIL.
    - Output has a budget: a cell printing without end gets its kernel killed, and what it
      printed beyond the budget is dropped (the grader's memory stays bounded).
    """

    def __init__(self, *args, output_budget: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.output_left = output_budget
        self.output_overflowed = False

    async def _async_handle_timeout(self, timeout, cell=None):
        raise CellTimeoutError.error_from_timeout_and_cell("Cell execution timed out", timeout, cell)  # not for students

    def output(self, outs, msg, display_id, cell_index):
        size = len(str(msg.get("content", "")))
        self.output_left -= size
        if self.output_left < 0:
            if not self.output_overflowed:
                self.output_overflowed = True
                outs.append(nbformat.v4.new_output(
                    "stream", name="stdout",
                    text=f"\n{say('kernel.output_cut')}\n"))
                self.kill_kernel()
            return None
        return super().output(outs, msg, display_id, cell_index)

    def kill_kernel(self) -> None:
        """SIGKILL to the sandbox's process group (bwrap; the rest dies with it). Then
        nbclient sees a dead kernel and the cell ends with DeadKernelError."""
        provisioner = getattr(self.km, "provisioner", None)
        process = getattr(provisioner, "process", None)
        try:
            if getattr(provisioner, "pgid", None):
                os.killpg(provisioner.pgid, signal.SIGKILL)
            elif process is not None:
                process.kill()
        except OSError:
            pass


def runner_code(folder: Path) -> str:
    """What the kernel runs for a program: the runner's source and one call, nothing else."""
    source = Path(runner.__file__).read_text()
    return ("(lambda runner: (exec(compile(%r, '<judge>', 'exec'), runner), "  # not for students
            "runner['run'](globals(), %r)))({'__name__': '__judge__'})" % (source, str(folder)))


async def _in_kernel(client: Client, box: SandboxedKernel, programs: list[list]) -> list[list]:
    """The records of programs run in the student's kernel (BadResult when unreadable)."""
    folder = box.new_judge_folder()          # fresh, and the grader's until handed over
    write_programs(programs, folder)
    box.hand_over(folder)
    cell = nbformat.v4.new_code_cell(runner_code(folder))
    client.nb.cells.append(cell)  # nbclient stores a cell back at its index: a scratch slot
    try:
        await client.async_execute_cell(cell, len(client.nb.cells) - 1)
    finally:
        client.nb.cells.pop()
    with tempfile.TemporaryDirectory() as private:  # read back only our own copy
        box.copy_back(folder, ["result.json", "result.npz"], Path(private), MAX_RESULT_BYTES)
        return read_result(Path(private))


async def judge_cell(client: Client, box: SandboxedKernel, lab: str, cell: str,
                     seed: int | None, course: Path) -> CheckVerdict:
    judge = judges_for(lab)[cell](seed)
    reference = reference_records(judge, lab, course)
    try:
        student = await _in_kernel(client, box, judge.programs)
    except BadResult as error:
        return CheckVerdict(judge.name, False, say("kernel.bad_result", error=error))
    return judge.verdict(student, reference)


async def cell_failure(client: Client, box: SandboxedKernel) -> dict:
    """The diagnosis the failed check of the last cell carried ({} when none)."""
    try:
        records = await _in_kernel(client, box, [[last_failure()]])
    except BadResult:
        return {}
    found = records[0][0] if records and records[0] else None
    if not isinstance(found, dict):
        return {}
    return {key: str(found.get(key, ""))[:2000] for key in ("name", "words", "section")}


def _failed(cell) -> bool:
    return any(out.get("output_type") == "error" for out in cell.get("outputs", []))


async def run_notebook(nb, box: SandboxedKernel, lab: str, limits: Limits,
                       seed: int | None, course: Path) -> Run:
    """Run nb cell by cell in the box's kernel, judging each test cell (see the module)."""
    km = box.kernel_manager()
    client = Client(nb, km=km, timeout=limits.cell_timeout, allow_errors=True,
                    interrupt_on_timeout=False, kernel_name=km.kernel_name, record_timing=False,
                    output_budget=limits.output_bytes, startup_timeout=60,
                    shutdown_kernel="immediate")
    kwargs = {} if box.safe else {"cwd": str(box.home)}
    run = Run()
    with open(box.root / "kernel.log", "w") as log:
        try:
            async with client.async_setup_kernel(stdout=log, stderr=log, **kwargs):
                run.stopped = await _run_cells(client, nb, box, lab, limits, seed, course, run)
        finally:
            if km.has_kernel:  # we own this kernel manager, so nbclient leaves it running
                await km.shutdown_kernel(now=True)
    return run


async def _run_cells(client, nb, box, lab, limits, seed, course, run: Run) -> str:
    judges = judges_for(lab)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        meta = nbgrader_meta(cell)
        graded = meta.get("grade") and meta.get("grade_id")
        try:
            if graded in judges:
                run.judged[graded] = await judge_cell(client, box, lab, graded, seed, course)
            await client.async_execute_cell(cell, index)
            if graded and _failed(cell):
                run.failures[graded] = await cell_failure(client, box)
        except DeadKernelError:
            if client.output_overflowed:
                return _overflow(index, limits)
            return say("kernel.died", cell=index + 1)
        except CellTimeoutError:
            return say("kernel.timeout", cell=index + 1, seconds=limits.cell_timeout)
        if client.output_overflowed:
            return _overflow(index, limits)
    return ""


def _overflow(index: int, limits: Limits) -> str:
    size = (f"{limits.output_bytes / 2**20:g} MB" if limits.output_bytes >= 2**20
            else f"{limits.output_bytes / 2**10:g} KB")
    return say("kernel.overflow", cell=index + 1, size=size)
