"""The course in a real browser: JupyterLab 4 with nbgrader's extension, driven by Chromium.

JupyterLab runs on 127.0.0.1 (a free port, a random token) in a scratch copy of the course
directory, with its own empty config, data, runtime and home folders; nbgrader's lab and
server extensions are installed in the environment, so they stay visible. Debian's Chromium
(`/usr/bin/chromium`, no browser download) is driven with Playwright, as a student and an
instructor would use it:

* a student opens a released lab, runs all cells and reads what the visible checks say:
  the stub's NotImplementedError, then (with a wrong answer typed in) the checker's
  diagnosis, then (with the right answer) its ticks;
* a student opens a lecture and its figures render;
* an instructor opens Nbgrader → Formgrader and finds every chapter's assignment.

Screenshots land in .scratch/artifacts/browser/ (git-ignored): look at them.
"""
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from conftest import LABS, ROOT

from autograder import course_dir

ARTIFACTS = ROOT / ".scratch" / "artifacts" / "browser"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LAB = "ch03_add_mul_layers"
LECTURE = "ch03_add_mul_layers"
TIMEOUT_MS = 60_000  # generous per step: CI machines are slow and shared

# True once the current notebook's kernel is connected, started and idle (JupyterLab is
# started with --expose-app-in-browser, so the page has `window.jupyterapp`).
KERNEL_IDLE = """() => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const session = widget && widget.sessionContext;
  const kernel = session && session.isReady && session.session && session.session.kernel;
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""
ACTIVE_CELL_SOURCE = "() => window.jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel.getSource()"

# The multiply node's classic mistake (the study notes' "mul-not-swapped").
WRONG_MUL_LAYER = """class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        return dout * self.x, dout * self.y
"""


def chromium_path() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.skip("Chromium is not installed: `apt-get install chromium chromium-driver` "
                "(Debian; .ci/run installs both) to run the browser test")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def course_copy(target: Path) -> Path:
    """A scratch copy of the course directory: JupyterLab never runs in the repository."""
    target.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", target)
    for folder in ("source", "release", "notebooks"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copytree(ROOT / "ko" / "release", target / "ko" / "release")
    return target


def private_jupyter_home(home: Path) -> dict:
    """Empty config/data/runtime/home folders: nothing of the user's leaks in. The
    environment's share/jupyter (nbgrader's labextension, the python3 kernel) stays on the
    path, because Jupyter always searches sys.prefix too."""
    folders = {name: home / name for name in ("config", "data", "runtime", "home", "exchange")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    # no "Would you like to get notified about official Jupyter news?" over the screenshots
    (folders["config"] / "labconfig").mkdir()
    (folders["config"] / "labconfig" / "page_config.json").write_text(
        '{"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": true}}\n')
    # an exchange the formgrader can release to (the default lives under /usr/local/share)
    (folders["config"] / "nbgrader_config.py").write_text(
        f"c = get_config()  # noqa: F821\nc.Exchange.root = {str(folders['exchange'])!r}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "PYTHONPATH"))}
    env.update(HOME=str(folders["home"]), JUPYTER_CONFIG_DIR=str(folders["config"]),
               JUPYTER_DATA_DIR=str(folders["data"]), JUPYTER_RUNTIME_DIR=str(folders["runtime"]),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
               OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    return env


@pytest.fixture(scope="module")
def jupyterlab():
    """(base URL, token) of a JupyterLab serving a scratch copy of the course."""
    chromium_path()  # skip before starting anything
    with tempfile.TemporaryDirectory(prefix="bfs-browser-") as scratch:
        scratch = Path(scratch)
        course = course_copy(scratch / "course")
        env = private_jupyter_home(scratch / "jupyter")
        token, port = secrets.token_hex(16), free_port()
        log = open(scratch / "jupyterlab.log", "w")
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--expose-app-in-browser",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course}",
                   "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if os.getuid() == 0:
            command.append("--allow-root")
        server = subprocess.Popen(command, cwd=course, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for_server(base, token, server, scratch / "jupyterlab.log")
            yield base, token
        finally:
            os.killpg(server.pid, signal.SIGTERM)  # the server and the kernels it started
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
            log.close()
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(scratch / "jupyterlab.log", ARTIFACTS / "jupyterlab.log")


def wait_for_server(base: str, token: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"JupyterLab did not answer within 60 s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def browser(jupyterlab):
    """A Chromium page with a new, empty profile."""
    from playwright.sync_api import sync_playwright

    if ARTIFACTS.exists():
        for old in ARTIFACTS.glob("*.png"):
            old.unlink()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bfs-chromium-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 900}, locale="en-US")
        context.set_default_timeout(TIMEOUT_MS)
        page = context.pages[0] if context.pages else context.new_page()
        try:
            yield page
        finally:
            context.close()


def open_in_lab(page, jupyterlab, path: str) -> None:
    base, token = jupyterlab
    page.goto(f"{base}/lab/tree/{path}?reset&token={token}")   # only this notebook open
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    page.wait_for_function(KERNEL_IDLE, timeout=TIMEOUT_MS)


def run_all_cells(page) -> None:
    """Run → Run All Cells, as a person does; it stops at the first error."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def type_into_cell(page, cell, code: str) -> None:
    """Replace a cell's code by typing, as a person does."""
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)
    assert page.evaluate(ACTIVE_CELL_SOURCE) == code
    page.keyboard.press("Escape")


