"""`draw_graph`: 책에서처럼 계산 그래프를 그립니다.

  * 연산 노드('×', '+', 'exp', ...)는 안에 연산이 적힌 흰 원입니다.
  * `plain`에 적은 이름(입력과 출력, 예를 들어 'apple')은 원 없이 글자만 씁니다.
  * 모든 에지는 화살표이고, 위쪽에 순전파 값을 검은색으로, 아래쪽에 역전파 값을
    빨간색으로 적습니다. 역전파 값 위에는 거꾸로 향하는 작은 빨간 화살표가 있습니다.

    `nodes = {'apple': (0, 0, 'apple'), 'mul': (2, 0, '×')}`   # 이름: (x, y, 글자)
    `edges = [('apple', 'mul', 100, 2.2)]`                     # (출발, 도착, 순전파 값, 역전파 값)
    `draw_graph(nodes, edges, plain=['apple'], title='one edge')`

위치는 그래프 단위(한 단위가 약 1인치)로 씁니다. 글자가 None이면 그리지 않습니다.
"""
import numpy as np
import matplotlib.pyplot as plt

RADIUS, FONT = 0.28, 12          # 원의 반지름(그래프 단위), 글자 크기(포인트)


def _label(value):
    """수는 유효숫자를 6자리까지만 보여 줍니다. 220.00000000000003은 220으로 보입니다."""
    return value if isinstance(value, str) else f"{value:.6g}"


def _half_size(text):
    """글자 라벨의 대략적인 너비의 절반과 높이의 절반입니다(그래프 단위)."""
    return 0.0425 * len(text) + 0.04, 0.1


def _reach(name, nodes, plain, d):
    """노드의 중심에서 단위 방향 d로 갔을 때 노드의 테두리까지의 거리입니다."""
    if name not in plain:
        return RADIUS + 0.03
    w, h = _half_size(nodes[name][2])
    return min(w / max(abs(d[0]), 1e-9), h / max(abs(d[1]), 1e-9)) + 0.05


def _clearance(text, n):
    """라벨이 단위 법선 n을 가진 선에 겹치지 않으려면, 라벨의 중심이 선에서 얼마나 떨어져야 하는지입니다."""
    w, h = _half_size(text)
    return 0.08 + w * abs(n[0]) + h * abs(n[1])


def draw_graph(nodes, edges, *, plain=(), title=None, ax=None, figsize=None):
    boxes = [(x, y, *(_half_size(t) if k in plain else (RADIUS, RADIUS)))
             for k, (x, y, t) in nodes.items()]
    xlim = (min(x - w for x, _, w, _ in boxes) - 0.2, max(x + w for x, _, w, _ in boxes) + 0.2)
    ylim = (min(y - h for _, y, _, h in boxes) - 0.1, max(y + h for _, y, _, h in boxes) + 0.1)
    if ax is None:                                       # 그래프 한 단위 = 1인치,
        width, height = xlim[1] - xlim[0], ylim[1] - ylim[0]   # 그리고 제목을 위한 띠 하나
        fig = plt.figure(figsize=figsize or (width, height + (0.4 if title else 0)))
        ax = fig.add_axes((0, 0, 1, height / (height + (0.4 if title else 0))))

    for name, (x, y, text) in nodes.items():
        if name not in plain:
            ax.add_patch(plt.Circle((x, y), RADIUS, facecolor="white", edgecolor="black", lw=1.5))
        ax.text(x, y, text, ha="center", va="center", fontsize=FONT if name in plain else FONT + 2)

    for src, dst, forward, backward in edges:
        p, q = np.array(nodes[src][:2], float), np.array(nodes[dst][:2], float)
        d = (q - p) / np.linalg.norm(q - p)              # 출발 -> 도착 방향의 단위 벡터
        n = np.array([-d[1], d[0]])                      # 단위 법선, 에지의 "위쪽"을
        if n[1] < 0 or (n[1] == 0 and n[0] > 0):         # 가리키도록 뒤집습니다(위로 향하는
            n = -n                                       # 에지라면 왼쪽)
        a = p + d * _reach(src, nodes, plain, d)         # 화살표는 테두리에서 테두리까지
        b = q - d * _reach(dst, nodes, plain, -d)
        ax.annotate("", xy=b, xytext=a, arrowprops=dict(arrowstyle="-|>", color="black", lw=1.3))
        mid = (a + b) / 2
        if forward is not None:
            text = _label(forward)
            ax.text(*(mid + n * _clearance(text, n)), text, ha="center", va="center", fontsize=FONT)
        if backward is not None:
            text, below = _label(backward), mid - n * 0.12
            ax.annotate("", xy=below - d * 0.22, xytext=below + d * 0.22,
                        arrowprops=dict(arrowstyle="-|>", color="red", lw=1.3))
            ax.text(*(below - n * _clearance(text, n)), text, ha="center", va="center",
                    fontsize=FONT, color="red")

    ax.set(xlim=xlim, ylim=ylim, aspect="equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=FONT + 1)
    return ax
