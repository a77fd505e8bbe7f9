"""Named diagnoses: why does a student's value differ from the expected one?

Each diagnosis is one small function ``(got, expected, ctx) -> Diagnosis | None`` that
recognises one known mistake. ``DIAGNOSES`` lists them in the order they are tried and the
first match wins; ``unexplained`` at the end catches everything else (the message built by
``mismatch_message`` still shows expected vs got at the worst element).

To teach the grader a new mistake: write a function below and put it in ``DIAGNOSES``
before the more general ones. A mistake that only one chapter makes is better passed by
that chapter's check as a *suspect*: ``{name: (array the mistake produces, message)}``.

Shapes: ``got`` is whatever the student returned; ``expected`` is an array of any shape.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from autograder.checks.words import CATALOGUE, catalogue, say
from autograder.provided.checker import CheckFailed, _numbers

WORDS = catalogue({
    "diagnosis.reread": {"en": "Re-read {section}.", "ko": "다시 읽어 볼 곳: {section}."},
    "returned_none": {
        "en": "the function returned None — did you forget `return`? (a Python function "
              "without `return` gives None)",
        "ko": "함수가 None을 반환했습니다. `return`을 빠뜨리지 않았나요? (`return`이 없는 "
              "파이썬 함수는 None을 돌려줍니다)"},
    "diagnose.likely_cause": {"en": "{head}\nLikely cause: {cause}",
                              "ko": "{head}\n가장 그럴듯한 원인: {cause}"},
    "diagnose.softmax_section": {"en": "§5.6.3 Softmax-with-Loss",
                                 "ko": "§5.6.3 Softmax-with-Loss 계층"},
    "diagnose.overflow_section": {"en": "§3.5.2 softmax overflow",
                                  "ko": "§3.5.2 소프트맥스 함수의 오버플로"},
    "diagnose.batch_affine_section": {"en": "§5.6.2 batch Affine", "ko": "§5.6.2 배치용 Affine 계층"},
    "diagnose.affine_section": {"en": "§5.6.1 Affine", "ko": "§5.6.1 Affine 계층"},
    "diagnose.wrong_type_sequence": {
        "en": "a {kind} of {count} values was returned where one array was expected: backward "
              "returns dx alone for a one-input layer and the pair (dx, dy) for a two-input "
              "layer; check what you return",
        "ko": "배열 하나를 반환해야 하는데 {kind} (값 {count}개)를 반환했습니다. 입력이 하나인 "
              "계층의 backward는 dx 하나만, 입력이 둘인 계층의 backward는 (dx, dy) 쌍을 "
              "반환합니다. 무엇을 반환하는지 확인하세요"},
    "diagnose.wrong_type": {
        "en": "a {kind} was returned where a numpy array was expected",
        "ko": "넘파이 배열을 반환해야 하는데 {kind} 객체를 반환했습니다"},
    "diagnose.infinite_loss": {
        "en": "got is infinite: log of 0 in a loss — add a tiny delta inside the log, "
              "np.log(y + 1e-7) (§4.2.2 cross-entropy error) — or an overflow in exp",
        "ko": "받은 값이 무한대입니다. 손실에서 0의 로그를 계산했거나 (로그 안에 아주 작은 값을 "
              "더하세요: np.log(y + 1e-7), §4.2.2 교차 엔트로피 오차) exp에서 오버플로가 "
              "났습니다"},
    "diagnose.log_of_zero": {
        "en": "got contains -inf: log of 0 — add a tiny delta inside the log, "
              "np.log(y + 1e-7) (§4.2.2 cross-entropy error)",
        "ko": "받은 값에 -inf가 있습니다. 0의 로그입니다. 로그 안에 아주 작은 값을 더하세요: "
              "np.log(y + 1e-7) (§4.2.2 교차 엔트로피 오차)"},
    "diagnose.overflow": {
        "en": "got contains NaN or inf: an overflow — np.exp of a large number is inf and "
              "inf / inf is NaN; subtract the max before exp",
        "ko": "받은 값에 NaN이나 inf가 있습니다. 오버플로입니다. 큰 수의 np.exp는 inf이고 "
              "inf / inf는 NaN입니다. exp 전에 최댓값을 빼세요"},
    "diagnose.bias_not_summed": {
        "en": "got has shape {shape}, one row per sample: the bias is shared by every sample, "
              "so its gradient is summed over the batch, db = np.sum(dout, axis=0)",
        "ko": "받은 값의 형상이 {shape}, 즉 샘플마다 한 행입니다. 편향은 모든 샘플이 함께 "
              "쓰므로 그 기울기는 배치 전체에 걸쳐 합합니다: db = np.sum(dout, axis=0)"},
    "diagnose.transposed_shape": {
        "en": "got has shape {shape}, the transpose of the expected {expected} — transposed? "
              "Check the order of the operands of np.dot and which one carries .T "
              "(dW = X.T·dout, dx = dout·W.T)",
        "ko": "받은 값의 형상이 {shape}, 즉 기대한 형상 {expected}의 전치입니다. 어딘가에서 "
              "전치되지 않았나요? np.dot의 피연산자 순서와 어느 쪽에 .T가 붙는지 확인하세요 "
              "(dW = X.T·dout, dx = dout·W.T)"},
    "diagnose.wrong_shape": {
        "en": "expected shape {expected}, got {shape}: a gradient has the shape of the "
              "quantity it belongs to (dx like x, dW like W)",
        "ko": "기대한 형상 {expected}, 받은 형상 {shape}: 기울기는 그 기울기를 구하는 값과 "
              "형상이 같습니다 (dx는 x와, dW는 W와 같은 형상)"},
    "diagnose.expected_zero": {
        "en": "the output does not change at all when this quantity changes, so its gradient "
              "must be zero (e.g. every ReLU input is ≤ 0, so the mask blocks everything; or a "
              "layer uses a copy of a parameter instead of the array itself)",
        "ko": "이 값이 변해도 출력은 전혀 변하지 않으므로 기울기는 0이어야 합니다 (예: ReLU "
              "입력이 모두 ≤ 0이라 마스크가 전부 막는 경우, 또는 계층이 매개변수 배열 자체가 "
              "아니라 그 복사본을 쓰는 경우)"},
    "diagnose.all_zeros": {
        "en": "got is zero everywhere: the gradient never reached this quantity (a mask that "
              "blocks every element, dout not multiplied in, or an attribute left at its "
              "initial zeros)",
        "ko": "받은 값이 모든 원소에서 0입니다. 기울기가 이 값까지 전해지지 않았습니다 (모든 "
              "원소를 막는 마스크, 곱하지 않은 dout, 또는 처음의 0 그대로 남은 속성)"},
    "diagnose.sign_flipped": {
        "en": "got is exactly −expected: a sign is flipped (e.g. t − y instead of y − t, or a "
              "lost minus from the ×(−1) or the 1/x node, whose derivative is −1/x²)",
        "ko": "받은 값이 정확히 −(기대한 값)입니다. 부호가 뒤집혔습니다 (예: y − t 대신 "
              "t − y, 또는 ×(−1) 노드나 미분이 −1/x²인 1/x 노드에서 빠뜨린 마이너스)"},
    "diagnose.missing_divide_by_N": {
        "en": "got is N = {n} times too large (N is the batch size): the loss is the mean over "
              "the batch, so its gradient is divided by N once, dx = (y − t) / N",
        "ko": "받은 값이 N = {n}배 너무 큽니다 (N은 배치 크기). 손실은 배치의 평균이므로 "
              "기울기를 N으로 한 번 나눕니다: dx = (y − t) / N"},
    "diagnose.divided_by_N_twice": {
        "en": "got is N = {n} times too small (N is the batch size): the division by N "
              "happened twice — do it once, in the last layer's backward, and nowhere else",
        "ko": "받은 값이 N = {n}배 너무 작습니다 (N은 배치 크기). N으로 두 번 나눴습니다. "
              "마지막 계층의 backward에서 한 번만 나누고 다른 곳에서는 나누지 마세요"},
    "diagnose.scaled": {"en": "got is {factor:.4g} × expected everywhere",
                        "ko": "받은 값이 모든 원소에서 {factor:.4g} × (기대한 값)입니다"},
    "diagnose.scaled_twice": {
        "en": ": a node counted twice (e.g. dout added to itself, or the same branch "
              "back-propagated twice)",
        "ko": ": 노드 하나가 두 번 계산되었습니다 (예: dout을 자기 자신에 더했거나, 같은 "
              "분기를 두 번 역전파했습니다)"},
    "diagnose.scaled_constant": {"en": ": an extra constant factor in the formula",
                                 "ko": ": 식에 필요 없는 상수 배가 붙었습니다"},
    "diagnose.transposed": {
        "en": "got is the transpose of expected: check the order of the operands of np.dot "
              "and which one carries .T",
        "ko": "받은 값이 기대한 값의 전치입니다. np.dot의 피연산자 순서와 어느 쪽에 .T가 "
              "붙는지 확인하세요"},
    "diagnose.unexplained": {
        "en": "none of the common mistakes matches; compare your formula with the book step "
              "by step, starting at the worst element",
        "ko": "흔한 실수 가운데 들어맞는 것이 없습니다. 가장 크게 어긋난 원소부터 시작해 "
              "여러분의 식을 책과 한 단계씩 비교하세요"},
})

# Two arrays "match" (got is what a mistake would give) when they agree to this fraction
# of the larger one's biggest element. Numerical gradients agree with the exact ones to
# ~1e-8 of that (see gradcheck.GRAD_RTOL); genuinely different arrays differ by O(1).
MATCH_RTOL = 1e-4

# The book's sections the general diagnoses send to (keys: said when a diagnosis is made).
SOFTMAX_SECTION = "diagnose.softmax_section"
OVERFLOW_SECTION = "diagnose.overflow_section"
BATCH_AFFINE_SECTION = "diagnose.batch_affine_section"
AFFINE_SECTION = "diagnose.affine_section"


@dataclass(frozen=True)
class Diagnosis:
    """Why a check failed, as data: it travels from the check to the grade's records
    (results.json, questions.csv, the class report) and is rendered only at the end."""
    name: str                   # short id, e.g. "sign_flipped" (the course's tests use it)
    text: str = ""              # the likely cause, in plain words ("" when none is known),
                                # or the catalogue key of them (said when read: .words)
    section: str | None = None  # the book section to re-read (words, a key or a Section)

    @property
    def words(self) -> str:
        """The likely cause in the current language (a key is said when read)."""
        return said(self.text)

    def said(self) -> str:
        return self.words

    def cause(self) -> str:
        """The "Likely cause" text: the words plus the section to re-read."""
        words = self.said()
        text = words if words.endswith((".", "?", "。")) else words + "."
        section = said(self.section)
        return text + (" " + say("diagnosis.reread", section=section) if section else "")

    def as_dict(self) -> dict:
        return {"name": self.name, "words": self.said(), "section": str(said(self.section) or "")}


def said(text):
    """text said in the current language when it is a catalogue key; else text unchanged (a
    Section, words already said, None)."""
    return say(text) if isinstance(text, str) and text in CATALOGUE else text


@dataclass
class Context:
    """What a chapter check knows beyond got and expected (all optional)."""
    batch_size: int | None = None           # N, the number of samples in the batch
    section: str | None = None              # the book section about the checked quantity
    suspects: dict = field(default_factory=dict)  # name -> (array, message or Diagnosis)
    match_rtol: float = MATCH_RTOL


# What counts as a number or an array of numbers: the student-visible checker's rule, so that
# the checker's message and the diagnosis never disagree about it.
numbers = _numbers


def matches(a: np.ndarray, b: np.ndarray, rtol: float = MATCH_RTOL) -> bool:
    """a ≈ b, to rtol of the largest magnitude in either (same shapes required)."""
    if a.shape != b.shape or not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return False
    scale = max(np.max(np.abs(a), initial=0.0), np.max(np.abs(b), initial=0.0))
    return bool(np.all(np.abs(a - b) <= rtol * scale + 1e-300))


def fitted_factor(got: np.ndarray, expected: np.ndarray) -> float:
    """The c that makes c * expected closest to got (least squares)."""
    return float(np.sum(got * expected) / np.sum(expected * expected))


def _comparable(got, expected):
    """got as an array of expected's shape, or None when shapes/finiteness forbid comparing."""
    values = numbers(got)
    if values is None or not np.all(np.isfinite(values)) or not np.all(np.isfinite(expected)):
        return None
    if values.shape != expected.shape:
        if expected.ndim == 0 and values.size == 1:
            return values.reshape(())
        return None
    return values


