"""check_close: 이 노트북의 공개 검사를 맡는 검사 도구입니다.

    checking("MulLayer", see="강의 3, 2절")   # 이어지는 검사가 무엇을 검사하는지 알립니다
    check_close("dx", dx, expected_dx)      # 맞으면 "✓ dx"를 출력하고, 틀리면 메시지와 함께 멈춥니다

값이 틀리면 메시지가 어느 값이 틀렸는지, 기대한 값과 받은 값이 무엇인지(배열이면 가장 크게
어긋난 원소도) 알려 주고, 검사가 알고 있다면 가장 그럴듯한 원인도 알려 줍니다. 두 값은 원소마다
`|got - expected| <= atol + rtol * |expected|`이면 같다고 봅니다.

검사 셀은 `checking(name, uses=..., see=...)`로 시작합니다. 그러면 실패했을 때 근본 원인을 먼저
알려 줍니다. 이 답이 앞의 답(`uses`)을 바탕으로 만들어지는데 그 답이 자기 검사에서 실패했다면,
그 답부터 먼저 고치라고 알려 줍니다. 검사 셀 안에서 여러분의 코드가 일으킨 오류는 채점기의 숨은
검사와 같은 말로 설명하며, 긴 트레이스백은 보여 주지 않습니다.
"""
import difflib
import linecache
import re

import numpy as np

_STATE = {"name": None, "uses": (), "see": None, "cell": None}
_FAILED = set()   # 가장 최근의 공개 검사에서 실패한 답들


class CheckFailed(AssertionError):
    """실패한 검사입니다. 주피터는 메시지만 보여 주고, 트레이스백과 검사 코드는 보여 주지 않습니다."""

    def _render_traceback_(self):
        return str(self).splitlines()


def _numbers(value):
    """value를 배정밀도(float64) 배열로 바꾼 것입니다. 숫자나 숫자 배열이 아니면 None입니다."""
    if value is None or isinstance(value, (list, tuple, dict, str)):
        return None
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None


def _same_shape(got, expected):
    """형상이 같으면 True입니다(스칼라는 원소가 하나인 배열로 주어져도 됩니다)."""
    return got.shape == expected.shape or (expected.ndim == 0 and got.size == 1)


def _kind(value):
    if isinstance(value, (list, tuple)):
        return f"원소 {len(value)}개짜리 {type(value).__name__}"
    return f"{type(value).__name__} 객체"


def _show(array, prefix):
    text = np.array2string(array, precision=4, threshold=20, edgeitems=2,
                           separator=", ", prefix=prefix)
    return prefix + text


def mismatch_message(name, got, expected, cause=None, rtol=1e-6, atol=1e-9, labels=None):
    """틀린 `got`에 대한 메시지입니다. 두 값이 모두 표본일 때는 `labels`가 원소의 이름입니다."""
    expected = np.asarray(expected, dtype=np.float64)
    values = _numbers(got)
    lines = [f"✗ {name}: 틀렸습니다."]
    if got is None:
        lines.append("  받은 값이 None입니다. 함수가 None을 반환했는데, `return`을 빠뜨리지 않았나요?")
    elif values is None:
        lines.append(f"  숫자나 넘파이 배열을 기대했지만, 받은 값은 {_kind(got)}입니다.")
    elif not _same_shape(values, expected):
        lines.append(f"  기대한 형상 {expected.shape}, 받은 형상 {values.shape}")
    elif expected.ndim == 0:
        lines.append(f"  기대한 값 {float(expected):.6g}, 받은 값 {float(values.flat[0]):.6g}")
    else:
        lines += [_show(expected, "  기대한 값: "), _show(values, "  받은 값:   ")]
        with np.errstate(all="ignore"):
            off = np.abs(values - expected) / (atol + rtol * np.abs(expected))
        worst = int(np.argmax(np.where(np.isnan(off), np.inf, off)))
        index = tuple(int(i) for i in np.unravel_index(worst, expected.shape))
        where = labels[worst] if labels else index
        lines.append(f"  가장 크게 어긋난 원소 {where}: 기대한 값 {expected.flat[worst]:.6g}, "
                     f"받은 값 {values.flat[worst]:.6g}")
    if values is not None and not np.all(np.isfinite(values)):
        lines.append(f"  받은 값에 NaN이나 inf가 {np.sum(~np.isfinite(values))}개 있습니다.")
    if cause:
        lines.append(f"가장 그럴듯한 원인: {cause}")
    return "\n".join(lines)


def _execution_count():
    try:
        return get_ipython().execution_count
    except NameError:
        return None


def checking(name, uses=(), see=None):
    """`name`의 검사를 시작합니다. `name`은 위 답안 셀에서 정의한 클래스나 함수입니다.

    uses: 이 답의 바탕이 되는 앞의 답들입니다. 예: ("MulLayer", "AddLayer")
    see: 강좌에서 이것을 유도하는 곳입니다. 예: "강의 3의 2절 · ... (책의 §5.3.2)"
    """
    _FAILED.discard(name)
    _STATE.update(name=name, uses=tuple(uses), see=see, cell=_execution_count())
    _install_handler()


