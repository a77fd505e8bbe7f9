"""Collect: turn what an instructor downloaded from an LMS into a list of course.

    collect(source, labs, workdir) -> Collection(submissions, problems)

``source`` is one of

- a folder with a sub-folder per student: ``SRC/<student>/<lab>.ipynb``, nbgrader's
  ``SRC/<student>/<lab>/<lab>.ipynb``, or any ``*.ipynb`` below the student's folder;
- an LMS download, as a .zip or a folder of files, named by student:
  Canvas ``{login}_{late_}?{userid}_{submissionid}_{original name}.ipynb``, Moodle folders
  ``{Full Name}_{id}_assignsubmission_file_/{original name}.ipynb`` (or the flat
  ``{Full Name}_{id}_assignsubmission_file_{original name}``), or plain
  ``{student}_{lab}.ipynb`` / ``{student}-{lab}.ipynb``; zips inside zips are opened too.
  Other naming schemes: pass ``named_regexp`` (nbgrader's syntax: ``(?P<student_id>…)`` and
  ``(?P<file_id>…)``, optionally ``(?P<timestamp>…)``).

Everything is extracted or copied into ``workdir/extracted`` (cleared first) with guards:
no absolute or ``..`` paths, limits on total size and file count, no __MACOSX or dotfiles.
The lab of each file comes from its name (a lab id, ``ch03``, ``lab3``) or, failing that,
from its content (autograder.grading.preflight.identify_lab). Only a missing or unreadable source
raises; any other trouble becomes a problem or a note.
"""
from __future__ import annotations

import os
import re
import shutil
import stat
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from nbgrader.plugins import ExtractorPlugin, FileNameCollectorPlugin
from traitlets import Int, List, Unicode

from autograder.grading import preflight

MAX_TOTAL_BYTES = 2 * 1024**3
MAX_FILES = 20_000
MAX_ZIP_DEPTH = 4
CANVAS = (r"^(?P<student_id>[^_]+)_(?P<late>late_)?(?P<user_id>\d+)_(?P<submission_id>\d+)_"
          r"(?P<file_id>.+)$")
MOODLE_FOLDER = r"^(?P<student_id>.+?)_(?P<user_id>\d+)_assignsubmission_(?:file|onlinetext)_?$"
MOODLE_FILE = r"^(?P<student_id>.+?)_(?P<user_id>\d+)_assignsubmission_file_(?P<file_id>.+)$"


@dataclass
class Submission:
    student: str            # a safe folder name: [A-Za-z0-9._-], no leading dot
    lab: str | None         # None: neither the file's name nor its content says which lab
    path: Path              # the file, under workdir/extracted
    original_name: str      # where it was in the download (path inside the zip or folder)
    notes: list[str] = field(default_factory=list)   # for the student's feedback


@dataclass
class Collection:
    submissions: list[Submission]
    problems: list[str]     # files that could not be attributed, with reasons


# ---------------------------------------------------------------- names

