# Backprop from Scratch: everything a maintainer or instructor runs.
# Needs only Python >= 3.11 and make; the first target that needs packages builds .venv.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: help venv test test-unit test-lectures test-labs demo notebooks lab bench clean

help:
	@echo "make demo       grade the bundled sample class (an LMS-style zip) and print the scores"
	@echo "make test       the whole test suite (unit, lecture notebooks, labs, end to end)"
	@echo "make notebooks  rebuild notebooks/, source/ and release/ (and ko/: 한국어판) from content/"
	@echo "make lab        open JupyterLab (with nbgrader's formgrader) on this course"
	@echo "make bench      run the benchmarks and print their figures"

# Building, testing and the demo never download MNIST: they use the bundled subset
# (data/mnist) and an empty scratch cache, so no output depends on a developer's cache.
test demo notebooks bench: export BACKPROP_MNIST_OFFLINE = 1
test demo notebooks bench: export BACKPROP_MNIST_CACHE = $(CURDIR)/.scratch/mnist-cache
test demo notebooks bench: export BACKPROP_MNIST_DIR = $(CURDIR)/data/mnist
# One BLAS thread per kernel: kernels run side by side on few cores (autograder/course_dir.py).
test demo notebooks: export OPENBLAS_NUM_THREADS = 1
test demo notebooks: export OMP_NUM_THREADS = 1

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e .
	touch $(STAMP)

# One worker process more than there are cores (up to 4): many tests wait on kernels,
# sandboxes and timeouts, and the extra worker keeps the cores busy meanwhile. A test file
# (or a notebook) at a time: module-wide fixtures run once, and a notebook's cells run in
# order. (pytest-xdist's loadgroup would balance better, but with pytest 9 it does not group:
# its worker sets a node id attribute that pytest no longer reads.)
WORKERS := $(shell expr $$(nproc 2>/dev/null || echo 1) + 1)
XDIST := -n $(WORKERS) --maxprocesses 4

test: venv
	$(PY) -m pytest $(XDIST) --dist loadfile tests
	$(PY) -m pytest $(XDIST) --dist loadscope --nbval notebooks ko/notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

demo: venv
	$(PY) -m autograder demo

notebooks: venv
	$(PY) -m autograder build

# JupyterLab refuses to start as root (containers, CI machines) unless told to.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: venv
	$(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 $(ROOT_FLAG)

bench: venv
	BACKPROP_CALIBRATION_SEEDS=1000 $(PY) -m pytest -q -p no:cacheprovider tests/test_calibration.py
	$(PY) benchmarks/gradcheck_speed.py
	$(PY) benchmarks/train_mnist.py --data full --iters 10000 --seed 0
	$(PY) benchmarks/grading_speed.py --students 60
	$(PY) benchmarks/numerical_margins.py --seeds 1000

clean:
	rm -rf .scratch demo-output .pytest_cache