def _nonzero(expected):
    return np.any(expected != 0)


# --------------------------------------------------------------------------- diagnoses


def returned_none(got, expected, ctx):
    if got is None:
        return Diagnosis("returned_none", say("returned_none"), ctx.section)


def wrong_type(got, expected, ctx):
    if numbers(got) is not None:
        return None
    if isinstance(got, (tuple, list)):
        message = say("diagnose.wrong_type_sequence", kind=type(got).__name__, count=len(got))
    else:
        message = say("diagnose.wrong_type", kind=type(got).__name__)
    return Diagnosis("wrong_type", message, ctx.section)


def known_suspect(got, expected, ctx):
    """A chapter-specific mistake: got equals the array that mistake would produce."""
    values = numbers(got)
    if values is None:
        return None
    for name, (suspect, message) in ctx.suspects.items():
        suspect = np.asarray(suspect, dtype=np.float64)
        if matches(suspect, expected):
            continue        # on these inputs the mistake gives the right answer
        if matches(values, suspect, ctx.match_rtol):
            if isinstance(message, Diagnosis):  # a suspect that is a general mistake
                return message
            return Diagnosis(f"suspect:{name}", said(message), ctx.section)


def not_finite(got, expected, ctx):
    values = numbers(got)
    if values is None or np.all(np.isfinite(values)) or not np.all(np.isfinite(expected)):
        return None
    if np.any(np.isinf(values)) and not np.any(np.isnan(values)) and values.size == 1:
        message = say("diagnose.infinite_loss")
    elif np.any(values == -np.inf):
        message = say("diagnose.log_of_zero")
    else:
        message = say("diagnose.overflow")
    return Diagnosis("not_finite", message, say(OVERFLOW_SECTION))