def output_with(page, text: str):
    """The first output area showing ``text``, once it is there and the kernel is idle."""
    output = page.locator(".jp-OutputArea-output", has_text=text).first
    output.wait_for()
    page.wait_for_function(KERNEL_IDLE, timeout=TIMEOUT_MS)
    output.scroll_into_view_if_needed()
    return output


def screenshot(page, name: str) -> None:
    page.wait_for_timeout(300)  # let the last layout settle
    page.screenshot(path=str(ARTIFACTS / name))


def test_a_student_runs_a_released_lab_and_reads_the_checks(browser, jupyterlab):
    page = browser
    open_in_lab(page, jupyterlab, f"release/{LAB}/{LAB}.ipynb")
    assert page.locator("a[href*='colab.research.google.com/github/']").count() >= 1, "no Open in Colab link"

    # untouched: the environment check is happy, the first test cell hits the stub
    run_all_cells(page)
    stub = output_with(page, "NotImplementedError")
    ready = output_with(page, "✓ Ready")
    assert "numpy" in ready.text_content() and "running locally" in ready.text_content()
    page.locator(".jp-Notebook .jp-Cell").first.scroll_into_view_if_needed()
    screenshot(page, "0-lab-top-colab-link-and-environment-check.png")
    stub.scroll_into_view_if_needed()
    assert "YOUR CODE HERE" in stub.text_content()
    screenshot(page, "1-lab-stub-not-implemented.png")

    # a classic mistake: the checker names the wrong quantity and the likely cause
    answer = page.locator(".jp-CodeCell", has_text="class MulLayer").first
    type_into_cell(page, answer, WRONG_MUL_LAYER)
    run_all_cells(page)
    message = output_with(page, "is wrong").text_content()
    assert "✗ dx of 10 × 5 with upstream 1.3 is wrong." in message, message
    assert "expected 6.5, got 13" in message, message
    assert "Read: lecture 3 (ch03_add_mul_layers.ipynb), section “2 · Backward through a multiply" \
        in message, message
    screenshot(page, "2-lab-check-diagnosis.png")

    # the reference answer: every visible check of the cell passes
    reference = course_dir.reference_answers(course_dir.source_notebook(LAB))["mul_layer"]
    type_into_cell(page, answer, reference)
    run_all_cells(page)
    ticks = output_with(page, "✓ dy of 10 × 5").text_content()
    assert "✓ MulLayer.forward(10, 5)" in ticks and "✓ dx of 10 × 5" in ticks, ticks
    screenshot(page, "3-lab-checks-pass.png")


def test_a_korean_student_reads_the_checks_in_korean(browser, jupyterlab):
    """The Korean edition of the same lab (ko/release/): Hangul in the cells and in the
    checks' messages, rendered (the screenshot shows it; CI installs a Korean font)."""
    page = browser
    open_in_lab(page, jupyterlab, f"ko/release/{LAB}/{LAB}.ipynb")
    answer = page.locator(".jp-CodeCell", has_text="class MulLayer").first
    type_into_cell(page, answer, WRONG_MUL_LAYER)
    run_all_cells(page)
    message = output_with(page, "틀렸습니다").text_content()
    assert "✗ 상류 값이 1.3일 때 10 × 5의 dx: 틀렸습니다." in message, message
    assert "읽을 곳: 강의 3 (ch03_add_mul_layers.ipynb)의 “2 · 곱셈 노드의 역전파” 절" in message, message
    screenshot(page, "5-korean-lab-check.png")


def test_a_student_opens_a_lecture_and_its_figures_render(browser, jupyterlab):
    page = browser
    committed = nbformat.read(ROOT / "notebooks" / f"{LECTURE}.ipynb", as_version=4)
    figures = sum("image/png" in o.get("data", {}) for c in committed.cells if c.cell_type == "code"
                  for o in c.outputs)
    assert figures >= 3
    open_in_lab(page, jupyterlab, f"notebooks/{LECTURE}.ipynb")
    # every stored figure becomes an <img> that the browser decoded to a real size
    page.wait_for_function(
        """n => { const images = document.querySelectorAll('.jp-OutputArea-output img');
                  return images.length >= n && Array.from(images).every(
                      i => i.complete && i.naturalWidth > 100 && i.naturalHeight > 100); }""",
        arg=figures, timeout=TIMEOUT_MS)
    first = page.locator(".jp-OutputArea-output img").first
    first.scroll_into_view_if_needed()
    box = first.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 50, box
    screenshot(page, "4-lecture-figures.png")


def test_an_instructor_finds_every_assignment_in_the_formgrader(browser, jupyterlab):
    page = browser
    base, token = jupyterlab
    page.goto(f"{base}/lab?token={token}")
    page.wait_for_selector(".jp-LabShell")
    page.get_by_role("menuitem", name="Nbgrader", exact=True).click()
    page.get_by_role("menuitem", name="Formgrader", exact=True).click()
    formgrader = page.frame_locator("iframe[src*='formgrader']").first
    for lab in LABS:
        formgrader.locator("tr", has_text=lab).first.wait_for()
    table = formgrader.locator("table").first.inner_text()
    assert all(lab in table for lab in LABS), table
    assert "does not exist" not in formgrader.locator("body").inner_text()  # exchange warning
    screenshot(page, "5-formgrader-assignments.png")
