"""draw_graph: draw a computational graph the way the book does.

  * op nodes ('×', '+', 'exp', ...) are white circles with the operation inside;
  * names listed in `plain` (inputs and outputs such as 'apple') are plain text;
  * every edge is an arrow with its FORWARD value above it in black and its
    BACKWARD value below it in red, under a small red arrow pointing back.

    nodes = {'apple': (0, 0, 'apple'), 'mul': (2, 0, '×')}   # name: (x, y, text)
    edges = [('apple', 'mul', 100, 2.2)]                     # (src, dst, forward, backward)
    draw_graph(nodes, edges, plain=['apple'], title='one edge')

Positions are in graph units (about an inch each); a label of None is not drawn.
"""
import numpy as np
import matplotlib.pyplot as plt

RADIUS, FONT = 0.28, 12          # circle radius (graph units), font size (points)


def _label(value):
    """Numbers get at most 6 significant digits: 220.00000000000003 is shown as 220."""
    return value if isinstance(value, str) else f"{value:.6g}"


def _half_size(text):
    """Rough half width and half height of a text label, in graph units."""
    return 0.0425 * len(text) + 0.04, 0.1


def _reach(name, nodes, plain, d):
    """Distance from a node's centre to its border in the unit direction d."""
    if name not in plain:
        return RADIUS + 0.03
    w, h = _half_size(nodes[name][2])
    return min(w / max(abs(d[0]), 1e-9), h / max(abs(d[1]), 1e-9)) + 0.05


def _clearance(text, n):
    """How far a label's centre must sit from a line with unit normal n to clear it."""
    w, h = _half_size(text)
    return 0.08 + w * abs(n[0]) + h * abs(n[1])


def draw_graph(nodes, edges, *, plain=(), title=None, ax=None, figsize=None):
    boxes = [(x, y, *(_half_size(t) if k in plain else (RADIUS, RADIUS)))
             for k, (x, y, t) in nodes.items()]
    xlim = (min(x - w for x, _, w, _ in boxes) - 0.2, max(x + w for x, _, w, _ in boxes) + 0.2)
    ylim = (min(y - h for _, y, _, h in boxes) - 0.1, max(y + h for _, y, _, h in boxes) + 0.1)
    if ax is None:                                       # one graph unit = one inch,
        width, height = xlim[1] - xlim[0], ylim[1] - ylim[0]   # plus a strip for the title
        fig = plt.figure(figsize=figsize or (width, height + (0.4 if title else 0)))
        ax = fig.add_axes((0, 0, 1, height / (height + (0.4 if title else 0))))

    for name, (x, y, text) in nodes.items():
        if name not in plain:
            ax.add_patch(plt.Circle((x, y), RADIUS, facecolor="white", edgecolor="black", lw=1.5))
        ax.text(x, y, text, ha="center", va="center", fontsize=FONT if name in plain else FONT + 2)

    for src, dst, forward, backward in edges:
        p, q = np.array(nodes[src][:2], float), np.array(nodes[dst][:2], float)
        d = (q - p) / np.linalg.norm(q - p)              # unit direction src -> dst
        n = np.array([-d[1], d[0]])                      # unit normal, turned to point
        if n[1] < 0 or (n[1] == 0 and n[0] > 0):         # "above" the edge (left of
            n = -n                                       # an upward edge)
        a = p + d * _reach(src, nodes, plain, d)         # arrow from border to border
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