def _in_check_cell():
    return _STATE["name"] is not None and _STATE["cell"] == _execution_count()


def root_cause_lines():
    """이 답이 바탕으로 삼는 답이 자기 검사에서 실패했을 때, 실패 메시지의 첫 줄입니다."""
    broken = [used for used in _STATE["uses"] if used in _FAILED]
    if not broken:
        return []
    first = (f"✗ {broken[0]}부터 먼저 고치세요. 위에서 자기 검사를 통과하지 못했는데, "
             f"{_STATE['name']}의 바탕이 되는 답입니다 (고친 뒤 그 검사 셀을 다시 실행해 통과시키세요).")
    return [first]


def _failed(message):
    """지금 하는 검사의 CheckFailed입니다. 근본 원인, 메시지, 읽을 곳 순서로 담습니다."""
    lines = root_cause_lines() + [message]
    if _STATE["see"]:
        lines.append(f"읽을 곳: {_STATE['see']}.")
    if _STATE["name"] is not None:
        _FAILED.add(_STATE["name"])
    return CheckFailed("\n".join(lines))


def fail(message):
    """이 메시지로 검사를 멈춥니다(메시지의 첫 줄이 학생이 가장 먼저 읽는 줄입니다)."""
    raise _failed(message)


# ---------------------------------------------------------------- 여러분의 코드가 일으킨 오류

def explain_exception(exc):
    """학생의 코드가 일으킨 예외의 가장 그럴듯한 원인을 쉬운 말로 설명합니다(예외 자체의
    메시지보다 나은 설명이 없으면 ''입니다). 숨은 검사도 같은 말을 씁니다."""
    text = str(exc)
    if isinstance(exc, NotImplementedError):
        return ("아직 답을 작성하지 않았습니다. 코드가 여전히 NotImplementedError를 일으킵니다. "
                "YOUR CODE HERE라고 적힌 곳에 코드를 작성하고 raise 줄을 지우세요")
    if isinstance(exc, NameError):
        missing = getattr(exc, "name", None)
        code = _innermost_code(exc)
        params = _parameters(code)
        if missing and params:
            return (f"{code.co_name} 안에서 `{missing}` 변수를 쓰지만, 매개변수는 "
                    f"({', '.join(params)})입니다. 매개변수 이름과 실제로 쓰는 변수 이름이 "
                    f"서로 다른 것으로 보입니다")
        return (f"코드가 볼 수 있는 곳 어디에도 `{missing or '어떤 이름'}`의 정의가 없습니다. 변수 이름을 "
                f"다르게 지었거나, 위의 셀을 아직 실행하지 않았을 수 있습니다 (맨 위부터 셀을 실행하세요)")
    if isinstance(exc, AttributeError):
        name, obj = getattr(exc, "name", None), getattr(exc, "obj", None)
        if name in ("forward", "backward"):
            close = difflib.get_close_matches(name, dir(type(obj)), n=1, cutoff=0.6)
            typo = f". 지금 정의된 것은 `{close[0]}`인데, `{name}`의 오타로 보입니다" if close else ""
            return (f"객체에 `{name}()` 메서드가 없습니다. 클래스 안에서 `class ...:` 아래로 들여 써서, "
                    f"정확히 이 이름으로 정의하세요{typo}")
        if text.startswith("'NoneType'"):
            return ("어떤 값이 None입니다. `return`이 없는 함수는 None을 돌려주고, 속성은 "
                    "forward가 값을 넣기 전까지 None으로 남아 있습니다")
        close = difflib.get_close_matches(str(name), list(vars(obj)) if hasattr(obj, "__dict__")
                                          else [], n=1, cutoff=0.6)
        if close:
            return (f"객체에 `{name}` 속성은 없고 `{close[0]}` 속성이 있습니다. 파이썬의 이름은 "
                    f"대소문자를 구분하므로, 실습에 적힌 철자 그대로 쓰세요")
        if _innermost_code(exc) is not None and _innermost_code(exc).co_name == "backward":
            return ("backward가 forward에서 저장하지 않은 것을 읽습니다. backward에 필요한 것은 "
                    "forward가 객체의 속성(self.something)으로 저장해야 합니다. 지역 변수는 "
                    "forward가 반환하면 사라집니다")
        return (f"객체에 `{name}` 속성이 없습니다. 이 속성을 설정해야 하는 메서드가 실행되었는지, "
                f"철자가 맞는지 확인하세요")
    if type(exc).__name__ == "AxisError" or "out of bounds for array of dimension" in text:
        return ("코드가 배열에 없는 축을 씁니다. 코드는 2차원 배치 (N, ...)를 가정하는데, 받은 것은 "
                "1차원 배열(샘플 하나)입니다. 마지막 축은 axis=-1로 가리키거나, 1차원 입력을 먼저 "
                "샘플 하나짜리 배치로 바꾸세요")
    if "could not be broadcast" in text or "shapes" in text and "not aligned" in text:
        shapes = [tuple(int(n) for n in found.split(",") if n.strip())
                  for found in re.findall(r"\(([\d, ]*)\)", text)]
        words = ("두 배열의 형상이 서로 맞지 않습니다. 그 줄에 나오는 배열들의 형상을 출력해 "
                 "보세요")
        if len(shapes) >= 2 and {len(shapes[0]), len(shapes[1])} == {1, 2} and \
                shapes[0][0] == shapes[1][0]:
            return (words + ". (N,) 배열이 (N, C) 배열과 만났습니다. 클래스 인덱스로 주어진 정답 "
                    "레이블은 먼저 원-핫 행으로 바꿔야 하고, 행의 합이 (N, 1) 형상으로 남으려면 "
                    "keepdims=True가 필요합니다")
        return words + ". 어느 배열이 다른 형상이어야 하는지도 확인하세요"
    if isinstance(exc, TypeError) and "positional argument" in text:
        return ("메서드가 받는 것과 다른 개수의 인수로 메서드를 호출했습니다. 실습에 주어진 "
                "시그니처(매개변수와 그 순서)를 바꾸지 마세요")
    if isinstance(exc, TypeError) and "NoneType" in text:
        return ("어떤 값이 None입니다. `return`이 없는 함수는 None을 돌려주고, 속성은 "
                "forward가 값을 넣기 전까지 None으로 남아 있습니다")
    return ""


