"""Inputs that differ per student and per course, and come back the same on a regrade.

Every judge draws its inputs from a seed made of the course's secret and the student's id
(HMAC-SHA256), so one student's outputs are no lookup table for another, and the public
code says nothing about anyone's inputs. The secret is 32 random bytes, created on first
use in the course directory (``.course-secret``, git-ignored, readable by its owner only);
``BACKPROP_COURSE_SECRET`` (hex) overrides it, e.g. on grading machines that share one.
The seed of each notebook is recorded in results.json: the same secret regrades the same.
Stock nbgrader grading, which knows no student id, keeps fixed seeds (``None``).
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

SECRET_FILE = ".course-secret"
SECRET_VARIABLE = "BACKPROP_COURSE_SECRET"


def course_secret(course: Path) -> bytes:
    """The course's secret: $BACKPROP_COURSE_SECRET, else course/.course-secret (made now
    if it does not exist yet)."""
    given = os.environ.get(SECRET_VARIABLE)
    if given:
        try:
            return bytes.fromhex(given.strip())
        except ValueError:
            raise ValueError(f"${SECRET_VARIABLE} must be hexadecimal (e.g. the content of "  # not for students
                             f"{SECRET_FILE})") from None
    path = Path(course) / SECRET_FILE
    if not path.exists():  # written whole, then linked in: a concurrent run sees all or none
        fd, draft = tempfile.mkstemp(dir=path.parent, prefix=".course-secret-")
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:       # another grading run made it a moment ago
            pass
        finally:
            os.unlink(draft)
    return bytes.fromhex(path.read_text().strip())


def student_seed(secret: bytes, lab: str, student: str) -> int:
    """The seed of one student's inputs in one lab: 63 bits of HMAC-SHA256(secret, lab, id)."""
    digest = hmac.new(secret, f"{lab}\0{student}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") >> 1
