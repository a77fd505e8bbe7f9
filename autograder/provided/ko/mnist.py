"""`load_mnist`: MNIST 손글씨 숫자(0~9를 쓴 28×28 회색조 이미지)를 넘파이 배열로 불러옵니다.

    `(x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, flatten=True)`
    # `x_train`: (60000, 784) 형상, [0, 1] 범위의 `float32`. `t_train`: (60000,) 형상의 정답 레이블.
    # 시험 데이터는 10,000장입니다.

숫자 이미지를 가져오는 곳(어느 것을 쓰는지 출력합니다):
  1. 예전에 전체 데이터셋을 내려받았다면, 여러분의 캐시 폴더
     (`$BACKPROP_MNIST_CACHE`, 없으면 `~/.cache/backprop-from-scratch/mnist`)
  2. 공개 미러에서 전체 데이터셋(약 11MB)을 내려받은 것. 미러는 순서대로 시도합니다.
  3. 네트워크도 캐시도 없으면, 강좌와 함께 제공된 `data/mnist/`(또는 `$BACKPROP_MNIST_DIR`)의
     부분집합: 훈련 이미지 앞쪽 10,000장과 시험 이미지 2,000장
`source="full"`이나 `source="subset"`으로 하나를 고를 수 있고, `BACKPROP_MNIST_OFFLINE=1`이면
내려받지 않습니다. 모든 파일을 검사합니다. `gzip` 스트림이 온전한지, `IDX` 헤더(이미지는 매직 넘버
2051, 레이블은 2049, 그리고 크기)가 맞는지, 데이터의 `SHA-256`이 맞는지 봅니다. 잘못 내려받은
파일은 지웁니다.

MNIST: Yann LeCun, Corinna Cortes, Christopher J.C. Burges (<http://yann.lecun.com/exdb/mnist/>).
CC BY-SA 3.0 라이선스(<https://creativecommons.org/licenses/by-sa/3.0/>)로 배포됩니다.
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
TIMEOUT_SECONDS = 10    # 이 시간 동안 아무것도 보내지 않는 미러는 실패한 것으로 봅니다
FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
         "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
SHA256 = {  # 압축을 푼 각 파일의 해시, `FILES`와 같은 순서
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
    """없거나, 손상되었거나, MNIST가 아닌 파일입니다. 메시지가 무슨 일이 있었는지 알려 줍니다."""


def parse_idx(raw, name):
    """압축을 푼 `IDX` 파일의 `uint8` 배열입니다. 이미지는 `(N, 28, 28)`, 레이블은 `(N,)`입니다.

    `IDX` 형식: 빅 엔디언 4바이트 정수들(매직 넘버, 그다음 각 차원의 크기)이 오고,
    그 뒤에 픽셀이나 레이블마다 1바이트가 옵니다.
    """
    magic, ndim = (2051, 3) if "images" in name else (2049, 1)
    header = 4 * (1 + ndim)
    if len(raw) < header:
        raise MnistError(f"{name}: {len(raw)}바이트뿐이라 IDX 헤더가 들어가기에도 너무 짧습니다")
    found, *shape = [int(n) for n in np.frombuffer(raw, dtype=">u4", count=1 + ndim)]
    if found != magic:
        raise MnistError(f"{name}: 매직 넘버가 {found}입니다(기대한 값 {magic}). "
                         f"MNIST {'image' if ndim == 3 else 'label'} 파일이 아닙니다")
    if ndim == 3 and shape[1:] != [28, 28]:
        raise MnistError(f"{name}: 이미지가 {shape[1]}×{shape[2]} 픽셀입니다. 28×28이어야 합니다")
    if len(raw) != header + np.prod(shape):
        raise MnistError(f"{name}: {len(raw):,}바이트인데 헤더에 적힌 크기는 "
                         f"{header + np.prod(shape):,}바이트입니다. 파일이 잘렸거나 너무 깁니다")
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape).copy()


def read_verified(path, name, sha256):
    """`path`에 있는, `gzip`으로 압축된 `IDX` 파일의 배열입니다. 압축, 헤더, 체크섬(`SHA-256`)이 모두 맞을 때만 돌려줍니다."""
    try:
        raw = gzip.decompress(Path(path).read_bytes())
    except (EOFError, OSError, zlib.error) as error:
        raise MnistError(f"{name}.gz 파일이 손상되었거나 잘렸습니다 ({error})") from None
    array = parse_idx(raw, name)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != sha256:
        raise MnistError(f"{name}: 체크섬이 맞지 않습니다 (SHA-256 {digest}, 기대한 값 {sha256}). "
                         "파일이 바뀌었거나 손상되었습니다")
    return array


def download(url, target, say):
    """`url`의 내용을 `target` 파일에 저장하고, 진행 상황을 한 줄에 20% 40% ... 100%로 보여 줍니다."""
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
        say(f"({done:,}바이트) ", end="")


def fetch_into_cache(path, name, sha256, mirrors, say):
    """(배열, 미러): 온전한 사본을 주는 첫 미러에서 가져온 전체 데이터셋 파일입니다. 임시 파일로
    내려받아 검증한 다음, 이름을 바꿔 `path`에 저장합니다."""
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
                error.close()                   # 미러와의 연결을 붙잡고 있으므로 닫습니다
            reason = error.reason if type(error) is urllib.error.URLError else error
            say(f"✗ {reason}")
            failures.append(f"{mirror}: {reason}")
        finally:
            part.unlink(missing_ok=True)        # 잘못되었거나 덜 받은 파일은 지웁니다
    raise MnistError(f"{path.name} 파일의 온전한 사본을 보내 준 미러가 없습니다 ({'; '.join(failures)}). 인터넷 "
                     '연결을 확인하거나, 함께 제공된 부분집합을 쓰세요: source="subset".')


def load_full_set(cache, mirrors, offline, say):
    """전체 데이터셋의 {파일 이름: 배열}입니다. 캐시에서 읽고, 없으면 캐시로 내려받습니다."""
    arrays, announced = {}, False
    for name, sha256 in zip(FILES, SHA256["full"]):
        path = cache / f"{name}.gz"
        if path.exists():
            try:
                arrays[name] = read_verified(path, name, sha256)
                continue
            except MnistError as error:
                path.unlink()
                say(f"손상된 파일을 지웠습니다. {path}: {error}")
        if offline:
            raise MnistError(f"캐시 {cache}에 {path.name} 파일이 없고, "
                             "BACKPROP_MNIST_OFFLINE=1이라 내려받기가 꺼져 있습니다. 이 환경 변수를 지우거나 "
                             'source="subset"을 쓰세요.')
        if not announced:
            say(f"전체 MNIST 데이터셋(약 11MB)을 {cache}에 내려받습니다")
            cache.mkdir(parents=True, exist_ok=True)
            announced = True
        arrays[name], used = fetch_into_cache(path, name, sha256, mirrors, say)
        mirrors = [used] + [mirror for mirror in mirrors if mirror != used]  # 다음 파일은 이 미러부터
    return arrays


def load_subset(folders, reason, say):
    """함께 제공된 부분집합의 {파일 이름: 배열}입니다. 부분집합이 있는 첫 폴더에서 읽습니다."""
    for folder in map(Path, folders):
        if all((folder / f"{name}.gz").is_file() for name in FILES):
            try:
                arrays = {name: read_verified(folder / f"{name}.gz", name, sha256)
                          for name, sha256 in zip(FILES, SHA256["subset"])}
            except MnistError as error:
                raise MnistError(f"{folder}에 있는 함께 제공된 부분집합이 손상되었습니다: {error}. "
                                 "강좌 저장소에서 data/mnist를 되살리세요 "
                                 "(git checkout data/mnist).") from None
            say(f"{folder}에 있는 함께 제공된 부분집합(훈련 이미지 10,000장 / 시험 이미지 "
                f"2,000장)을 사용합니다" + (f". 이유: {reason}." if reason else "."))
            return arrays
    raise MnistError(f"MNIST 데이터가 없습니다. {reason + '. 또한 ' if reason else ''}함께 제공된 부분집합이 "
                     f"다음 폴더 어디에도 없습니다: {', '.join(map(str, folders))}. "
                     "BACKPROP_MNIST_DIR을 강좌의 data/mnist 폴더로 설정하거나, 인터넷에 연결해 "
                     "(BACKPROP_MNIST_OFFLINE은 설정하지 않은 채로) 전체 데이터셋을 내려받으세요.")


def default_cache_dir():
    """`$BACKPROP_MNIST_CACHE`, 없으면 (`$XDG_CACHE_HOME`, 그것도 없으면 `~/.cache`)/`backprop-from-scratch/mnist`입니다."""
    if os.environ.get("BACKPROP_MNIST_CACHE"):
        return Path(os.environ["BACKPROP_MNIST_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "backprop-from-scratch" / "mnist"


def as_requested(images, labels, normalize, flatten, one_hot_label):
    """이미지 `(N, 28, 28)` `uint8`과 레이블 `(N,)` `uint8`로 만든 `(x, t)`입니다. 요청한 배열 형태로 바꿔서 돌려줍니다."""
    x = images.reshape(len(images), 784) if flatten else images.reshape(len(images), 1, 28, 28)
    x = x.astype(np.float32) / np.float32(255) if normalize else x
    t = np.eye(10, dtype=np.float32)[labels] if one_hot_label else labels
    return x, t


def load_mnist(normalize=True, flatten=True, one_hot_label=False, *, source="auto",
               mirrors=MIRRORS, cache_dir=None, bundled_dirs=None, verbose=True):
    """`((x_train, t_train), (x_test, t_test))`를 돌려줍니다. N은 각각 60,000과 10,000입니다(부분집합은 10,000과 2,000).

    `normalize`:     참이면 `x`는 [0, 1] 범위의 `float32`, 거짓이면 0~255의 `uint8`입니다.
    `flatten`:       참이면 `x`의 형상은 (N, 784), 거짓이면 (N, 1, 28, 28)입니다.
    `one_hot_label`: 참이면 `t`는 (N, 10) 형상의 `float32` 원-핫 배열(정답 자리가 1), 거짓이면 (N,) 형상의 `uint8` 레이블입니다.
    `source`:        `"auto"`(캐시, 그다음 내려받기, 그다음 함께 제공된 부분집합), `"full"`, `"subset"` 중 하나입니다.
    """
    if source not in ("auto", "full", "subset"):
        raise ValueError(f'source는 "auto", "full", "subset" 중 하나여야 합니다. 받은 값: {source!r}')

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
            say(f"{cache}에 있는 전체 MNIST 데이터셋(훈련 이미지 60,000장 / 시험 이미지 10,000장)을 사용합니다")
        except (MnistError, OSError):           # `OSError`: 예를 들어 쓸 수 없는 캐시 폴더
            if source == "full":
                raise
            reason = ("BACKPROP_MNIST_OFFLINE=1이고 캐시된 사본이 없습니다" if offline
                      else "캐시된 사본이 없고, 내려받기도 실패했습니다")
    if arrays is None:
        arrays = load_subset(bundled_dirs, reason, say)
    return tuple(as_requested(arrays[f"{part}-images-idx3-ubyte"],
                              arrays[f"{part}-labels-idx1-ubyte"],
                              normalize, flatten, one_hot_label) for part in ("train", "t10k"))
