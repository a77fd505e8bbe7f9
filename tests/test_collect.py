"""Collecting submissions from LMS downloads and student folders."""
import io
import os
import zipfile

import nbformat
import pytest
from conftest import LABS

from autograder.course_dir import (
    reference_answers,
    release_notebook,
    source_notebook,
    with_answers,
)
from autograder.grading import collect as collecting
from autograder.grading.collect import collect, lab_from_name, safe_student_id

CH03, CH04 = "ch03_add_mul_layers", "ch04_activation_layers"
RELEASES = {lab: release_notebook(lab) for lab in LABS}


def notebook_bytes(lab: str) -> bytes:
    return nbformat.writes(with_answers(RELEASES[lab], reference_answers(source_notebook(lab)))
                           ).encode()


NB = {CH03: notebook_bytes(CH03), CH04: notebook_bytes(CH04)}


def make_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write_tree(root, files: dict[str, bytes]):
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def run(source, tmp_path, labs=(CH03, CH04), **options):
    return collect(source, list(labs), tmp_path / "work", releases=RELEASES, **options)


def table(collection) -> list[tuple]:
    return [(s.student, s.lab, s.original_name) for s in collection.submissions]


# ---------------------------------------------------------------- a folder per student

def test_folder_per_student_layouts(tmp_path):
    source = write_tree(tmp_path / "src", {
        f"alice/{CH03}.ipynb": NB[CH03],                           # SRC/<student>/<lab>.ipynb
        f"bob/{CH03}/{CH03}.ipynb": NB[CH03],                      # nbgrader's layout
        f"bob/{CH04}/{CH04}.ipynb": NB[CH04],
        "carol/my homework.ipynb": NB[CH04],                       # lab from the content
        "dave/lab3 final.ipynb": NB[CH03],                         # lab from 'lab3'
        "erin/notes.txt": b"not a notebook",
    })
    collection = run(source, tmp_path)
    assert table(collection) == [
        ("alice", CH03, f"alice/{CH03}.ipynb"),
        ("bob", CH03, f"bob/{CH03}/{CH03}.ipynb"),
        ("bob", CH04, f"bob/{CH04}/{CH04}.ipynb"),
        ("carol", CH04, "carol/my homework.ipynb"),
        ("dave", CH03, "dave/lab3 final.ipynb"),
    ]
    assert collection.problems == []
    assert all(s.notes == [] for s in collection.submissions)
    first = collection.submissions[0]
    assert first.path == tmp_path / "work" / "extracted" / "alice" / f"{CH03}.ipynb"
    assert first.path.read_bytes() == NB[CH03]


def test_two_files_for_one_lab_keep_the_newest_by_mtime(tmp_path):
    source = write_tree(tmp_path / "src", {"alice/draft.ipynb": NB[CH03],
                                           "alice/final.ipynb": NB[CH03]})
    os.utime(source / "alice/draft.ipynb", (2_000_000_000, 2_000_000_000))
    os.utime(source / "alice/final.ipynb", (1_000_000_000, 1_000_000_000))
    collection = run(source, tmp_path)
    assert table(collection) == [("alice", CH03, "alice/draft.ipynb")]
    assert collection.submissions[0].notes == [
        f"You handed in 2 files for lab {CH03}; the newest ('alice/draft.ipynb') was graded, "
        "not 'alice/final.ipynb'."]


def test_a_zip_of_the_class_in_one_folder(tmp_path):
    source = tmp_path / "class.zip"
    source.write_bytes(make_zip({f"submitted/alice/{CH03}/{CH03}.ipynb": NB[CH03],
                                 f"submitted/bob/{CH03}.ipynb": NB[CH03]}))
    assert table(run(source, tmp_path)) == [
        ("alice", CH03, f"submitted/alice/{CH03}/{CH03}.ipynb"),
        ("bob", CH03, f"submitted/bob/{CH03}.ipynb")]


# ---------------------------------------------------------------- LMS downloads