def bias_gradient_not_summed(got, expected, ctx):
    """db with one row per sample: (N, M) whose column sums are the expected (M,)."""
    values = numbers(got)
    if (values is None or values.ndim != 2 or expected.ndim != 1
            or values.shape[1] != expected.shape[0]):
        return None
    if matches(values.sum(axis=0), expected, ctx.match_rtol):
        return Diagnosis("bias_not_summed", say("diagnose.bias_not_summed", shape=values.shape),
                         say(BATCH_AFFINE_SECTION))


def transposed_shape(got, expected, ctx):
    values = numbers(got)
    if (values is not None and values.ndim == 2 and expected.ndim == 2
            and values.shape == expected.shape[::-1] and values.shape != expected.shape):
        return Diagnosis("transposed_shape", say("diagnose.transposed_shape", shape=values.shape,
                                                 expected=expected.shape),
                         ctx.section or say(AFFINE_SECTION))


def wrong_shape(got, expected, ctx):
    values = numbers(got)
    if values is None or values.shape == expected.shape:
        return None
    if expected.ndim == 0 and values.size == 1:
        return None         # a number given as a 1-element array is accepted
    return Diagnosis("wrong_shape", say("diagnose.wrong_shape", expected=expected.shape,
                                        shape=values.shape), ctx.section)


