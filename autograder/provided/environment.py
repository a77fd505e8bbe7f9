"""Run this cell first: it checks that Python, numpy and matplotlib are ready here (Google
Colab or your own Jupyter) and tells you what to do if something is missing or too old."""
import os
import sys
from importlib import metadata

LANGUAGE = "en"   # this notebook's edition: the hidden checks answer in it
NEEDS = {"Python": (3, 11), "numpy": (1, 26), "matplotlib": (3, 8)}  # the oldest versions tested


def check_environment():
    on_colab = "google.colab" in sys.modules
    install = ("run `!pip install -U numpy matplotlib` in a new cell, then Runtime → Restart session"
               if on_colab else "run `python -m pip install -U numpy matplotlib` in a terminal, "
               "then restart the kernel (Kernel → Restart Kernel)")
    found, missing = {"Python": sys.version.split()[0]}, []
    for package in ("numpy", "matplotlib"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            missing.append(package)
    if missing:
        raise ModuleNotFoundError(f"{' and '.join(missing)} is not installed here. To fix it: {install}.")
    old = [f"{name} {version} (needs {'.'.join(map(str, NEEDS[name]))} or newer)"
           for name, version in found.items()
           if tuple(int("0" + "".join(filter(str.isdigit, part))) for part in version.split(".")[:2]) < NEEDS[name]]
    if old:
        fix = "install a newer Python (python.org) and open this notebook with it" \
            if old[0].startswith("Python") else install
        print(f"⚠ Too old here: {'; '.join(old)}. Some cells may fail. To fix it: {fix}.")
    else:
        print(f"✓ Ready: {', '.join(f'{n} {v}' for n, v in found.items())} "
              f"(running {'on Google Colab' if on_colab else 'locally'}).")


if __name__ == "__main__":
    os.environ.setdefault("BACKPROP_LANGUAGE", LANGUAGE)
    check_environment()
