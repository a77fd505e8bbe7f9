"""The student edition: what students may see, written as a git repository of its own.

    python -m autograder publish DEST [--message TEXT]

This repository is the instructor's. It holds every answer (source/, the judges, the
variants, the grader) and should stay private. Students get a separate repository, the
one named by ``[tool.backprop] student_repository`` in pyproject.toml, which every Colab
and Binder link points at. It holds only:

    README.md              for students: the chapters with their Colab links, Binder, how to
                           run a lab, how to hand it in
    notebooks/NAME.ipynb   the lectures (with their outputs)
    labs/NAME.ipynb        the labs as released: no solution, no hidden test
    ko/notebooks/, ko/labs/  the same in Korean (한국어판)
    data/mnist/            the bundled MNIST subset and its licence
    environment.yml        Binder's and conda's environment; requirements.txt for pip
    LICENSE

A first run creates DEST as a new repository (branch: [tool.backprop] branch); a later run
replaces its files and commits the difference, so the student repository's history shows
each update. Nothing else is ever copied: tests/test_publish.py checks that no solution or
hidden-test line, no grader module and no link to anywhere else gets in.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.authoring import editions, links
from autograder.course_dir import ROOT, lab_names, lecture_names

MARKER = ".student-edition"     # in DEST: written by this command (so it may rewrite DEST)
STUDENT_PACKAGES = ("numpy", "matplotlib", "ipykernel", "jupyterlab")


class PublishError(RuntimeError):
    """DEST cannot be written (not ours, inside this repository, no git, …)."""


@dataclass
class Published:
    dest: Path
    files: list[str]
    committed: bool              # False when nothing changed since the last publish
    created: bool                # True on the first publish into DEST


def chapter_title(path: Path) -> str:
    """The title of a notebook: its first Markdown heading, without "Chapter N —"."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return re.sub(r"^((Chapter|Lecture|Lab|실습) \d+|\d+장)\s*[—·:-]\s*", "",
                                  line[2:]).strip()
    return path.stem