def expected_zero(got, expected, ctx):
    """The output does not depend on this quantity at all, yet got is not zero."""
    values = _comparable(got, expected)
    if values is not None and not _nonzero(expected) and np.any(values != 0):
        return Diagnosis("expected_zero", say("diagnose.expected_zero"), ctx.section)


def all_zeros(got, expected, ctx):
    values = _comparable(got, expected)
    if values is not None and not np.any(values) and _nonzero(expected):
        return Diagnosis("all_zeros", say("diagnose.all_zeros"), ctx.section)


def _scaled(got, expected, ctx):
    """(got as an array, c) when got ≈ c * expected for one constant c; else None."""
    values = _comparable(got, expected)
    if values is None or not _nonzero(expected):
        return None
    factor = fitted_factor(values, expected)
    if matches(values, factor * expected, ctx.match_rtol):
        return values, factor
    return None


def _round(factor: float) -> bool:
    """±n or ±1/n for a small whole n (2, 3, 1/2, …): a factor a slip produces."""
    return any(_near(abs(factor), n) or _near(abs(factor), 1 / n) for n in range(2, 11))


def _near(factor, target):
    return abs(factor - target) <= 1e-3 * abs(target)


def sign_flipped(got, expected, ctx):
    scaled = _scaled(got, expected, ctx)
    if scaled and _near(scaled[1], -1.0):
        return Diagnosis("sign_flipped", say("diagnose.sign_flipped"), ctx.section)


