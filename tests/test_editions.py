"""The Korean edition is a twin of the English one: every lecture, lab and provided module
has a Korean twin with the same cells and the same code (only prose differs), enough Korean
in it, and the headings the checks cite are the Korean lectures' own."""
import pytest
from conftest import LABS, LECTURES, ROOT

from autograder.authoring import editions

PROVIDED = sorted(p.stem for p in (ROOT / "autograder" / "provided").glob("*.py")
                  if p.stem != "__init__")
ALL = [("lectures", n) for n in LECTURES] + [("labs", n) for n in LABS] + \
      [("provided", n) for n in PROVIDED]


@pytest.mark.parametrize("kind,name", ALL, ids=[f"{k}/{n}" for k, n in ALL])
def test_every_file_has_a_korean_twin_that_is_one(kind, name):
    assert editions.twin_path(kind, name).is_file(), f"no Korean twin of {kind}/{name}"
    assert editions.differences(kind, name) == []
    assert editions.markdown_share(kind, name) >= editions.MIN_HANGUL_SHARE


def test_a_changed_line_of_code_is_not_a_twin(tmp_path, monkeypatch):
    """The check compares code, not words: a changed number is caught, a translated print
    is not."""
    english = "# %%\nx = 2\nprint('the value is', x)\n"
    monkeypatch.setattr(editions, "CONTENT", tmp_path)
    monkeypatch.setattr(editions, "KOREAN", tmp_path / "ko")
    (tmp_path / "labs").mkdir()
    (tmp_path / "ko" / "labs").mkdir(parents=True)
    (tmp_path / "labs" / "ch99_x.py").write_text(english)
    twin = tmp_path / "ko" / "labs" / "ch99_x.py"
    twin.write_text("# %%\nx = 2\nprint('값은', x)\n")
    assert editions.differences("labs", "ch99_x") == []
    twin.write_text("# %%\nx = 3\nprint('값은', x)\n")
    assert editions.differences("labs", "ch99_x")


def test_the_cited_korean_headings_are_up_to_date():
    path = ROOT / "autograder" / "checks" / "headings.py"
    assert path.read_text(encoding="utf-8") == editions.headings_source(), \
        "autograder/checks/headings.py is stale: run `make notebooks`"
