"""load_mnist: the MNIST handwritten digits (28×28 grey images of 0-9) as numpy arrays.

    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, flatten=True)
    # x_train: (60000, 784) float32 in [0, 1]; t_train: (60000,) labels; test: 10,000 images

Where the digits come from (it prints which one it uses):
  1. your cache folder, if the full set was downloaded before
     ($BACKPROP_MNIST_CACHE, else ~/.cache/backprop-from-scratch/mnist);
  2. a download of the full set (about 11 MB) from public mirrors, tried in order;
  3. with no network and no cache, the subset that ships with the course in data/mnist/
     (or $BACKPROP_MNIST_DIR): the first 10,000 training and 2,000 test images.
source="full" or source="subset" picks one; BACKPROP_MNIST_OFFLINE=1 turns downloading off.
Every file is checked: a complete gzip stream, the IDX header (magic number 2051 for
images, 2049 for labels; the sizes) and the SHA-256 of the data. A bad download is deleted.

MNIST: Yann LeCun, Corinna Cortes, Christopher J.C. Burges (http://yann.lecun.com/exdb/mnist/),
licensed CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/).
"""
import gzip
import hashlib
import os
import urllib.error
import urllib.request
import zlib
from pathlib import Path

import numpy as np

MIRRORS = ("https://ossci-datasets.s3.amazonaws.com/mnist/",
           "https://storage.googleapis.com/cvdf-datasets/mnist/",
           "http://yann.lecun.com/exdb/mnist/")
TIMEOUT_SECONDS = 10    # a mirror that sends nothing for this long has failed
FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
         "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
SHA256 = {  # of each uncompressed file, in the order of FILES
    "full": ("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
             "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
             "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
             "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    "subset": ("2889698e6bc3614913e76901316712919d1998fc2b44512451bfe65bc1e668b1",
               "651e38e2ac0632f5113ec18f1df4977117f953197819034009971a6675a0df78",
               "3f6bd66dee48df299584c67669bceee490faa25f931496bd7473b42106d7daed",
               "7b098e5f6a3065807cebeabf36fb1724a8aff19f2673ac08b4923e0e8c715bce"),
}


class MnistError(RuntimeError):
    """A file that is missing, damaged or not MNIST; the message says what happened."""


def parse_idx(raw, name):
    """The uint8 array of an uncompressed IDX file: images (N, 28, 28) or labels (N,).

    IDX: big-endian 4-byte integers (the magic number, then the size of each dimension),
    then one byte per pixel or label.
    """
    magic, ndim = (2051, 3) if "images" in name else (2049, 1)
    header = 4 * (1 + ndim)
    if len(raw) < header:
        raise MnistError(f"{name}: only {len(raw)} bytes, too short for an IDX header")
    found, *shape = [int(n) for n in np.frombuffer(raw, dtype=">u4", count=1 + ndim)]
    if found != magic:
        raise MnistError(f"{name}: wrong magic number {found} (expected {magic}): "
                         f"not an MNIST {'image' if ndim == 3 else 'label'} file")
    if ndim == 3 and shape[1:] != [28, 28]:
        raise MnistError(f"{name}: images of {shape[1]}×{shape[2]} pixels, expected 28×28")
    if len(raw) != header + np.prod(shape):
        raise MnistError(f"{name}: {len(raw):,} bytes, but its header announces "
                         f"{header + np.prod(shape):,}: the file is cut short or too long")
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape).copy()


def read_verified(path, name, sha256):
    """The array in the gzipped IDX file at path, once gzip, header and SHA-256 are right."""
    try:
        raw = gzip.decompress(Path(path).read_bytes())
    except (EOFError, OSError, zlib.error) as error:
        raise MnistError(f"{name}.gz is corrupt or truncated ({error})") from None
    array = parse_idx(raw, name)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != sha256:
        raise MnistError(f"{name}: checksum mismatch (SHA-256 {digest}, expected {sha256}): "
                         "the file was altered or damaged")
    return array


def download(url, target, say):
    """Save url to the file target, showing the progress on one line: 20% 40% ... 100%."""
    say(f"  {url} ", end="")
    with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response, \
            open(target, "wb") as out:
        total, done, shown = int(response.headers.get("Content-Length") or 0), 0, 0
        while chunk := response.read(1 << 16):
            out.write(chunk)
            done += len(chunk)
            if total and done * 5 // total > shown:
                shown = done * 5 // total
                say(f"{20 * shown}% ", end="")
        say(f"({done:,} bytes) ", end="")


def fetch_into_cache(path, name, sha256, mirrors, say):
    """(array, mirror): a full-set file from the first mirror that serves a good copy, which
    is then saved at path: downloaded to a temporary file, verified, renamed."""
    failures, part = [], path.parent / f"{path.name}.{os.getpid()}.part"
    for mirror in mirrors:
        try:
            download(mirror.rstrip("/") + "/" + path.name, part, say)
            array = read_verified(part, name, sha256)
            os.replace(part, path)
            say("✓")
            return array, mirror
        except (OSError, MnistError) as error:
            if isinstance(error, urllib.error.HTTPError):
                error.close()                   # it holds the connection to the mirror
            reason = error.reason if type(error) is urllib.error.URLError else error
            say(f"✗ {reason}")
            failures.append(f"{mirror}: {reason}")
        finally:
            part.unlink(missing_ok=True)        # a bad or partial download is deleted
    raise MnistError(f"No mirror served a good {path.name} ({'; '.join(failures)}). Check "
                     'the internet connection, or use the bundled subset: source="subset".')