def missing_division_by_batch(got, expected, ctx):
    scaled, n = _scaled(got, expected, ctx), ctx.batch_size
    if scaled and n and n > 1 and _near(scaled[1], n):
        return Diagnosis("missing_divide_by_N", say("diagnose.missing_divide_by_N", n=n),
                         say(SOFTMAX_SECTION))


def divided_by_batch_twice(got, expected, ctx):
    scaled, n = _scaled(got, expected, ctx), ctx.batch_size
    if scaled and n and n > 1 and _near(scaled[1], 1.0 / n):
        return Diagnosis("divided_by_N_twice", say("diagnose.divided_by_N_twice", n=n),
                         say(SOFTMAX_SECTION))


def scaled_by_constant(got, expected, ctx):
    scaled = _scaled(got, expected, ctx)
    if not scaled or _near(scaled[1], 1.0) or (scaled[0].size < 2 and not _round(scaled[1])):
        return None     # any single number is "c × expected": only a round c says something
    factor = scaled[1]
    message = say("diagnose.scaled", factor=factor)
    if _near(factor, 2.0):
        message += say("diagnose.scaled_twice")
    else:
        message += say("diagnose.scaled_constant")
    return Diagnosis("scaled", message, ctx.section)


def transposed_values(got, expected, ctx):
    values = _comparable(got, expected)
    if (values is not None and values.ndim == 2 and values.shape[0] == values.shape[1]
            and not matches(expected, expected.T) and matches(values, expected.T, ctx.match_rtol)):
        return Diagnosis("transposed", say("diagnose.transposed"), ctx.section)


def unexplained(got, expected, ctx):
    return Diagnosis("unexplained", say("diagnose.unexplained"), ctx.section)


DIAGNOSES = [
    returned_none, wrong_type, known_suspect, not_finite, bias_gradient_not_summed,
    transposed_shape, wrong_shape, expected_zero, all_zeros,
    sign_flipped, missing_division_by_batch, divided_by_batch_twice, scaled_by_constant,
    transposed_values, unexplained,
]


def diagnose(got, expected, *, suspects=None, batch_size=None, section=None,
             rtol=None, atol=None) -> Diagnosis:
    """The first diagnosis in DIAGNOSES that explains why got differs from expected.

    got: the student's value; expected: array of any shape (the correct value);
    suspects: {name: (array the mistake produces, plain-words message or its catalogue key)},
    tried first;
    batch_size: N; section: where the course (then the book) explains this quantity;
    rtol: the check's own tolerance (a diagnosis never matches more tightly than it);
    atol: accepted so callers can pass their tolerances through, not used.
    """
    ctx = Context(batch_size=batch_size, section=section,
                  suspects=dict(suspects or {}), match_rtol=max(MATCH_RTOL, rtol or 0.0))
    expected = np.asarray(expected, dtype=np.float64)
    with np.errstate(all="ignore"):
        for check in DIAGNOSES:
            found = check(got, expected, ctx)
            if found is not None:
                return found
    raise AssertionError("unreachable: `unexplained` always matches")  # not for students


def fail(head: str, diagnosis: Diagnosis | str, *, cause: str | None = None,
         section: str | None = None) -> CheckFailed:
    """A CheckFailed whose message is ``head`` and, when known, "Likely cause: …"; it carries
    the diagnosis as data in ``.diagnosis`` (a name given as a string becomes a Diagnosis
    with ``cause`` as its words and ``section`` to re-read; either may be a catalogue key)."""
    if isinstance(diagnosis, str):
        diagnosis = Diagnosis(diagnosis, said(cause or ""), said(section))
    message = say("diagnose.likely_cause", head=head, cause=diagnosis.cause()) \
        if diagnosis.words else head
    error = CheckFailed(message)
    error.diagnosis = diagnosis
    return error