def _pins() -> dict[str, str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        pins = tomllib.load(f)["project"]["dependencies"]
    found = dict(pin.split(";")[0].strip().split("==") for pin in pins)
    return {name: found[name] for name in STUDENT_PACKAGES}


def requirements_txt() -> str:
    return "".join(f"{name}=={version}\n" for name, version in _pins().items())


def environment_yml() -> str:
    pins = "".join(f"      - {name}=={version}\n" for name, version in _pins().items())
    return ("# Binder and conda: what the notebooks need (numpy, matplotlib) and JupyterLab.\n"
            "name: backprop-from-scratch-student\nchannels:\n  - conda-forge\ndependencies:\n"
            "  - python=3.11\n  - pip\n  - pip:\n" + pins)


def student_readme() -> str:
    repo = links.settings()["student_repository"]
    rows = []
    for number, (lecture, lab) in enumerate(zip(lecture_names(), lab_names()), start=1):
        title = chapter_title(ROOT / links.course_path("lectures", lecture))
        rows.append(f"| {number} | {title} | [Open in Colab]({links.colab_url(links.student_path('lectures', lecture))}) "
                    f"| [Open in Colab]({links.colab_url(links.student_path('labs', lab))}) |")
    table = "\n".join(["| # | chapter | lecture | lab |", "|---|---|---|---|", *rows])
    korean = korean_readme(repo) if korean_chapters() else ""
    return f"""# Backprop from Scratch

Lectures and labs on **backpropagation (오차역전파법)**, following chapter 5 of *Deep Learning
from Scratch* (밑바닥부터 시작하는 딥러닝). In each chapter you read a lecture, then write the
code of a lab yourself: the `backward()` of a layer, a gradient, a training step.

[![Binder]({links.BINDER_BADGE})]({links.binder_url()})

{table}

## Working on a lab

1. **Open it** in one of three places (each needs only Python, numpy and matplotlib):
   - **Google Colab**: click *Open in Colab* above. To keep your work, *File → Save a copy
     in Drive*.
   - **Binder**: the *launch binder* badge opens every notebook in JupyterLab in your
     browser (it takes a minute to start; the session is temporary: download your lab
     before you leave).
   - **Your own computer**: see below.
2. **Run the first code cell.** It checks Python, numpy and matplotlib and says `✓ Ready`,
   or tells you exactly what to install.
3. **Read the lecture first**, then work through the lab from top to bottom. Write your code
   where it says `YOUR CODE HERE` and delete the `raise NotImplementedError()` line. The
   locked cell after each answer checks your code on the book's example and says what to
   fix. When you hand the lab in, hidden checks try your code on new inputs (different for
   every student), including inputs where only a derivative you wrote yourself is exact: a
   backward computed numerically earns no points.
4. **Hand it in**: on Colab *File → Download → Download .ipynb*; elsewhere the `.ipynb` file
   itself. Upload it where your course says, without renaming it.

## On your own computer

With Python 3.11 or later:

```bash
git clone https://github.com/{repo}.git
cd {repo.split("/")[1]}
python3 -m venv .venv
.venv/bin/pip install -r requirements.txt
.venv/bin/jupyter lab
```

With conda: `conda env create -f environment.yml`, `conda activate
backprop-from-scratch-student`, `jupyter lab`.

## Data

Chapter 7 trains on MNIST. On Colab or any machine online, the lab downloads the full set
(about 11 MB) into a cache folder; offline it uses `data/mnist/` here: the first 10,000
training and 2,000 test images (CC BY-SA 3.0, see `data/mnist/README.md`).

## Licence

Code: MIT (see LICENSE). The course follows the structure and worked numbers of Koki
Saitoh, *Deep Learning from Scratch* (O'Reilly Japan; Korean edition 한빛미디어); its text
and code were written for this course.
{korean}"""


def korean_chapters() -> list[tuple[str, str]]:
    """(lecture, lab) of the chapters whose lecture and lab both exist in Korean."""
    built = set(editions.twins())
    return [(lecture, lab) for lecture, lab in zip(lecture_names(), lab_names())
            if ("lectures", lecture) in built and ("labs", lab) in built]


def korean_readme(repo: str) -> str:
    """The README's Korean section: the chapters with their Colab links, how to open, run
    and hand in a lab."""
    rows = []
    for number, (lecture, lab) in enumerate(korean_chapters(), start=1):
        title = chapter_title(ROOT / links.course_path("lectures", lecture, "ko"))
        rows.append(f"| {number} | {title} "
                    f"| [Colab에서 열기]({links.colab_url(links.student_path('lectures', lecture, 'ko'))}) "
                    f"| [Colab에서 열기]({links.colab_url(links.student_path('labs', lab, 'ko'))}) |")
    table = "\n".join(["| 장 | 제목 | 강의 | 실습 |", "|---|---|---|---|", *rows])
    return f"""
## 한국어판

같은 강의와 실습을 한국어로 읽을 수 있습니다. 코드와 채점은 영어판과 똑같고, 설명과 채점
메시지만 한국어입니다. 두 판 가운데 어느 쪽을 제출해도 같은 점수를 받습니다.

{table}

### 설치

Colab이나 Binder에서는 설치할 것이 없습니다. 내 컴퓨터에서는 파이썬 3.11 이상으로:

```bash
git clone https://github.com/{repo}.git
cd {repo.split("/")[1]}
python3 -m venv .venv
.venv/bin/pip install -r requirements.txt
.venv/bin/jupyter lab
```

### 실행

1. 위 표의 *Colab에서 열기*를 누릅니다. 작업을 남기려면 *파일 → Drive에 사본 저장*을
   먼저 하세요. 내 컴퓨터에서는 `ko/labs/`의 실습 노트북을 JupyterLab에서 엽니다.
2. 첫 번째 코드 셀을 실행합니다. 파이썬, 넘파이, 맷플롯립을 확인하고 `✓ 준비되었습니다`를
   출력하거나, 무엇을 설치해야 하는지 알려 줍니다.
3. 강의를 먼저 읽고, 실습을 위에서부터 차례로 풉니다. `YOUR CODE HERE` 자리에 코드를 쓰고
   `raise NotImplementedError()` 줄은 지웁니다. 답안 셀 다음의 잠긴 셀이 책의 예제로 코드를
   확인하고 무엇을 고쳐야 하는지 알려 줍니다.

### 제출

Colab에서는 *파일 → 다운로드 → .ipynb 다운로드*, 다른 곳에서는 `.ipynb` 파일 그대로를,
이름을 바꾸지 말고 수업에서 정한 곳에 올립니다. 제출하면 숨은 검사가 학생마다 다른 새
입력으로 코드를 확인합니다. 수치 미분으로 계산한 역전파는 점수를 받지 못합니다: 국소적
미분을 직접 쓰세요.
"""


def student_files() -> dict[str, bytes | Path]:
    """{path in the student edition: its bytes, or the file of this repository to copy}."""
    files: dict[str, bytes | Path] = {
        "README.md": student_readme().encode(),
        "requirements.txt": requirements_txt().encode(),
        "environment.yml": environment_yml().encode(),
        "LICENSE": ROOT / "LICENSE",
        ".gitignore": b".ipynb_checkpoints/\n.venv/\n__pycache__/\n",
        MARKER: b"Written by `python -m autograder publish` in the instructor's repository.\n"
                b"Edit the course there and publish again; changes made here are replaced.\n",
    }
    for name in lecture_names():
        files[links.student_path("lectures", name)] = ROOT / links.course_path("lectures", name)
    for name in lab_names():
        files[links.student_path("labs", name)] = ROOT / links.course_path("labs", name)
    for lecture, lab in korean_chapters():
        files[links.student_path("lectures", lecture, "ko")] = \
            ROOT / links.course_path("lectures", lecture, "ko")
        files[links.student_path("labs", lab, "ko")] = ROOT / links.course_path("labs", lab, "ko")
    for path in sorted((ROOT / "data" / "mnist").iterdir()):
        if path.is_file():
            files[f"data/mnist/{path.name}"] = path
    return files


def _git(dest: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=dest, capture_output=True, text=True)
    except FileNotFoundError:
        raise PublishError("git is not installed: the student edition is a git repository "
                           "(install git, e.g. `sudo apt-get install git`)") from None
    if result.returncode != 0:
        raise PublishError(f"git {' '.join(args)} failed in {dest}: {result.stderr.strip()}")
    return result.stdout


def _identity(dest: Path) -> list[str]:
    """The committer: the instructor's own git identity, else a neutral one."""
    have = subprocess.run(["git", "config", "user.email"], cwd=dest, capture_output=True,
                          text=True).stdout.strip()
    return [] if have else ["-c", "user.name=Backprop from Scratch",
                            "-c", "user.email=publish@backprop-from-scratch.invalid"]


def _check_destination(dest: Path) -> bool:
    """True when DEST is new (or empty); PublishError unless it is new or ours."""
    if dest == ROOT or ROOT in dest.parents:
        raise PublishError(f"{dest} is inside the instructor's repository: publish the student "
                           f"edition somewhere else (its own repository)")
    if not dest.exists() or (dest.is_dir() and not any(dest.iterdir())):
        return True
    if not (dest / MARKER).is_file() or not (dest / ".git").exists():
        raise PublishError(f"{dest} exists and is not a student edition written by this "
                           f"command: choose a new folder (nothing was changed)")
    return False


def publish(dest: Path, message: str | None = None) -> Published:
    dest = Path(dest).resolve()
    created = _check_destination(dest)
    files = student_files()
    if created:
        dest.mkdir(parents=True, exist_ok=True)
        _git(dest, "init", "-q", "-b", links.settings()["branch"])
    else:  # ours: everything but the history is rewritten from the course
        for path in dest.iterdir():
            if path.name != ".git":
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    for name, content in files.items():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_bytes(content)
    _git(dest, "add", "-A")
    changed = bool(_git(dest, "status", "--porcelain").strip())
    if changed:
        _git(dest, *_identity(dest), "commit", "-q", "-m",
             message or ("Publish the student edition" if created else "Update the student edition"))
    return Published(dest, sorted(files), changed, created)