def _innermost_code(exc):
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code if tb is not None else None


def _parameters(code):
    if code is None:
        return []
    params = list(code.co_varnames[:code.co_argcount + code.co_kwonlyargcount])
    return params[1:] if params[:1] == ["self"] else params


def _student_line(tb):
    """노트북 코드 가운데 가장 안쪽 프레임을 '셀 안, N번째 줄: <코드>' 꼴로 나타냅니다(없으면 None)."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith("<") or "ipykernel_" in filename:
            found = tb
        tb = tb.tb_next
    if found is None:
        return None
    code = found.tb_frame.f_code
    line = linecache.getline(code.co_filename, found.tb_lineno).strip()
    where = f"{code.co_name} 함수 안" if code.co_name != "<module>" else "셀 안"
    return f"  {where}, {found.tb_lineno}번째 줄: {line}" if line else f"  {where}"


def _explained(etype, value, tb):
    """검사 셀 안에서 일어난 예외에 대해 보여 줄 줄들입니다."""
    failed_before = _STATE["name"] in _FAILED
    _FAILED.add(_STATE["name"])
    if hasattr(value, "_render_traceback_"):   # 실패한 검사: 메시지가 이미 완전합니다
        lines = value._render_traceback_()
        return lines if failed_before else root_cause_lines() + lines
    lines = root_cause_lines()
    lines.append(f"✗ {_STATE['name']}: 여러분의 코드에서 {etype.__name__} 예외가 발생했습니다: {value}")
    where = _student_line(tb)
    if where:
        lines.append(where)
    cause = explain_exception(value)
    if cause:
        lines.append(f"가장 그럴듯한 원인: {cause}.")
    if _STATE["see"]:
        lines.append(f"읽을 곳: {_STATE['see']}.")
    return lines


def _handler(shell, etype, value, tb, tb_offset=None):
    if _in_check_cell():
        stb = _explained(etype, value, tb)
    elif hasattr(value, "_render_traceback_"):
        stb = value._render_traceback_()
    else:
        stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
    shell._showtraceback(etype, value, stb)
    return stb


def _install_handler():
    try:
        shell = get_ipython()
    except NameError:
        return
    if shell is not None and hasattr(shell, "set_custom_exc"):
        shell.set_custom_exc((Exception,), _handler)


def check_close(name, got, expected, hint=None, rtol=1e-6, atol=1e-9):
    """got이 expected와 맞으면 "✓ name"을 출력하고, 아니면 CheckFailed를 일으킵니다.

    name: 검사하는 값의 이름입니다. 예: "dx". hint: 가장 그럴듯한 원인으로, 실패할 때 보여 줍니다.
    """
    values, expected_values = _numbers(got), np.asarray(expected, dtype=np.float64)
    with np.errstate(all="ignore"):
        ok = (values is not None and _same_shape(values, expected_values)
              and np.allclose(values.reshape(expected_values.shape), expected_values,
                              rtol=rtol, atol=atol))
    if not ok:
        raise _failed(mismatch_message(name, got, expected, hint, rtol, atol))
    shown = f" = {float(values.flat[0]):.6g}" if expected_values.ndim == 0 else ""
    print(f"✓ {name}{shown}")
