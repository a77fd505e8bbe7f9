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

import json
import os
import random
import shutil
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpecManager

from autograder.build import ROOT

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


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


def check_available() -> None:
    """Raise SandboxUnavailable with what to do, unless bubblewrap works here."""
    if sys.platform != "linux":
        raise SandboxUnavailable(
            f"the grading sandbox needs Linux with bubblewrap; this is {sys.platform}. Grade on "
            f"a Linux machine (or a Linux container/VM), or pass --unsafe-no-sandbox to run "
            f"student code with your own permissions (only for code you trust).")
    if bwrap_path() is None:
        raise SandboxUnavailable(
            "bubblewrap (`bwrap`) is not installed, and student code must not run with your "
            "permissions (it could read the solutions and the gradebook). Install it: "
            "`sudo apt-get install bubblewrap` (Debian/Ubuntu) or `sudo dnf install bubblewrap`. "
            "Or pass --unsafe-no-sandbox, only for code you trust.")
    missing = [tool for tool in ("prlimit", "setpriv") if shutil.which(tool) is None]
    if missing:
        raise SandboxUnavailable(
            f"{' and '.join(missing)} (from util-linux) cannot be found on PATH; the sandbox "
            f"uses them to limit and de-privilege student kernels. Install util-linux, or pass "
            f"--unsafe-no-sandbox, only for code you trust.")


def _parents(paths: list[str]) -> list[str]:
    """Directories to create (mode 0755) so that a plain user can reach each mount point:
    bwrap would otherwise create them mode 0700, owned by root."""
    wanted = sorted({str(parent) for path in paths for parent in Path(path).parents}
                    - {"/", "/tmp"})  # /tmp is the sandbox's own tmpfs (mode 1777)
    args = []
    for directory in wanted:
        args += ["--perms", "0755", "--dir", directory]
    return args


def _system_binds() -> list[str]:
    args = []
    for path in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc"):
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    prefixes = sorted({sys.base_prefix, sys.prefix, os.path.realpath(sys.prefix)})
    prefixes = [p for p in prefixes if not p.startswith("/usr/")]
    args += _parents(prefixes)
    for prefix in prefixes:
        args += ["--ro-bind", prefix, prefix]
    return args


GRADER_INSIDE = "/opt/grader"


def kernel_argv(home: Path, runtime: Path, limits: Limits, *, uid: int | None,
                mnist_dir: Path | None, grader_dir: Path | None = None,
                judge_dir: Path | None = None) -> list[str]:
    """The command line of one sandboxed kernel ({connection_file} is filled in by jupyter)."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": HOME, "LANG": "C.UTF-8",
           "MPLBACKEND": "Agg", "MPLCONFIGDIR": "/tmp/matplotlib", "PYTHONNOUSERSITE": "1",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "BACKPROP_MNIST_OFFLINE": "1", "BACKPROP_MNIST_CACHE": "/tmp/mnist-cache"}
    argv = [shutil.which("prlimit") or "prlimit", f"--cpu={limits.cpu_seconds}",
            f"--as={limits.memory_bytes}", f"--fsize={limits.file_bytes}",
            f"--nofile={limits.open_files}", "--core=0"]
    if uid is not None:
        argv.append(f"--nproc={limits.processes}")
    argv += ["--", bwrap_path() or "bwrap", "--die-with-parent", "--new-session",
             "--unshare-ipc", "--unshare-net", "--unshare-uts", "--unshare-pid",
             "--unshare-cgroup-try", "--hostname", "sandbox"]
    # /tmp first: mounted later, it would hide whatever lives below it (a venv in /tmp).
    argv += ["--size", str(limits.tmp_bytes), "--perms", "1777", "--tmpfs", "/tmp"]
    argv += _system_binds()
    argv += ["--proc", "/proc", "--dev", "/dev"]
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
    if uid is not None:  # root outside: become a plain user inside, with no capabilities
        argv += [shutil.which("setpriv") or "setpriv", f"--reuid={uid}", f"--regid={uid}",
                 "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
    argv += [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    return argv


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
                 grader_dir: Path | None = None):
        self.limits, self.safe, self.worker = limits, safe, worker
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
                            judge_dir=self.judge_dir)
                if self.safe else unsafe_argv())
        unsafe_env = {"MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1",
                      "BACKPROP_MNIST_OFFLINE": "1", "BACKPROP_MNIST_DIR": str(self.mnist_dir)}
        if self.grader_dir is not None:
            unsafe_env["PYTHONPATH"] = str(self.grader_dir)
        spec = {"argv": argv, "display_name": "Python 3 (sandboxed)", "language": "python",
                "interrupt_mode": "message", "env": {} if self.safe else unsafe_env}
        (specs / "kernel.json").write_text(json.dumps(spec))
        ksm = KernelSpecManager(kernel_dirs=[str(self.root / "kernels")], ensure_native_kernel=False)
        km = _KernelManager(owner=self.uid, kernel_name=KERNEL_NAME, kernel_spec_manager=ksm,
                            transport="ipc", ip=str(self.runtime / "kernel"),
                            connection_file=str(self.runtime / "kernel.json"))
        return km

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "SandboxedKernel":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
