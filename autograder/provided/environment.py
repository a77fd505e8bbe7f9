"""Run this cell first: it checks that this notebook can run here (Python, numpy,
matplotlib) and tells you what to do if something is missing."""
import sys
from importlib import metadata

NEEDS = {"Python": (3, 10), "numpy": (1, 26), "matplotlib": (3, 8)}


def version_tuple(text):
    parts = []
    for part in text.split(".")[:2]:
        digits = "".join(c for c in part if c.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def check_environment():
    on_colab = "google.colab" in sys.modules
    where = "on Google Colab" if on_colab else "locally"
    install = ("run `!pip install -U numpy matplotlib` in a new cell, then Runtime → Restart session"
               if on_colab else
               "run `python -m pip install -U numpy matplotlib` in a terminal (or `%pip install -U "
               "numpy matplotlib` in a new cell), then restart the kernel")
    found = {"Python": sys.version.split()[0]}
    missing, old = [], []
    for package in ("numpy", "matplotlib"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            missing.append(package)
    for name, version in found.items():
        if version_tuple(version) < NEEDS[name]:
            old.append(f"{name} {version} (this course needs {'.'.join(map(str, NEEDS[name]))} or newer)")
    if missing:
        raise ModuleNotFoundError(f"{' and '.join(missing)} not installed. To fix it: {install}.")
    summary = ", ".join(f"{name} {version}" for name, version in found.items())
    if old:
        fix = ("install a newer Python (python.org) and open the notebook with it"
               if any(item.startswith("Python") for item in old) else install)
        print(f"⚠ Too old here: {'; '.join(old)}. Some cells may fail. To fix it: {fix}.")
    else:
        print(f"✓ Ready: {summary} (running {where}).")


if __name__ == "__main__":
    check_environment()