def test_canvas_zip_with_late_and_resubmitted_files(tmp_path):
    source = tmp_path / "submissions.zip"
    source.write_bytes(make_zip({
        f"smithjohn_1001_5001_{CH03}.ipynb": NB[CH03],
        f"smithjohn_late_1001_5002_{CH03}-1.ipynb": NB[CH03],    # resubmitted late: newer
        "kimminsu_1002_5003_Untitled.ipynb": NB[CH04],           # lab from the content
        f"leejiwoo_1003_5004_{CH04}.ipynb": NB[CH04],
    }))
    collection = run(source, tmp_path)
    assert table(collection) == [
        ("kimminsu", CH04, "kimminsu_1002_5003_Untitled.ipynb"),
        ("leejiwoo", CH04, f"leejiwoo_1003_5004_{CH04}.ipynb"),
        ("smithjohn", CH03, f"smithjohn_late_1001_5002_{CH03}-1.ipynb"),
    ]
    assert collection.submissions[2].notes == [
        f"You handed in 2 files for lab {CH03}; the newest "
        f"('smithjohn_late_1001_5002_{CH03}-1.ipynb') was graded, not "
        f"'smithjohn_1001_5001_{CH03}.ipynb'."]
    assert collection.problems == []


def test_moodle_zip_with_a_folder_per_student(tmp_path):
    source = tmp_path / "moodle.zip"
    source.write_bytes(make_zip({
        f"Kim Min-su_2345_assignsubmission_file_/{CH03}.ipynb": NB[CH03],
        "홍길동_2346_assignsubmission_file_/lab.ipynb": NB[CH03],
        "Anna O'Neil_2347_assignsubmission_file_/Chapter 4.ipynb": NB[CH04],
        f"Flat Name_2348_assignsubmission_file_{CH04}.ipynb": NB[CH04],   # no folders
    }))
    assert table(run(source, tmp_path)) == [
        ("2346", CH03, "홍길동_2346_assignsubmission_file_/lab.ipynb"),
        ("Anna_O_Neil", CH04, "Anna O'Neil_2347_assignsubmission_file_/Chapter 4.ipynb"),
        ("Flat_Name", CH04, f"Flat Name_2348_assignsubmission_file_{CH04}.ipynb"),
        ("Kim_Min-su", CH03, f"Kim Min-su_2345_assignsubmission_file_/{CH03}.ipynb"),
    ]


def test_students_with_the_same_name_stay_apart(tmp_path):
    source = tmp_path / "moodle.zip"
    source.write_bytes(make_zip({f"Kim Minsu_11_assignsubmission_file_/{CH03}.ipynb": NB[CH03],
                                 f"Kim Minsu_12_assignsubmission_file_/{CH03}.ipynb": NB[CH03]}))
    assert [s.student for s in run(source, tmp_path).submissions] == ["Kim_Minsu_11",
                                                                      "Kim_Minsu_12"]


def test_nested_zips(tmp_path):
    student_zip = make_zip({f"work/{CH03}.ipynb": NB[CH03], f"work/{CH04}.ipynb": NB[CH04]})
    canvas = make_zip({"parkjisu_1004_5005_lab3.zip": student_zip,
                       f"choiyuna_1005_5006_{CH03}.ipynb": NB[CH03]})
    source = tmp_path / "outer.zip"
    source.write_bytes(make_zip({"canvas.zip": canvas}))
    collection = run(source, tmp_path)
    assert table(collection) == [
        ("choiyuna", CH03, f"canvas/choiyuna_1005_5006_{CH03}.ipynb"),
        ("parkjisu", CH03, f"canvas/parkjisu_1004_5005_lab3/work/{CH03}.ipynb"),
        ("parkjisu", CH04, f"canvas/parkjisu_1004_5005_lab3/work/{CH04}.ipynb"),
    ]
    assert not list((tmp_path / "work").rglob("*.zip"))


def test_plain_student_lab_names_in_a_folder_of_files(tmp_path):
    source = write_tree(tmp_path / "src", {
        f"alice_{CH03}.ipynb": NB[CH03], "bob-ch04.ipynb": NB[CH04],
        f"kim_lee_{CH03}.ipynb": NB[CH03], "Untitled.ipynb": NB[CH03]})
    collection = run(source, tmp_path)
    assert table(collection) == [("alice", CH03, f"alice_{CH03}.ipynb"),
                                 ("bob", CH04, "bob-ch04.ipynb"),
                                 ("kim_lee", CH03, f"kim_lee_{CH03}.ipynb")]
    assert collection.problems == [
        "Untitled.ipynb: cannot tell whose file this is (the name does not follow the Canvas, "
        "Moodle or student_lab pattern; pass a named_regexp for other schemes)."]


