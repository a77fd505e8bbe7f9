"""The student edition (`python -m autograder publish DEST`): its own git repository,
holding what students may see and nothing else, every link pointing at it. (The Colab
baseline, tests/test_colab_baseline.py, runs its notebooks.)"""
import re
import subprocess
import sys

import nbformat
import pytest
from conftest import EDITIONS, LABS, LECTURES, ROOT

from autograder import course_dir
from autograder.authoring import links, publish

COLAB = re.compile(r"https://colab\.research\.google\.com/github/([\w.-]+/[\w.-]+)/blob/([\w.-]+)/(\S+?\.ipynb)")
BINDER = re.compile(r"https://mybinder\.org/v2/gh/([\w.-]+/[\w.-]+)/([\w.-]+)\?")
ANY_GITHUB = re.compile(r"github\.com/([\w-]+/[\w.-]+)")


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    dest = tmp_path_factory.mktemp("publish") / "student-edition"
    result = subprocess.run([sys.executable, "-m", "autograder", "publish", str(dest)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "student edition created" in result.stdout and "git push" in result.stdout
    return dest


def git(dest, *args):
    return subprocess.run(["git", *args], cwd=dest, capture_output=True, text=True,
                          check=True).stdout


def test_it_is_a_repository_of_the_student_files_only(edition):
    tracked = set(git(edition, "ls-files").split())
    expected = {"README.md", "LICENSE", "environment.yml", "requirements.txt", ".gitignore",
                publish.MARKER}
    expected |= {links.student_path("lectures", n, lang) for n in LECTURES for lang in EDITIONS}
    expected |= {links.student_path("labs", n, lang) for n in LABS for lang in EDITIONS}
    expected |= {f"data/mnist/{p.name}" for p in (ROOT / "data" / "mnist").iterdir()}
    assert tracked == expected
    assert len(git(edition, "log", "--oneline").splitlines()) == 1
    assert git(edition, "rev-parse", "--abbrev-ref", "HEAD").strip() == links.settings()["branch"]


def secret_lines() -> set[str]:
    """Lines of source/ inside a solution or hidden-test region that are specific enough to
    spot (as ../shared/tools/leakcheck.py finds them), and the judges' hidden lines."""
    found = set()
    for lab in LABS:
        for cell in course_dir.source_notebook(lab).cells:
            inside = False
            for line in cell.source.splitlines():
                if re.search(r"BEGIN (SOLUTION|HIDDEN TESTS)", line):
                    inside = True
                elif re.search(r"END (SOLUTION|HIDDEN TESTS)", line):
                    inside = False
                elif inside and len(line.strip()) >= 24 and not line.strip().startswith("#"):
                    found.add(line.strip())
    return found


def test_no_answer_hidden_check_or_grader_code_gets_in(edition):
    """No lab holds a line of a solution or a hidden test; nothing holds the grader's
    markers or code. (The lectures teach by worked examples, some of which a lab asks for
    again: that is a matter of the content, not of the publishing.)"""
    secrets = secret_lines()
    assert len(secrets) > 50
    for path in edition.rglob("*"):
        if ".git" in path.parts or not path.is_file() or path.suffix == ".gz":
            continue
        text = path.read_text(encoding="utf-8")
        if path.parent.name == "labs" or path.name == "README.md":
            leaked = [line for line in secrets if line in text]
            assert not leaked, (path, leaked[:3])
        for word in ("BEGIN SOLUTION", "HIDDEN TESTS", "autograder.checks", "judge_here",
                     "autograder.judging"):
            assert word not in text, (path, word)
    assert not [p for p in edition.rglob("*.py")], "no Python module is published"


def test_the_leak_check_passes_on_the_published_labs(edition, tmp_path):
    """../shared/tools/leakcheck.py on a course made of source/ and the published labs."""
    tool = ROOT.parent / "shared" / "tools" / "leakcheck.py"
    if not tool.is_file():
        pytest.skip("../shared/tools/leakcheck.py is not beside this repository")
    for lang in EDITIONS:
        course = tmp_path / f"course-{lang}"
        for lab in LABS:
            (course / "source" / lab).mkdir(parents=True)
            (course / "source" / lab / f"{lab}.ipynb").write_bytes(
                (ROOT / "source" / lab / f"{lab}.ipynb").read_bytes())
            (course / "release" / lab).mkdir(parents=True)
            (course / "release" / lab / f"{lab}.ipynb").write_bytes(
                (edition / links.student_path("labs", lab, lang)).read_bytes())
        result = subprocess.run([sys.executable, str(tool), str(course)], capture_output=True,
                                text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_every_link_points_at_the_student_repository(edition):
    expected = (links.settings()["student_repository"], links.settings()["branch"])
    for path in [edition / "README.md", *edition.rglob("*.ipynb")]:
        text = path.read_text(encoding="utf-8")
        for slug, branch, target in COLAB.findall(text):
            assert (slug, branch) == expected, (path, slug, branch)
            assert (edition / target).is_file(), (path, target)
        assert set(BINDER.findall(text)) <= {expected}, path
        slugs = {slug.removesuffix(".git") for slug in ANY_GITHUB.findall(text)}
        assert slugs <= {expected[0]}, (path, slugs)
    for kind, names in (("lectures", LECTURES), ("labs", LABS)):
        for name in names:
            for lang in EDITIONS:
                path = links.student_path(kind, name, lang)
                nb = nbformat.read(edition / path, as_version=4)
                assert links.colab_url(path) in nb.cells[1].source, path
    readme = (edition / "README.md").read_text()
    assert BINDER.findall(readme) == [expected]
    assert {target for _, _, target in COLAB.findall(readme)} == {
        links.student_path(k, n, lang) for k, names in (("lectures", LECTURES), ("labs", LABS))
        for n in names for lang in EDITIONS}
    assert "## 한국어판" in readme and "### 제출" in readme


def test_binder_and_pip_get_the_pinned_student_packages(edition):
    for name in ("environment.yml", "requirements.txt"):
        text = (edition / name).read_text()
        for package in publish.STUDENT_PACKAGES:
            assert re.search(rf"\b{package}==\d", text), (name, package)
        assert "nbgrader" not in text and "backprop" not in text.replace(
            "backprop-from-scratch-student", "")


def test_publishing_again_commits_only_what_changed(edition, monkeypatch):
    stray, lab = edition / "labs" / "stray.ipynb", edition / links.student_path("labs", LABS[0])
    stray.write_text("{}")          # a file the course does not have
    lab.write_text("{}")            # an edit made in the student edition
    again = publish.publish(edition)
    assert not again.committed and not again.created       # the course did not change
    assert not stray.exists() and lab.read_bytes() == (ROOT / links.course_path("labs", LABS[0])).read_bytes()
    readme = publish.student_readme() + "\nOffice hours: Tuesdays.\n"
    monkeypatch.setattr(publish, "student_readme", lambda: readme)
    updated = publish.publish(edition, message="Office hours")
    assert updated.committed
    assert git(edition, "log", "-1", "--format=%s").strip() == "Office hours"
    assert len(git(edition, "log", "--oneline").splitlines()) == 2


def test_a_folder_it_did_not_write_is_refused_and_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(publish.PublishError, match="not a student edition"):
        publish.publish(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    with pytest.raises(publish.PublishError, match="inside the instructor's repository"):
        publish.publish(ROOT / "student-edition")
