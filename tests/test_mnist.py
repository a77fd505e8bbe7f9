"""The MNIST loader (autograder/provided/mnist.py): the real download, verify and cache path
against mirrors on 127.0.0.1, every kind of bad file, the offline fallback to the bundled
subset, and the book's options.

Nothing here touches the public internet: every call passes `mirrors=` pointing at a local
server, and a guard fails any test that opens a URL on another host. The full set is served
from ../shared/data/mnist/full; the tests that need it are skipped when it is absent.
"""
import contextlib
import functools
import gzip
import hashlib
import http.server
import re
import shutil
import socket
import threading
import urllib.parse
import urllib.request

import numpy as np
import pytest
from conftest import ROOT

from autograder.provided import mnist
from autograder.provided.mnist import MnistError, load_mnist

FULL = ROOT.parent / "shared" / "data" / "mnist" / "full"
SHARED_SUBSET = ROOT.parent / "shared" / "data" / "mnist" / "subset-10k-2k"
BUNDLED = ROOT / "data" / "mnist"
needs_full = pytest.mark.skipif(not FULL.is_dir(), reason=f"no full MNIST set to serve: {FULL} "
                                "(../shared beside the clone) is absent")

FILES = [f"{name}.gz" for name in mnist.FILES]
LABELS = "t10k-labels-idx1-ubyte"           # the small file the bad mirrors damage
LABELS_SHA256 = mnist.SHA256["full"][3]
REFUSED = r"✗ \[Errno \d+\] Connection refused"   # the number differs between systems
USING_FULL = "Using the full MNIST set (60,000 training / 10,000 test images) from {}"
FIRST_TRAIN_LABELS = [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
FIRST_TEST_LABELS = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
SUBSET_COUNTS = ([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978],
                 [175, 234, 219, 207, 217, 179, 178, 205, 192, 194])
FULL_COUNTS = ([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
               [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])


# ---------------------------------------------------------------- local mirrors

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files; logs each request in `requests` instead of on stderr."""
    requests: list[str] = []
    timeout = 10                            # a stuck client cannot hold a thread for ever

    def log_message(self, format, *args):
        QuietHandler.requests.append(self.path)


@contextlib.contextmanager
def serving(directory):
    """An HTTP server on 127.0.0.1 (ephemeral port) serving directory; yields its URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def damaged_copies():
    """{mirror folder: (bytes of its t10k-labels-idx1-ubyte.gz, words of the expected error)}."""
    good_gz = (FULL / f"{LABELS}.gz").read_bytes()
    raw = gzip.decompress(good_gz)
    tampered = raw[:8] + bytes([1]) + raw[9:]                  # the first label 7 becomes 1
    return {
        "tampered": (gzip.compress(tampered, mtime=0), "checksum mismatch"),
        "truncated": (good_gz[:len(good_gz) // 2], f"{LABELS}.gz is corrupt or truncated"),
        "html-page": (b"<html>Please log in</html>", f"{LABELS}.gz is corrupt or truncated"),
        "bad-magic": (gzip.compress((2051).to_bytes(4, "big") + raw[4:], mtime=0),
                      "wrong magic number 2051 (expected 2049)"),
        "cut-short": (gzip.compress(raw[:-100], mtime=0),
                      "9,908 bytes, but its header announces 10,008"),
    }


@pytest.fixture(scope="module")
def mirrors(tmp_path_factory):
    """{name: URL}: "missing" answers 404 and "refused" is a port nobody listens on; with the
    full set at hand, "good" serves it and each damaged mirror serves it with a bad
    t10k-labels file."""
    root = tmp_path_factory.mktemp("mirrors")
    (root / "missing").mkdir()
    if FULL.is_dir():
        (root / "good").symlink_to(FULL, target_is_directory=True)
    for name, (content, _) in (damaged_copies() if FULL.is_dir() else {}).items():
        (root / name).mkdir()
        for file in FILES:
            if file == f"{LABELS}.gz":
                (root / name / file).write_bytes(content)
            else:
                (root / name / file).symlink_to(FULL / file)
    with socket.socket() as probe:          # a free port, closed again: connections refused
        probe.bind(("127.0.0.1", 0))
        refused = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    with serving(root) as url:
        yield {"refused": refused, **{p.name: f"{url}{p.name}/" for p in root.iterdir()}}


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    """No test depends on the caller's environment or ever leaves 127.0.0.1."""
    for variable in ("BACKPROP_MNIST_OFFLINE", "BACKPROP_MNIST_DIR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("BACKPROP_MNIST_CACHE", str(tmp_path / "default-cache"))
    real_urlopen = urllib.request.urlopen

    def local_only(url, *args, **kwargs):
        assert urllib.parse.urlsplit(url).hostname == "127.0.0.1", f"tried the internet: {url}"
        return real_urlopen(url, *args, **kwargs)

    monkeypatch.setattr(urllib.request, "urlopen", local_only)


def seeded_cache(folder):
    """folder holding a copy of the full set, as an earlier download would have left it."""
    folder.mkdir()
    for file in FILES:
        shutil.copyfile(FULL / file, folder / file)
    return folder


def output_lines(capsys):
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out.splitlines()


# ---------------------------------------------------------------- the full set over HTTP

@needs_full
def test_download_verifies_and_caches_then_a_second_load_needs_no_server(tmp_path, capsys):
    cache = tmp_path / "cache"
    with serving(FULL) as url:
        (x, t), (x_test, t_test) = load_mnist(normalize=False, source="full", mirrors=(url,),
                                              cache_dir=cache)
    lines = output_lines(capsys)
    assert lines[0] == f"Downloading the full MNIST set (about 11 MB) into {cache}"
    assert lines[1] == f"  {url}{FILES[0]} 20% 40% 60% 80% 100% (9,630,610 bytes) ✓"
    assert lines[2] == f"  {url}{FILES[1]} 100% (28,878 bytes) ✓"
    assert lines[5:] == [USING_FULL.format(cache)]
    assert (x.shape, x.dtype, t.shape, x_test.shape, t_test.shape) == \
        ((60000, 784), np.uint8, (60000,), (10000, 784), (10000,))
    assert t[:10].tolist() == FIRST_TRAIN_LABELS and t_test[:10].tolist() == FIRST_TEST_LABELS
    assert (np.bincount(t).tolist(), np.bincount(t_test).tolist()) == FULL_COUNTS
    assert sorted(p.name for p in cache.iterdir()) == sorted(FILES)     # no temporary files
    assert all((cache / f).read_bytes() == (FULL / f).read_bytes() for f in FILES)

    (x_again, _), _ = load_mnist(normalize=False, source="full", mirrors=(url,), cache_dir=cache)
    assert output_lines(capsys) == [USING_FULL.format(cache)]
    np.testing.assert_array_equal(x_again, x)


@needs_full
def test_a_tampered_first_mirror_is_rejected_and_the_next_one_used(mirrors, tmp_path, capsys):
    cache = tmp_path / "cache"
    _, (_, t_test) = load_mnist(normalize=False, source="full", cache_dir=cache,
                                mirrors=(mirrors["tampered"], mirrors["good"]))
    lines = output_lines(capsys)
    bad = next(line for line in lines if "✗" in line)
    assert bad.startswith(f"  {mirrors['tampered']}{LABELS}.gz 100% (")
    assert re.search(r"✗ t10k-labels-idx1-ubyte: checksum mismatch \(SHA-256 [0-9a-f]{64}, "
                     r"expected ff7bcfd4[0-9a-f]{56}\): the file was altered or damaged$", bad)
    assert lines[lines.index(bad) + 1].startswith(f"  {mirrors['good']}{LABELS}.gz")
    assert lines[lines.index(bad) + 1].endswith("✓")
    assert t_test[:10].tolist() == FIRST_TEST_LABELS
    assert sorted(p.name for p in cache.iterdir()) == sorted(FILES)
    assert (cache / f"{LABELS}.gz").read_bytes() == (FULL / f"{LABELS}.gz").read_bytes()


@needs_full
@pytest.mark.parametrize("bad", ["tampered", "truncated", "html-page", "bad-magic", "cut-short",
                                 "missing", "refused"])
def test_a_bad_mirror_is_reported_and_its_file_never_kept(bad, mirrors, tmp_path, capsys):
    path = tmp_path / f"{LABELS}.gz"
    labels, used = mnist.fetch_into_cache(path, LABELS, LABELS_SHA256,
                                          (mirrors[bad], mirrors["good"]), print)
    expected = {**{name: re.escape(words) for name, (_, words) in damaged_copies().items()},
                "missing": "✗ HTTP Error 404: File not found", "refused": REFUSED}[bad]
    failed, succeeded = output_lines(capsys)
    assert failed.startswith(f"  {mirrors[bad]}{LABELS}.gz ") and re.search(expected, failed)
    assert succeeded.startswith(f"  {mirrors['good']}{LABELS}.gz ") and succeeded.endswith("✓")
    assert list(tmp_path.iterdir()) == [path]           # the bad copy is gone, the good one kept
    assert labels[:10].tolist() == FIRST_TEST_LABELS and used == mirrors["good"]


@needs_full
def test_after_a_dead_mirror_the_one_that_worked_is_tried_first(mirrors, tmp_path, capsys):
    load_mnist(normalize=False, source="full", mirrors=(mirrors["refused"], mirrors["good"]),
               cache_dir=tmp_path / "cache")
    lines = output_lines(capsys)
    assert [line.split()[0] for line in lines[1:6]] == [
        mirrors["refused"] + FILES[0]] + [mirrors["good"] + file for file in FILES]
    assert re.search(REFUSED, lines[1]) and all(line.endswith("✓") for line in lines[2:6])


def test_a_mirror_that_never_answers_times_out(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(mnist, "TIMEOUT_SECONDS", 0.3)
    with socket.create_server(("127.0.0.1", 0)) as silent:      # accepts, never answers
        silent_url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        with pytest.raises(MnistError, match=f"^No mirror served a good {LABELS}.gz "
                           f"\\({re.escape(silent_url)}: timed out\\)"):
            mnist.fetch_into_cache(tmp_path / f"{LABELS}.gz", LABELS, LABELS_SHA256,
                                   (silent_url,), print)
    assert output_lines(capsys) == [f"  {silent_url}{LABELS}.gz ✗ timed out"]
    assert list(tmp_path.iterdir()) == []


def test_when_every_mirror_fails_source_full_says_so_and_caches_nothing(mirrors, tmp_path):
    cache = tmp_path / "cache"
    with pytest.raises(MnistError) as failure:
        load_mnist(source="full", mirrors=(mirrors["refused"], mirrors["missing"]),
                   cache_dir=cache, verbose=False)
    message = str(failure.value)
    assert message.startswith(f"No mirror served a good {FILES[0]} ({mirrors['refused']}: ")
    assert "Connection refused; " in message
    assert "HTTP Error 404" in message
    assert message.endswith('Check the internet connection, or use the bundled subset: '
                            'source="subset".')
    assert list(cache.iterdir()) == []


@needs_full
def test_a_damaged_cached_file_is_deleted_and_downloaded_again(mirrors, tmp_path, capsys):
    cache = seeded_cache(tmp_path / "cache")
    (cache / f"{LABELS}.gz").write_bytes((FULL / f"{LABELS}.gz").read_bytes()[:1000])
    load_mnist(normalize=False, source="full", mirrors=(mirrors["good"],), cache_dir=cache)
    lines = output_lines(capsys)
    assert lines[0].startswith(f"Deleted the damaged {cache / LABELS}.gz: {LABELS}.gz is "
                               "corrupt or truncated (")
    assert lines[1] == f"Downloading the full MNIST set (about 11 MB) into {cache}"
    assert lines[2].endswith("✓") and lines[3].startswith("Using the full MNIST set")
    assert (cache / f"{LABELS}.gz").read_bytes() == (FULL / f"{LABELS}.gz").read_bytes()


# ---------------------------------------------------------------- offline

def test_no_network_and_no_cache_falls_back_to_the_bundled_subset(mirrors, tmp_path, capsys):
    (x, t), (x_test, _) = load_mnist(mirrors=(mirrors["refused"],), cache_dir=tmp_path / "c",
                                     bundled_dirs=[BUNDLED])
    lines = output_lines(capsys)
    assert re.fullmatch(f"  {re.escape(mirrors['refused'] + FILES[0])} {REFUSED}", lines[1])
    assert lines[::2] == [
        f"Downloading the full MNIST set (about 11 MB) into {tmp_path / 'c'}",
        f"Using the bundled subset (10,000 training / 2,000 test images) from {BUNDLED}: "
        "no cached copy, and the download failed."]
    assert (x.shape, x_test.shape, t[:10].tolist()) == ((10000, 784), (2000, 784),
                                                         FIRST_TRAIN_LABELS)


def test_the_offline_variable_turns_downloading_off(mirrors, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BACKPROP_MNIST_OFFLINE", "1")
    requests_before = len(QuietHandler.requests)
    cache = tmp_path / "cache"
    load_mnist(mirrors=(mirrors["missing"],), cache_dir=cache, bundled_dirs=[BUNDLED])
    assert output_lines(capsys) == [
        f"Using the bundled subset (10,000 training / 2,000 test images) from {BUNDLED}: "
        "BACKPROP_MNIST_OFFLINE=1 and no cached copy."]
    with pytest.raises(MnistError) as failure:
        load_mnist(source="full", mirrors=(mirrors["missing"],), cache_dir=cache)
    assert str(failure.value) == (
        f"{FILES[0]} is not in the cache {cache}, and BACKPROP_MNIST_OFFLINE=1 turns "
        'downloading off: unset it, or use source="subset".')
    assert len(QuietHandler.requests) == requests_before and not cache.exists()


@needs_full
def test_offline_still_uses_a_cached_full_set(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BACKPROP_MNIST_OFFLINE", "1")
    cache = seeded_cache(tmp_path / "cache")
    (x, _), _ = load_mnist(normalize=False, mirrors=(), cache_dir=cache)
    assert x.shape == (60000, 784)
    assert output_lines(capsys) == [USING_FULL.format(cache)]


def test_the_cache_folder_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setattr(mnist.Path, "home", lambda: tmp_path / "home")
    assert mnist.default_cache_dir() == tmp_path / "default-cache"     # $BACKPROP_MNIST_CACHE
    monkeypatch.delenv("BACKPROP_MNIST_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert mnist.default_cache_dir() == tmp_path / "xdg" / "backprop-from-scratch" / "mnist"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert mnist.default_cache_dir() == \
        tmp_path / "home" / ".cache" / "backprop-from-scratch" / "mnist"


# ---------------------------------------------------------------- the bundled subset

def test_the_subset_is_found_from_a_notebook_folder_or_the_variable(tmp_path, monkeypatch,
                                                                     capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "mnist").symlink_to(BUNDLED, target_is_directory=True)
    (tmp_path / "release" / "ch07").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "release" / "ch07")            # where a lab runs
    load_mnist(source="subset")
    monkeypatch.setenv("BACKPROP_MNIST_DIR", str(BUNDLED))
    load_mnist(source="subset")
    assert output_lines(capsys) == [
        "Using the bundled subset (10,000 training / 2,000 test images) from ../../data/mnist.",
        f"Using the bundled subset (10,000 training / 2,000 test images) from {BUNDLED}."]


def test_no_source_at_all_says_what_to_do(mirrors, tmp_path):
    with pytest.raises(MnistError) as failure:
        load_mnist(mirrors=(mirrors["refused"],), cache_dir=tmp_path / "c",
                   bundled_dirs=[tmp_path / "nowhere"], verbose=False)
    assert str(failure.value) == (
        "No MNIST data: no cached copy, and the download failed, and the bundled subset is in "
        f"none of the folders {tmp_path / 'nowhere'}. Set BACKPROP_MNIST_DIR to the course's "
        "data/mnist folder, or connect to the internet (with BACKPROP_MNIST_OFFLINE unset) to "
        "download the full set.")


def test_a_damaged_bundled_subset_is_an_error_not_a_silent_fallback(tmp_path):
    folder = tmp_path / "mnist"
    shutil.copytree(BUNDLED, folder)
    raw = bytearray(gzip.decompress((folder / "train-labels-idx1-ubyte.gz").read_bytes()))
    raw[8] = 3
    (folder / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(bytes(raw)))
    with pytest.raises(MnistError, match=r"^The bundled subset in .* is damaged: train-labels-"
                       r"idx1-ubyte: checksum mismatch .* \(git checkout data/mnist\)\.$"):
        load_mnist(source="subset", bundled_dirs=[folder], verbose=False)


def test_subset_labels_and_class_counts():
    (x, t), (x_test, t_test) = load_mnist(source="subset", bundled_dirs=[BUNDLED], verbose=False)
    assert t[:10].tolist() == FIRST_TRAIN_LABELS and t_test[:10].tolist() == FIRST_TEST_LABELS
    assert (np.bincount(t).tolist(), np.bincount(t_test).tolist()) == SUBSET_COUNTS
    assert 0.0 == x.min() < x.max() == 1.0


@pytest.mark.parametrize("normalize, flatten, one_hot, x_shape, x_dtype, t_shape, t_dtype", [
    (True, True, False, (10000, 784), np.float32, (10000,), np.uint8),
    (False, True, False, (10000, 784), np.uint8, (10000,), np.uint8),
    (True, False, True, (10000, 1, 28, 28), np.float32, (10000, 10), np.float32),
    (False, False, True, (10000, 1, 28, 28), np.uint8, (10000, 10), np.float32),
])
def test_options_give_the_books_shapes_and_types(normalize, flatten, one_hot, x_shape, x_dtype,
                                                 t_shape, t_dtype, capsys):
    (x, t), (x_test, t_test) = load_mnist(normalize, flatten, one_hot, source="subset",
                                          bundled_dirs=[BUNDLED], verbose=False)
    assert (x.shape, x.dtype, t.shape, t.dtype) == (x_shape, x_dtype, t_shape, t_dtype)
    assert (x_test.shape[0], t_test.shape[0]) == (2000, 2000)
    if one_hot:
        assert t.sum(axis=1).tolist() == [1.0] * 10000
        assert t.argmax(axis=1)[:10].tolist() == FIRST_TRAIN_LABELS
    assert x.flags.writeable and t.flags.writeable         # np.random.shuffle(x) works
    assert output_lines(capsys) == []                      # verbose=False prints nothing


def test_normalize_divides_the_bytes_by_255():
    (raw, _), _ = load_mnist(False, source="subset", bundled_dirs=[BUNDLED], verbose=False)
    (scaled, _), _ = load_mnist(True, source="subset", bundled_dirs=[BUNDLED], verbose=False)
    np.testing.assert_array_equal(scaled, raw.astype(np.float32) / np.float32(255))


def idx(*header):
    """An IDX header of big-endian 4-byte integers."""
    return np.array(header, dtype=">u4").tobytes()


def test_parse_idx_reads_and_checks_the_header():
    assert mnist.parse_idx(idx(2049, 3) + bytes([7, 2, 1]), LABELS).tolist() == [7, 2, 1]
    assert mnist.parse_idx(idx(2051, 1, 28, 28) + bytes(784), FILES[0][:-3]).shape == (1, 28, 28)
    for raw, name, message in [
            (b"\x00\x00\x08", LABELS, "only 3 bytes, too short for an IDX header"),
            (idx(2051, 2, 28, 27) + bytes(2 * 28 * 27), "t10k-images-idx3-ubyte",
             "images of 28×27 pixels, expected 28×28"),
            (idx(2049, 3) + bytes(4), LABELS, "12 bytes, but its header announces 11")]:
        with pytest.raises(MnistError, match=f"^{name}: {message}"):
            mnist.parse_idx(raw, name)


def test_an_unknown_source_is_refused():
    with pytest.raises(ValueError, match='source must be "auto", "full" or "subset"'):
        load_mnist(source="internet")


# ---------------------------------------------------------------- the files themselves

def test_bundled_files_and_notice_agree_with_the_loader():
    notice = (BUNDLED / "README.md").read_text()
    for needed in ("Yann LeCun", "Corinna Cortes", "Christopher J.C. Burges", "CC BY-SA 3.0",
                   "https://creativecommons.org/licenses/by-sa/3.0/",
                   "http://yann.lecun.com/exdb/mnist/", "first 10,000 training",
                   "first 2,000 test"):
        assert needed in notice, needed
    for file, sha256 in zip(FILES, mnist.SHA256["subset"]):
        assert hashlib.sha256(gzip.decompress((BUNDLED / file).read_bytes())).hexdigest() == sha256
        assert sha256 in notice
    assert sorted(p.name for p in BUNDLED.iterdir()) == sorted(FILES + ["README.md"])
    if SHARED_SUBSET.is_dir():
        assert all((BUNDLED / f).read_bytes() == (SHARED_SUBSET / f).read_bytes() for f in FILES)


def test_the_loader_carries_the_checksums_of_the_shared_readme():
    shared = ROOT.parent / "shared" / "data" / "mnist" / "README.md"
    if not shared.is_file():
        pytest.skip(f"{shared} is not beside this clone")
    listed = re.findall(r"\b[0-9a-f]{64}\b", shared.read_text())
    assert set(mnist.SHA256["full"]) | set(mnist.SHA256["subset"]) <= set(listed)