def test_a_named_regexp_for_another_lms(tmp_path):
    source = write_tree(tmp_path / "src", {
        f"hw_s2024001_attempt_2024-05-01-10-00-00_{CH03}.ipynb": NB[CH03],
        f"hw_s2024001_attempt_2024-05-02-09-00-00_{CH03}.ipynb": NB[CH03]})
    regexp = r".*_(?P<student_id>s\d+)_attempt_(?P<timestamp>[0-9\-]+)_(?P<file_id>\w+)"
    collection = run(source, tmp_path, named_regexp=regexp)
    assert table(collection) == [
        ("s2024001", CH03, f"hw_s2024001_attempt_2024-05-02-09-00-00_{CH03}.ipynb")]


# ---------------------------------------------------------------- the wrong lab

def test_a_misnamed_file_is_refiled_under_its_real_lab(tmp_path):
    source = write_tree(tmp_path / "src", {f"alice/{CH04}.ipynb": NB[CH03]})
    collection = run(source, tmp_path)
    assert table(collection) == [("alice", CH03, f"alice/{CH04}.ipynb")]
    assert collection.submissions[0].notes == [
        f"Your file '{CH04}.ipynb' was named for lab {CH04} but holds lab {CH03}'s notebook; "
        f"it was graded as lab {CH03}."]


def test_a_misnamed_file_beside_the_real_one_is_a_problem(tmp_path):
    source = write_tree(tmp_path / "src", {f"alice/{CH04}.ipynb": NB[CH03],
                                           f"alice/{CH03}.ipynb": NB[CH03]})
    collection = run(source, tmp_path)
    assert table(collection) == [("alice", CH03, f"alice/{CH03}.ipynb")]
    assert collection.problems == [
        f"alice/{CH04}.ipynb: named for lab {CH04} but holds lab {CH03}'s notebook, and alice "
        f"also handed in lab {CH03}; not graded."]


def test_one_lab_is_the_default_for_unrecognizable_files(tmp_path):
    source = write_tree(tmp_path / "src", {"alice/broken.ipynb": b"{not json",
                                           "bob/broken.ipynb": b"{not json"})
    assert [s.lab for s in run(source, tmp_path, labs=[CH03]).submissions] == [CH03, CH03]
    collection = run(source, tmp_path)
    assert [s.lab for s in collection.submissions] == [None, None]
    assert collection.submissions[0].notes == [
        "Neither the name nor the content of 'broken.ipynb' says which lab it is."]


# ---------------------------------------------------------------- hostile archives

def test_paths_escaping_the_archive_are_skipped(tmp_path):
    source = tmp_path / "evil.zip"
    source.write_bytes(make_zip({f"../evil_{CH03}.ipynb": NB[CH03],
                                 f"/tmp/abs_{CH03}.ipynb": NB[CH03],
                                 f"sub/../../up_{CH03}.ipynb": NB[CH03],
                                 f"alice_{CH03}.ipynb": NB[CH03]}))
    collection = run(source, tmp_path)
    assert table(collection) == [("alice", CH03, f"alice_{CH03}.ipynb")]
    assert collection.problems == [
        f"evil.zip/../evil_{CH03}.ipynb: its path leaves the archive; skipped.",
        f"evil.zip//tmp/abs_{CH03}.ipynb: its path leaves the archive; skipped.",
        f"evil.zip/sub/../../up_{CH03}.ipynb: its path leaves the archive; skipped."]
    assert sorted(p.name for p in tmp_path.rglob("*.ipynb")) == [f"alice_{CH03}.ipynb"]


def test_a_zip_bomb_stops_at_the_size_limit(tmp_path):
    source = tmp_path / "bomb.zip"
    source.write_bytes(make_zip({f"alice_{CH03}.ipynb": NB[CH03],
                                 f"bomb_{CH03}.ipynb": b"0" * 5_000_000}))
    assert source.stat().st_size < 100_000
    collection = run(source, tmp_path, max_bytes=1_000_000)
    assert table(collection) == [("alice", CH03, f"alice_{CH03}.ipynb")]
    assert collection.problems == [f"bomb.zip/bomb_{CH03}.ipynb: more than 1000000 bytes once "
                                   "extracted (a zip bomb?); the rest was not extracted."]
    assert not (tmp_path / "work" / "extracted" / f"bomb_{CH03}.ipynb").exists()