def safe_student_id(text: str, fallback: str = "") -> str:
    """A folder-safe student id: runs of other characters become '_', no leading dot.
    Falls back to ``fallback`` (then to 'student') when nothing is left."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_").lstrip(".-_")
    if fallback and (not safe or not text.isascii()):   # e.g. a name in Hangul: keep the id
        safe = f"{safe}_{fallback}" if safe else fallback
    return safe or "student"


def lab_from_name(name: str, labs: list[str]) -> str | None:
    """The lab a file or folder name mentions: a lab id, or 'ch3'/'ch03'/'lab3'/'chapter 3'
    naming exactly one lab of ``labs``."""
    low = name.lower()
    hits = {lab for lab in labs if lab.lower() in low}
    if len(hits) == 1:
        return hits.pop()
    numbers = re.findall(r"(?<![a-z0-9])(?:ch|chapter|lab)[ _-]?0*(\d{1,2})(?!\d)", low)
    hits = {lab for lab in labs for n in numbers
            if re.match(rf"ch0*{int(n)}(?!\d)", lab.lower())}
    return hits.pop() if len(hits) == 1 else None


class LmsFileNameCollector(FileNameCollectorPlugin):
    """nbgrader's file-name collector, trying several LMS schemes on a base name, quietly.
    Usable as ``nbgrader zip_collect --collector=autograder.grading.collect.LmsFileNameCollector``."""

    patterns = List(Unicode(), default_value=[CANVAS, MOODLE_FILE],
                    help="Regular expressions tried after named_regexp, in order.")

    def _match(self, filename: str) -> dict | None:
        name = os.path.basename(filename)
        for pattern in ([self.named_regexp] if self.named_regexp else []) + list(self.patterns):
            match = re.match(pattern, name)
            if match and match.groupdict().get("student_id"):
                return match.groupdict()
        return None


# ---------------------------------------------------------------- guarded extraction

class SafeExtractor(ExtractorPlugin):
    """nbgrader's extractor contract (archives in ``archive_path`` extracted into their own
    folder, other files copied) with guards against hostile archives. Problems are collected
    in ``self.problems`` instead of raised."""

    max_bytes = Int(MAX_TOTAL_BYTES, help="Most bytes written in all.").tag(config=True)
    max_files = Int(MAX_FILES, help="Most files written in all.").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.problems: list[str] = []
        self.written_bytes = 0
        self.written_files = 0
        self.stopped = False

    def extract(self, archive_path: str, extracted_path: str) -> None:
        """Copy a folder's notebooks and extract its zips into extracted_path."""
        root = Path(archive_path)
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not _ignored(d))
            for name in sorted(files):
                if self.stopped:
                    return
                path = Path(folder) / name
                relative = path.relative_to(root)
                if _ignored(name) or not self.take(relative.as_posix()):
                    continue
                if path.is_symlink():
                    self.problems.append(f"{relative}: a symbolic link, skipped.")
                elif name.lower().endswith(OTHER_ARCHIVES):
                    self.problems.append(_unsupported(relative.as_posix()))
                elif name.lower().endswith(".zip"):
                    self.extract_zip(path, Path(extracted_path) / relative.parent / path.stem,
                                     relative.as_posix(), 1)
                elif name.lower().endswith(".ipynb"):
                    target = Path(extracted_path) / relative
                    if self.over_limit(relative.as_posix(), path.stat().st_size):
                        return
                    self.written_bytes += path.stat().st_size
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, target)

    def take(self, label: str, size: int = 0) -> bool:
        """Count one more file of ``size`` bytes (as declared); False once over a limit."""
        self.written_files += 1
        return not self.over_limit(label, size)

    def over_limit(self, label: str, pending: int = 0) -> bool:
        """True (and a problem, once) when the files or bytes written pass the limits."""
        if not self.stopped:
            if self.written_files > self.max_files:
                self.problems.append(f"{label}: more than {self.max_files} files in the "
                                     "download; the rest was not extracted.")
                self.stopped = True
            elif self.written_bytes + pending > self.max_bytes:
                self.problems.append(f"{label}: more than {self.max_bytes} bytes once "
                                     "extracted (a zip bomb?); the rest was not extracted.")
                self.stopped = True
        return self.stopped

    def extract_zip(self, zip_path: Path, dest: Path, label: str, depth: int) -> None:
        """Extract a zip into dest, then the zips inside it into their own folders."""
        try:
            with zipfile.ZipFile(zip_path) as archive:
                for info in archive.infolist():
                    if not self.extract_member(archive, info, dest, label):
                        break
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as err:
            self.problems.append(f"{label}: not a readable zip file ({err}).")
            return
        for inner in sorted(dest.rglob("*")):
            if inner.is_file() and inner.suffix.lower() == ".zip":
                inner_label = f"{label}/{inner.relative_to(dest).as_posix()}"
                if depth >= MAX_ZIP_DEPTH:
                    self.problems.append(f"{inner_label}: zips nested too deep; not opened.")
                else:
                    self.extract_zip(inner, inner.with_suffix(""), inner_label, depth + 1)
                inner.unlink()

    def extract_member(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path,
                       label: str) -> bool:
        """Write one member if it is safe; False when a limit stops the extraction."""
        name = _member_name(info)
        parts = PurePosixPath(name).parts
        where = f"{label}/{name}"
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            self.problems.append(f"{where}: its path leaves the archive; skipped.")
            return True
        if info.is_dir() or any(_ignored(p) for p in parts):
            return True
        if name.lower().endswith(OTHER_ARCHIVES):
            self.problems.append(_unsupported(where))
        if not name.lower().endswith((".ipynb", ".zip")):
            return True
        if not self.take(where, info.file_size):
            return False
        target = dest.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as source, open(target, "wb") as out:
            while chunk := source.read(1 << 20):
                self.written_bytes += len(chunk)
                if self.over_limit(where):
                    out.close()
                    target.unlink()
                    return False
                out.write(chunk)
        try:
            stamp = time.mktime(info.date_time + (0, 0, -1))
            os.utime(target, (stamp, stamp))
        except (OverflowError, ValueError, OSError):
            pass
        return True


