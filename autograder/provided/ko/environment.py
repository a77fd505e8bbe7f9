"""이 셀을 가장 먼저 실행하세요. 여기(구글 코랩이나 여러분의 주피터)에서 파이썬, 넘파이, 맷플롯립을
쓸 수 있는지 확인하고, 빠졌거나 너무 오래된 것이 있으면 어떻게 해야 하는지 알려 줍니다."""
import os
import sys
from importlib import metadata

LANGUAGE = "en"   # 이 노트북의 언어판: 숨은 검사도 이 언어로 답합니다
NEEDS = {"Python": (3, 11), "numpy": (1, 26), "matplotlib": (3, 8)}  # 시험해 본 가장 오래된 버전


def check_environment():
    on_colab = "google.colab" in sys.modules
    install = ("새 셀에서 `!pip install -U numpy matplotlib`을 실행한 다음, 런타임 → 세션 다시 시작"
               "(Runtime → Restart session)을 누르세요"
               if on_colab else "터미널에서 `python -m pip install -U numpy matplotlib`을 실행한 다음, "
               "커널을 다시 시작하세요(Kernel → Restart Kernel)")
    found, missing = {"Python": sys.version.split()[0]}, []
    for package in ("numpy", "matplotlib"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            missing.append(package)
    if missing:
        raise ModuleNotFoundError(f"여기에는 {', '.join(missing)} 패키지가 설치되어 있지 않습니다. 해결 방법: {install}.")
    old = [f"{name} {version} ({'.'.join(map(str, NEEDS[name]))} 이상이 필요합니다)"
           for name, version in found.items()
           if tuple(int("0" + "".join(filter(str.isdigit, part))) for part in version.split(".")[:2]) < NEEDS[name]]
    if old:
        fix = "더 새로운 파이썬(python.org)을 설치하고, 그 파이썬으로 이 노트북을 여세요" \
            if old[0].startswith("Python") else install
        print(f"⚠ 여기에 있는 버전이 너무 오래되었습니다: {'; '.join(old)}. 일부 셀이 실패할 수 있습니다. 해결 방법: {fix}.")
    else:
        print(f"✓ 준비되었습니다: {', '.join(f'{n} {v}' for n, v in found.items())} "
              f"(실행 위치: {'Google Colab' if on_colab else 'locally'}).")


if __name__ == "__main__":
    os.environ.setdefault("BACKPROP_LANGUAGE", LANGUAGE)
    check_environment()