def load_full_set(cache, mirrors, offline, say):
    """{file name: array} of the full set, from the cache or else downloaded into it."""
    arrays, announced = {}, False
    for name, sha256 in zip(FILES, SHA256["full"]):
        path = cache / f"{name}.gz"
        if path.exists():
            try:
                arrays[name] = read_verified(path, name, sha256)
                continue
            except MnistError as error:
                path.unlink()
                say(f"Deleted the damaged {path}: {error}")
        if offline:
            raise MnistError(f"{path.name} is not in the cache {cache}, and "
                             "BACKPROP_MNIST_OFFLINE=1 turns downloading off: unset it, or "
                             'use source="subset".')
        if not announced:
            say(f"Downloading the full MNIST set (about 11 MB) into {cache}")
            cache.mkdir(parents=True, exist_ok=True)
            announced = True
        arrays[name], used = fetch_into_cache(path, name, sha256, mirrors, say)
        mirrors = [used] + [mirror for mirror in mirrors if mirror != used]  # first next time
    return arrays


def load_subset(folders, reason, say):
    """{file name: array} of the bundled subset, from the first folder that holds it."""
    for folder in map(Path, folders):
        if all((folder / f"{name}.gz").is_file() for name in FILES):
            try:
                arrays = {name: read_verified(folder / f"{name}.gz", name, sha256)
                          for name, sha256 in zip(FILES, SHA256["subset"])}
            except MnistError as error:
                raise MnistError(f"The bundled subset in {folder} is damaged: {error}. "
                                 "Restore data/mnist from the course repository "
                                 "(git checkout data/mnist).") from None
            say(f"Using the bundled subset (10,000 training / 2,000 test images) from "
                f"{folder}" + (f": {reason}." if reason else "."))
            return arrays
    raise MnistError(f"No MNIST data: {reason + ', and ' if reason else ''}the bundled subset "
                     f"is in none of the folders {', '.join(map(str, folders))}. Set "
                     "BACKPROP_MNIST_DIR to the course's data/mnist folder, or connect to the "
                     "internet (with BACKPROP_MNIST_OFFLINE unset) to download the full set.")


def default_cache_dir():
    """$BACKPROP_MNIST_CACHE, else ($XDG_CACHE_HOME or ~/.cache)/backprop-from-scratch/mnist."""
    if os.environ.get("BACKPROP_MNIST_CACHE"):
        return Path(os.environ["BACKPROP_MNIST_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "backprop-from-scratch" / "mnist"


def as_requested(images, labels, normalize, flatten, one_hot_label):
    """(x, t) from images (N, 28, 28) uint8 and labels (N,) uint8, in the layout asked for."""
    x = images.reshape(len(images), 784) if flatten else images.reshape(len(images), 1, 28, 28)
    x = x.astype(np.float32) / np.float32(255) if normalize else x
    t = np.eye(10, dtype=np.float32)[labels] if one_hot_label else labels
    return x, t


def load_mnist(normalize=True, flatten=True, one_hot_label=False, *, source="auto",
               mirrors=MIRRORS, cache_dir=None, bundled_dirs=None, verbose=True):
    """((x_train, t_train), (x_test, t_test)): N = 60,000 and 10,000 (subset: 10,000, 2,000).

    normalize:     x as float32 in [0, 1]; otherwise uint8 in 0..255.
    flatten:       x of shape (N, 784); otherwise (N, 1, 28, 28).
    one_hot_label: t of shape (N, 10), float32, 1 at the label; otherwise (N,) uint8 labels.
    source:        "auto" (cache, then download, then the bundled subset), "full" or "subset".
    """
    if source not in ("auto", "full", "subset"):
        raise ValueError(f'source must be "auto", "full" or "subset", not {source!r}')

    def say(*text, end="\n"):
        if verbose:
            print(*text, end=end, flush=True)

    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    offline = os.environ.get("BACKPROP_MNIST_OFFLINE", "") not in ("", "0")
    if bundled_dirs is None:
        bundled_dirs = [folder for folder in (os.environ.get("BACKPROP_MNIST_DIR"), "data/mnist",
                                              "../data/mnist", "../../data/mnist") if folder]
    arrays = reason = None
    if source != "subset":
        try:
            arrays = load_full_set(cache, mirrors, offline, say)
            say(f"Using the full MNIST set (60,000 training / 10,000 test images) from {cache}")
        except (MnistError, OSError):           # OSError: e.g. a cache folder not writable
            if source == "full":
                raise
            reason = ("BACKPROP_MNIST_OFFLINE=1 and no cached copy" if offline
                      else "no cached copy, and the download failed")
    if arrays is None:
        arrays = load_subset(bundled_dirs, reason, say)
    return tuple(as_requested(arrays[f"{part}-images-idx3-ubyte"],
                              arrays[f"{part}-labels-idx1-ubyte"],
                              normalize, flatten, one_hot_label) for part in ("train", "t10k"))