OTHER_ARCHIVES = (".tar", ".tar.gz", ".tgz", ".gz", ".rar", ".7z")


def _unsupported(label: str) -> str:
    return (f"{label}: an archive that is not a .zip; not opened (extract it by hand and "
            "collect again).")


def _ignored(name: str) -> bool:
    return name.startswith(".") or name == "__MACOSX"


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name; names a Korean Windows zip stored in CP949 are decoded as such."""
    name = info.filename.replace("\\", "/")
    if not info.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
            for codec in ("utf-8", "cp949"):
                try:
                    return raw.decode(codec)
                except UnicodeDecodeError:
                    pass
        except UnicodeEncodeError:
            pass
    return name


# ---------------------------------------------------------------- attribution

@dataclass
class _Found:
    """A notebook found in the download, attributed to a student."""
    path: Path
    original_name: str
    student: str
    lab: str | None = None
    name_lab: str | None = None
    content_lab: str | None = None
    rank: tuple = ()
    user_id: str = ""       # the LMS's own id of the student, when the name gives one
    notes: list[str] = field(default_factory=list)


def _student_from(info: dict) -> str:
    return safe_student_id(info["student_id"], info.get("user_id") or "")


def _rank(info: dict, path: Path) -> tuple:
    """Newer sorts later: LMS timestamp, late marker, submission id, Canvas '-N' suffix, mtime."""
    resubmit = re.search(r"-(\d+)\.ipynb$", info.get("file_id") or "")
    return (info.get("timestamp") or "", bool(info.get("late")),
            int(info.get("submission_id") or 0), int(resubmit.group(1)) if resubmit else 0,
            path.stat().st_mtime)


def _plain_match(name: str, labs: list[str]) -> dict | None:
    """``{student}_{lab}`` or ``{student}-{lab}``: the student part ends where the lab begins."""
    lab_start = "|".join([re.escape(lab) for lab in labs] + [r"ch\d", r"lab\d", r"chapter"])
    match = re.match(rf"^(?P<student_id>.+?)[_\- ](?P<file_id>(?:{lab_start}).*)$", name,
                     re.IGNORECASE)
    return match.groupdict() if match else None


def _wrapper(paths: list[PurePosixPath], labs: list[str]) -> int:
    """How many leading folders to skip in a zip: 1 when every notebook is inside the same
    top folder and the folders below it are not lab folders (a zip wrapping the class)."""
    tops = {p.parts[0] for p in paths if len(p.parts) > 1}
    if len(tops) != 1 or any(len(p.parts) == 1 for p in paths):
        return 0
    seconds = {p.parts[1] for p in paths if len(p.parts) > 2}
    if any(lab_from_name(s, labs) for s in seconds):
        return 0
    return 1


def _attribute(relative: PurePosixPath, skip: int, labs: list[str],
               collector: LmsFileNameCollector) -> tuple[str, dict] | str:
    """(student, name info) for one notebook, or why it cannot be attributed."""
    folders = relative.parts[:-1]
    for folder in reversed(folders):        # a Moodle folder, or a nested zip named by the LMS
        info = _match_folder(folder, collector)
        if info:
            return _student_from(info), {**info, "file_id": relative.name}
    info = collector._match(relative.name)
    if info:
        return _student_from(info), info
    inner = folders[skip:]
    if inner:                              # a folder per student
        return safe_student_id(inner[0]), {"file_id": relative.name}
    info = _plain_match(relative.stem, labs)
    if info:
        return _student_from(info), info
    if folders:                            # a zip holding one student's folder
        return safe_student_id(folders[-1]), {"file_id": relative.name}
    return (f"{relative}: cannot tell whose file this is (the name does not follow the "
            "Canvas, Moodle or student_lab pattern; pass a named_regexp for other schemes).")


def _match_folder(folder: str, collector: LmsFileNameCollector) -> dict | None:
    match = re.match(MOODLE_FOLDER, folder)
    if match:
        return match.groupdict()
    info = collector._match(folder)
    return info if info and "assignsubmission" not in folder else None


def _find_notebooks(root: Path, labs: list[str], from_zip: bool,
                    collector: LmsFileNameCollector) -> tuple[list[_Found], list[str]]:
    paths = sorted(p.relative_to(root) for p in root.rglob("*.ipynb") if p.is_file())
    posix = [PurePosixPath(p.as_posix()) for p in paths]
    skip = _wrapper(posix, labs) if from_zip else 0
    found, problems = [], []
    for relative in posix:
        result = _attribute(relative, skip, labs, collector)
        if isinstance(result, str):
            problems.append(result)
            continue
        student, info = result
        path = root / relative
        name_lab = lab_from_name(info.get("file_id") or relative.name, labs) or next(
            (lab for lab in map(lambda f: lab_from_name(f, labs), reversed(relative.parts[:-1]))
             if lab), None)
        found.append(_Found(path, relative.as_posix(), student, name_lab=name_lab,
                            rank=_rank(info, path), user_id=info.get("user_id") or ""))
    _disambiguate(found)
    return found, problems


def _disambiguate(found: list[_Found]) -> None:
    """Two students with the same name (different LMS ids) get their id appended."""
    ids: dict[str, set[str]] = {}
    for item in found:
        ids.setdefault(item.student, set()).add(item.user_id)
    for item in found:
        if len(ids[item.student]) > 1 and item.user_id and \
                not item.student.endswith(f"_{item.user_id}") and item.student != item.user_id:
            item.student = f"{item.student}_{item.user_id}"


# ---------------------------------------------------------------- labs and duplicates

def _identify(found: list[_Found], releases: dict) -> None:
    for item in found:
        try:
            if item.path.stat().st_size <= preflight.MAX_BYTES:
                item.content_lab = preflight.identify_lab(item.path.read_bytes(), releases)
        except OSError:
            item.content_lab = None


def _decide_labs(found: list[_Found], labs: list[str], problems: list[str]) -> list[_Found]:
    """Each file's lab: its name's, else its content's, else the only lab. A file named for
    lab Y holding lab X is re-filed under X unless the student also handed in X."""
    default = labs[0] if len(labs) == 1 else None
    for item in found:
        item.lab = item.name_lab or item.content_lab or default
        if item.lab is None:
            item.notes.append(f"Neither the name nor the content of '{item.path.name}' says "
                              "which lab it is.")
    kept = []
    for item in found:
        if item.name_lab and item.content_lab and item.name_lab != item.content_lab:
            x, y = item.content_lab, item.name_lab
            if any(o is not item and o.student == item.student and o.lab == x for o in found):
                problems.append(f"{item.original_name}: named for lab {y} but holds lab {x}'s "
                                f"notebook, and {item.student} also handed in lab {x}; "
                                "not graded.")
                continue
            item.lab = x
            item.notes.append(f"Your file '{item.path.name}' was named for lab {y} but holds "
                              f"lab {x}'s notebook; it was graded as lab {x}.")
        kept.append(item)
    return kept


def _newest(found: list[_Found]) -> list[_Found]:
    """One file per student and lab: the newest; the others are named in a note."""
    groups: dict[tuple, list[_Found]] = {}
    for item in found:
        groups.setdefault((item.student, item.lab), []).append(item)
    kept = []
    for items in groups.values():
        items.sort(key=lambda i: i.rank)
        newest = items[-1]
        if len(items) > 1 and newest.lab is not None:
            older = ", ".join(f"'{i.original_name}'" for i in items[:-1])
            newest.notes.append(f"You handed in {len(items)} files for lab {newest.lab}; the "
                                f"newest ('{newest.original_name}') was graded, not {older}.")
            kept.append(newest)
        else:
            kept.extend(items)
    return kept


def _default_releases(labs: list[str]) -> dict:
    from autograder.course_dir import release_notebook
    releases = {}
    for lab in labs:
        try:
            releases[lab] = release_notebook(lab)
        except (OSError, ValueError):
            pass
    return releases


# ---------------------------------------------------------------- the entry point

def _check_source(source: Path) -> None:
    if not source.exists():
        raise FileNotFoundError(f"{source}: no such file or folder. Give the folder or the "
                                ".zip file downloaded from the LMS.")
    if not os.access(source, os.R_OK | (os.X_OK if source.is_dir() else 0)):
        raise PermissionError(f"{source}: cannot be read (check its permissions).")
    if source.is_file() and not (zipfile.is_zipfile(source)
                                 or source.suffix.lower() == ".ipynb"):
        raise ValueError(f"{source}: neither a folder, a .zip file nor a notebook.")


def collect(source: Path, labs: list[str], workdir: Path, *, named_regexp: str = "",
            releases: dict | None = None, max_bytes: int = MAX_TOTAL_BYTES,
            max_files: int = MAX_FILES) -> Collection:
    """Find every student's notebook in an LMS download or a folder per student.

    source: a folder or a .zip; labs: the lab ids to collect; workdir: where files are
    extracted (``workdir/extracted`` is cleared first); named_regexp: an extra nbgrader-style
    file-name pattern; releases: {lab: release notebook} to recognize labs by content
    (default: this course's release/). Raises only for a missing or unreadable source."""
    source = Path(source)
    _check_source(source)
    extracted = Path(workdir) / "extracted"
    if extracted.exists():
        shutil.rmtree(extracted, onerror=_force_remove)
    extracted.mkdir(parents=True)
    extractor = SafeExtractor(max_bytes=max_bytes, max_files=max_files)
    if source.is_dir():
        extractor.extract(str(source), str(extracted))
    elif source.suffix.lower() == ".ipynb":
        shutil.copy2(source, extracted / source.name)
    else:
        extractor.extract_zip(source, extracted, source.name, 1)
    collector = LmsFileNameCollector(named_regexp=named_regexp)
    found, problems = _find_notebooks(extracted, labs, source.is_file(), collector)
    _identify(found, _default_releases(labs) if releases is None else releases)
    found = _newest(_decide_labs(found, labs, problems))
    submissions = [Submission(f.student, f.lab, f.path, f.original_name, f.notes)
                   for f in sorted(found, key=lambda f: (f.student, f.lab or "", f.original_name))]
    return Collection(submissions, extractor.problems + problems)


def _force_remove(function, path, _excinfo):
    os.chmod(path, stat.S_IWRITE | stat.S_IREAD | stat.S_IEXEC)
    function(path)
