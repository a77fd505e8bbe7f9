"""The provided draw_graph puts forward values above edges in black, backward values below in red."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from autograder.provided.graph_figure import draw_graph  # noqa: E402


def _texts(ax, colour):
    """{text: y position in data units} of the non-empty texts of one colour on the Axes."""
    return {t.get_text(): t.get_position()[1] for t in ax.texts
            if t.get_text() and mcolors.to_hex(t.get_color()) == colour}


def test_apple_graph_labels_and_colours():
    nodes = {"apple": (0, 1, "apple"), "num": (1.6, 0, "apple count"), "m1": (1.6, 1, "×"),
             "tax": (3.6, 0, "tax"), "m2": (3.6, 1, "×"), "out": (5.4, 1, "price")}
    edges = [("apple", "m1", 100, 2.2), ("num", "m1", 2, 110), ("m1", "m2", 200, 1.1),
             ("tax", "m2", 1.1, 200.5), ("m2", "out", 100 * 2 * 1.1, 1)]
    ax = draw_graph(nodes, edges, plain=["apple", "num", "tax", "out"], title="apple")
    black, red = _texts(ax, "#000000"), _texts(ax, "#ff0000")
    # 220.00000000000003 is shown as 220; node names are black too
    assert set(black) == {"100", "2", "200", "1.1", "220", "apple", "apple count", "×", "tax", "price"}
    assert set(red) == {"2.2", "110", "1.1", "200.5", "1"}
    assert black["100"] > 1 > red["2.2"]        # above / below the horizontal edge at y = 1
    assert ax.get_title() == "apple"
    red_arrows = [a for a in ax.texts if a.get_text() == "" and a.arrow_patch is not None
                  and mcolors.to_hex(a.arrow_patch.get_edgecolor()) == "#ff0000"]
    assert len(red_arrows) == len(edges)
    plt.close("all")


def test_missing_labels_and_given_axes():
    fig, ax = plt.subplots()
    nodes = {"x": (0, 0, "x"), "sq": (2, 1, "**2"), "y": (4, 0, "y")}
    out = draw_graph(nodes, [("x", "sq", 3, None), ("sq", "y", None, "1")], plain=["x", "y"], ax=ax)
    assert out is ax
    assert set(_texts(ax, "#000000")) == {"x", "**2", "y", "3"}
    assert set(_texts(ax, "#ff0000")) == {"1"}
    plt.close("all")
