"""nbgrader configuration for the Backprop from Scratch course directory.

The repository root is the course directory: source/ holds the instructor labs and
release/ the generated student labs. Grading state (submitted/, autograded/, feedback/,
gradebook.db) is git-ignored; demos and tests grade in scratch copies of this directory.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821  (injected by nbgrader)

# nbgrader runs each notebook in autograded/STUDENT/LAB/, with this process's environment:
# from there the MNIST loader would not find the course's bundled subset (data/mnist) when
# it cannot download the full set. Point it there (an explicit setting wins).
os.environ.setdefault("BACKPROP_MNIST_DIR", str(Path(__file__).resolve().parent / "data" / "mnist"))

c.CourseDirectory.course_id = "backprop-from-scratch"

# What students see in place of a solution region.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Grade students who are not in the gradebook yet (LMS downloads never match a roster exactly).
c.Autograde.create_student = True

# A student cell may loop forever; the per-cell limit bounds a notebook's grading time. Lab 7's
# training cell takes ~10 s on one free core; 180 s leaves room for a busy or slow machine.
c.ExecutePreprocessor.timeout = 180
c.ExecutePreprocessor.interrupt_on_timeout = True

# Feedback shows the student's own cells and each test's verdict, never hidden test code.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