def test_the_file_count_limit(tmp_path):
    source = tmp_path / "many.zip"
    source.write_bytes(make_zip({f"s{i}_{CH03}.ipynb": b"{}" for i in range(10)}))
    collection = run(source, tmp_path, max_files=4)
    assert len(collection.submissions) == 4
    assert collection.problems == [f"many.zip/s4_{CH03}.ipynb: more than 4 files in the "
                                   "download; the rest was not extracted."]


def test_macos_folders_dotfiles_and_broken_inner_zips_are_ignored(tmp_path):
    source = tmp_path / "mac.zip"
    source.write_bytes(make_zip({f"__MACOSX/._alice_{CH03}.ipynb": b"\x00\x05",
                                 f".hidden_{CH03}.ipynb": NB[CH03],
                                 f"alice_{CH03}.ipynb": NB[CH03],
                                 "bob_lab3.zip": b"PK\x03\x04 this is no zip"}))
    collection = run(source, tmp_path)
    assert table(collection) == [("alice", CH03, f"alice_{CH03}.ipynb")]
    assert len(collection.problems) == 1
    assert collection.problems[0].startswith("mac.zip/bob_lab3.zip: not a readable zip file")


def test_other_archives_and_symlinks_are_reported(tmp_path):
    source = write_tree(tmp_path / "src", {f"alice/{CH03}.ipynb": NB[CH03],
                                           "bob/work.tar.gz": b"\x1f\x8b"})
    (source / "carol").mkdir()
    (source / "carol" / f"{CH03}.ipynb").symlink_to(source / "alice" / f"{CH03}.ipynb")
    collection = run(source, tmp_path)
    assert table(collection) == [("alice", CH03, f"alice/{CH03}.ipynb")]
    assert collection.problems == [
        "bob/work.tar.gz: an archive that is not a .zip; not opened (extract it by hand and "
        "collect again).",
        f"carol/{CH03}.ipynb: a symbolic link, skipped."]


# ---------------------------------------------------------------- names and the source

@pytest.mark.parametrize("raw, fallback, safe", [
    ("alice", "", "alice"), ("Kim Min-su", "", "Kim_Min-su"), ("../../etc", "", "etc"),
    (".hidden", "", "hidden"), ("홍길동", "2346", "2346"), ("Jürgen Koch", "7", "J_rgen_Koch_7"),
    ("", "", "student"), ("a/b\\c", "", "a_b_c")])
def test_safe_student_ids(raw, fallback, safe):
    assert safe_student_id(raw, fallback) == safe


@pytest.mark.parametrize("name, lab", [
    (f"{CH03}-1.ipynb", CH03), ("Ch3 final.ipynb", CH03), ("lab_04.ipynb", CH04),
    ("chapter 4.ipynb", CH04), ("ch34.ipynb", None), ("Untitled.ipynb", None)])
def test_lab_from_name(name, lab):
    assert lab_from_name(name, [CH03, CH04]) == lab


def test_a_missing_source_raises_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        run(tmp_path / "nowhere.zip", tmp_path)
    (tmp_path / "grades.csv").write_text("x")
    with pytest.raises(ValueError, match="neither a folder, a .zip file nor a notebook"):
        run(tmp_path / "grades.csv", tmp_path)


def test_collecting_again_starts_clean(tmp_path):
    source = write_tree(tmp_path / "src", {f"alice/{CH03}.ipynb": NB[CH03]})
    run(source, tmp_path)
    (source / "alice" / f"{CH03}.ipynb").unlink()
    write_tree(source, {f"bob/{CH03}.ipynb": NB[CH03]})
    assert table(run(source, tmp_path)) == [("bob", CH03, f"bob/{CH03}.ipynb")]
    assert not (tmp_path / "work" / "extracted" / "alice").exists()


def test_the_plugins_fit_nbgrader_zip_collect():
    from nbgrader.plugins import ExtractorPlugin, FileNameCollectorPlugin
    assert issubclass(collecting.SafeExtractor, ExtractorPlugin)
    assert issubclass(collecting.LmsFileNameCollector, FileNameCollectorPlugin)
    info = collecting.LmsFileNameCollector().collect(f"/x/smithjohn_1_2_{CH03}.ipynb")
    assert (info["student_id"], info["file_id"]) == ("smithjohn", f"{CH03}.ipynb")
