# %% [markdown]
# # Chapter 6 · Softmax-with-Loss: the output layer and its loss
#
# *Deep Learning from Scratch* (밑바닥부터 시작하는 딥러닝): **§3.5** (the softmax function),
# **§4.2** (loss functions, cross-entropy error) and **§5.6.3 Softmax-with-Loss 계층**.
#
# Chapters 3 to 5 built the layers that carry a signal *through* a network: multiply and add
# nodes, ReLU and Sigmoid, Affine. This chapter is about the **end** of the network, where
# the last Affine layer's raw numbers are turned into class probabilities and then into a
# single number that says how wrong the network is. It is also the place where every
# backward pass **starts**.
#
# **By the end of this lecture you can**
#
# 1. compute the softmax of a vector by hand and in numpy, and explain why the naive formula
#    overflows and why subtracting the maximum fixes it without changing the result;
# 2. apply softmax to a batch **row by row**, and recognise a real bug from a study note that
#    normalised the whole batch at once;
# 3. compute the cross-entropy error with one-hot labels and with integer labels (the book's
#    0.5108 and 2.3026), averaged over a batch, with the small `delta` that protects `log`;
# 4. write the `SoftmaxWithLoss` layer, derive why its backward is simply
#    $(\mathbf{y} - \mathbf{t})/N$, and check it against a numerical gradient;
# 5. say why training needs softmax but inference does not.
#
# The first provided cell below is the course's `draw_graph` (forward values **above** an edge
# in black, backward values **below** it in red). The second is the `numerical_gradient`
# helper the labs use: central differences with $h = 10^{-4}$, one array entry at a time.
# You may read them, but you do not need to.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %%
# provided: graph_figure

# %%
# provided: numerical_gradient

# %% [markdown]
# ## 1 · From scores to probabilities (출력층, 소프트맥스 함수)
#
# A classifier's last Affine layer produces one number per class, for example three numbers
# for three classes. These raw outputs are called **scores** (점수), or **logits**. They can be
# any real numbers: negative, larger than 1, not summing to anything in particular. The larger
# a score, the more the network favours that class, but a score is not a probability.
#
# The **softmax function** (소프트맥스 함수) of the **output layer** (출력층) turns the $C$
# scores $a_0, \dots, a_{C-1}$ of $C$ classes into $C$ probabilities:
#
# $$y_k = \frac{\exp(a_k)}{\sum_{i=0}^{C-1} \exp(a_i)} .$$
#
# Classes are numbered from 0, as numpy indexes arrays and as the book's code does: with
# three classes they are class 0, class 1 and class 2, and "class 2" is entry `y[2]`.
#
# Each $\exp(a_k)$ is positive, and dividing by their sum makes the outputs add up to 1. So
# every $y_k$ lies between 0 and 1 and the $y_k$ together form a probability distribution
# (확률 분포) over the classes. The book's example is the score vector $(0.3, 2.9, 4.0)$:

# %%
def softmax_naive(a):
    """Softmax of one score vector, straight from the formula (unsafe, see section 2)."""
    exp_a = np.exp(a)
    return exp_a / np.sum(exp_a)

a = np.array([0.3, 2.9, 4.0])
y = softmax_naive(a)
print("scores       :", a)
print("probabilities:", np.round(y, 3))
print("sum          :", round(float(np.sum(y)), 10))
assert np.allclose(np.round(y, 3), [0.018, 0.245, 0.737])
assert round(float(np.sum(y)), 10) == 1

# %% [markdown]
# The figure puts the two vectors side by side. Softmax keeps the **order** of the classes (the
# largest score becomes the largest probability) but exaggerates the differences, because
# $\exp$ grows so fast: a score gap of $4.0 - 2.9 = 1.1$ becomes a probability ratio of
# $e^{1.1} \approx 3$. Read $y_2 = 0.737$ as "the network gives class 2 a 73.7 % chance".

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
classes = ["class 0", "class 1", "class 2"]
for ax, values, name, colour in [(axes[0], a, "scores a (any real numbers)", "tab:gray"),
                                 (axes[1], y, "softmax(a): probabilities, sum = 1", "tab:blue")]:
    bars = ax.bar(classes, values, color=colour)
    ax.bar_label(bars, labels=[f"{v:.3f}" if name.startswith("softmax") else f"{v:.1f}"
                               for v in values])
    ax.set_title(name)
    ax.set_ylim(0, max(values) * 1.2)
fig.suptitle("The book's example: softmax turns scores (0.3, 2.9, 4.0) into probabilities")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 2 · Overflow, and the max trick (오버플로 대책)
#
# $\exp$ explodes. In 64-bit floating point the largest number is about $1.8 \times 10^{308}$,
# and $e^{710}$ is already larger. Scores of a few hundred or thousand are not unusual in a
# network that is badly initialised or is trained with too large a step. The book's example
# is the vector $(1010, 1000, 990)$: every $\exp$ becomes `inf` (**overflow**, 오버플로), and
# `inf / inf` is `nan` (not a number). One `nan` in the loss poisons every gradient after it.
#
# (numpy normally prints a `RuntimeWarning` here. The `np.errstate` block silences it so the
# notebook stays tidy; in your own code, a warning like that is exactly what you want to see.)

# %%
big = np.array([1010.0, 1000.0, 990.0])
with np.errstate(over="ignore", invalid="ignore"):
    exp_big = np.exp(big)
    y_big_naive = softmax_naive(big)
print("exp(big)        :", exp_big)
print("naive softmax   :", y_big_naive)
assert np.all(np.isinf(exp_big))
assert np.all(np.isnan(y_big_naive))

# %% [markdown]
# **The fix: subtract the largest score first.** For any constant $C$,
#
# $$\frac{\exp(a_k - C)}{\sum_i \exp(a_i - C)}
#   = \frac{e^{-C}\exp(a_k)}{e^{-C}\sum_i \exp(a_i)}
#   = \frac{\exp(a_k)}{\sum_i \exp(a_i)} ,$$
#
# because the common factor $e^{-C}$ cancels. That one line is the whole proof: **shifting all
# scores by the same amount does not change the softmax.** Choose $C = \max_i a_i$. Then the
# largest exponent is exactly $0$, every $\exp$ lies in $(0, 1]$, nothing can overflow, and
# the denominator is at least 1, so there is no division by zero either. Very negative shifted
# scores may *underflow* to 0, which is harmless: their true probability is that tiny anyway.

# %%
def softmax_vector(a):
    """Softmax of one score vector, safe for large scores."""
    exp_a = np.exp(a - np.max(a))          # the largest exponent is now exp(0) = 1
    return exp_a / np.sum(exp_a)

print("big - max(big)  :", big - np.max(big))
y_big = softmax_vector(big)
print("stable softmax  :", y_big)
assert np.allclose(y_big, [9.99954600e-01, 4.53978686e-05, 2.06106005e-09])
assert np.allclose(softmax_vector(a), softmax_naive(a))         # same result where both work
assert np.allclose(softmax_vector(a + 1000), softmax_vector(a))  # a shift changes nothing

# %% [markdown]
# ## 3 · A batch: one softmax per row (배치 처리)
#
# In training we push a **batch** (배치) of $N$ samples through the network at once, so the
# scores arrive as an $(N, C)$ array: one row per sample, one column per class. Each row is a
# separate question ("which class is *this* sample?"), so softmax must work **row by row**:
# the maximum and the sum are taken along `axis=1`, over the classes of one sample, never
# across samples.
#
# `keepdims=True` keeps the reduced axis with length 1, so the row maxima have shape $(N, 1)$
# instead of $(N,)$. An $(N, 1)$ column broadcasts across the $C$ columns, which is what we
# want: each row is shifted by its own maximum and divided by its own sum. Without it numpy
# would try to line up the $N$ row values with the $C$ *columns*: an error when $N \ne C$, and
# silently wrong numbers when $N = C$.
#
# The function below writes `axis=-1`, "the last axis". For an $(N, C)$ batch that *is*
# `axis=1`, and the same code also handles a single $(C,)$ vector, where the last axis is the
# only one.

# %%
def softmax(x):
    """Row-wise softmax: x is one score vector (C,) or a batch of score rows (N, C)."""
    shifted = x - np.max(x, axis=-1, keepdims=True)     # each row minus its own maximum
    exp_x = np.exp(shifted)
    return exp_x / np.sum(exp_x, axis=-1, keepdims=True)

batch = np.array([[0.3, 2.9, 4.0],
                  [1010.0, 1000.0, 990.0]])
print("row maxima, keepdims:", np.max(batch, axis=1, keepdims=True).shape,
      "  without:", np.max(batch, axis=1).shape)
Y = softmax(batch)
print("softmax(batch):\n", np.round(Y, 3))
print("row sums:", np.round(Y.sum(axis=1), 10))
assert np.allclose(Y.sum(axis=1), 1)
assert np.allclose(Y[0], softmax_vector(batch[0])) and np.allclose(Y[1], softmax_vector(batch[1]))
try:
    batch - np.max(batch, axis=1)            # (2, 3) minus (2,): the shapes do not line up
except ValueError as error:
    print("without keepdims:", error)

# %% [markdown]
# > **Common slip: one softmax for the whole batch.** One of the study notes this course grew
# > from wrote the book's *single-vector* softmax and then fed it a batch:
# >
# > ```python
# > def softmax(x):
# >   c = np.max(x)               # the maximum of the WHOLE batch
# >   exp_x = np.exp(x-c)
# >   sum_exp_x = np.sum(exp_x)   # the sum over the WHOLE batch
# >   y = exp_x / sum_exp_x
# > ```
# >
# > Without an `axis`, `np.max` and `np.sum` reduce over *all* $N \times C$ numbers, so the
# > function normalises the batch as one big vector. Nothing crashes, and every output is
# > still between 0 and 1. But now the **whole batch** sums to 1, not each row. Two copies of
# > the book's example each get *half* the probabilities they should, and each row depends on
# > the other rows: change the second sample, and the first sample's "probabilities" change.

# %%
def softmax_whole_batch(x):
    """The study note's version: one max and one sum over the whole batch (wrong for batches)."""
    c = np.max(x)
    exp_x = np.exp(x - c)
    return exp_x / np.sum(exp_x)

twins = np.array([[0.3, 2.9, 4.0],
                  [0.3, 2.9, 4.0]])
other = np.array([[0.3, 2.9, 4.0],
                  [0.0, 0.0, 9.0]])
for name, x in [("two copies of the example", twins), ("second row changed", other)]:
    wrong = softmax_whole_batch(x)
    print(f"{name}:\n  whole-batch row 1: {np.round(wrong[0], 4)}   row sums: "
          f"{np.round(wrong.sum(axis=1), 4)}\n  row-wise    row 1: {np.round(softmax(x)[0], 4)}")
assert np.allclose(softmax_whole_batch(twins).sum(axis=1), [0.5, 0.5])
assert np.allclose(softmax_whole_batch(twins)[0], softmax(twins)[0] / 2)
assert not np.allclose(softmax_whole_batch(twins)[0], softmax_whole_batch(other)[0])
assert np.allclose(softmax(twins)[0], softmax(other)[0])   # row-wise: row 1 unaffected

# %% [markdown]
# With the batch of 100 images that the note used for training, each row of this "softmax"
# sums to about $1/100$, so every true-class probability is tiny, and, worse, the layer's
# backward formula of section 5 no longer matches its forward computation. The note's own
# gradient check hinted at it (`b2: 0.0667`, where the book's own check shows differences of
# $10^{-10}$ and less; the author wrote that they did not know why), and its network reported
# **about 10 % accuracy** for the whole training run. That number is not "guessing": trained
# with the wrong gradients, the weights grew until they became `nan`, and from then on the
# network answered class 0 for every image (`np.argmax` of a row of `nan`s is 0), so its
# accuracy was the share of zeros in MNIST, about 10 %. Lecture 7, section “9 · Debugging
# clinic”, rebuilds the note's network, watches this happen and finds the bug with a gradient
# check, step by step. For now: **reduce along the class axis, with `keepdims`.**
#
# ## 4 · Cross-entropy error (교차 엔트로피 오차)
#
# A **loss function** (손실 함수) turns the network's output into one number that training
# makes smaller. For classification the book uses the **cross-entropy error** (교차 엔트로피
# 오차):
#
# $$E = -\sum_k t_k \log y_k ,$$
#
# where $y_k$ are the softmax probabilities and $t_k$ is the **label** (정답 레이블) written as
# a **one-hot** vector (원-핫 인코딩): 1 at the true class, 0 everywhere else. All terms with
# $t_k = 0$ vanish, so the sum is just **minus the log of the probability given to the true
# class**: $E = -\log y_{\text{true}}$. Confident and right ($y_{\text{true}} \to 1$) gives
# $E \to 0$; the less probability the true class gets, the larger $E$.
#
# The book's example has ten classes (the digits 0 to 9), the output
# $\mathbf{y} = (0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0)$, and two possible labels:
# if the answer is the digit **2** (where the network put 0.6), $E = -\log 0.6 = 0.5108$; if it
# is **7** (only 0.1), $E = -\log 0.1 = 2.3026$. The code follows the formula literally, with
# one-hot labels; the `delta` is explained right after.

# %%
y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
delta = 1e-7

def cross_entropy_one_hot(y, t):
    """E = -sum(t * log(y + delta)) for one sample with a one-hot label t."""
    return -np.sum(t * np.log(y + delta))

t_two = np.eye(10)[2]          # one-hot for digit 2: [0, 0, 1, 0, ...]
t_seven = np.eye(10)[7]        # one-hot for digit 7
E_two, E_seven = cross_entropy_one_hot(y, t_two), cross_entropy_one_hot(y, t_seven)
print("t = 2 :", t_two.astype(int), " E =", round(E_two, 4))
print("t = 7 :", t_seven.astype(int), " E =", round(E_seven, 4))
assert round(E_two, 4) == 0.5108
assert round(E_seven, 4) == 2.3026

# %% [markdown]
# The curve below is $E = -\log y_{\text{true}}$ as a function of the probability of the true
# class, with the book's two cases marked. It is steep near 0: a network that is confidently
# *wrong* pays a large price, and the price falls smoothly to 0 as the true class gets all the
# probability.

# %%
p = np.linspace(0.005, 1, 400)
fig, ax = plt.subplots(figsize=(6.5, 3.6))
ax.plot(p, -np.log(p), color="tab:blue")
for prob, label in [(0.6, "t = 2: y = 0.6 → E = 0.5108"), (0.1, "t = 7: y = 0.1 → E = 2.3026")]:
    ax.plot(prob, -np.log(prob), "o", color="tab:red")
    ax.annotate(label, (prob, -np.log(prob)), xytext=(12, 8), textcoords="offset points")
ax.set_xlabel("probability the network gives the true class, $y_{true}$")
ax.set_ylabel("$E = -\\log y_{true}$")
ax.set_title("Cross-entropy error: only the true class's probability counts")
ax.set_ylim(0, 5.5)
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# **Why `delta = 1e-7`?** The output above contains exact zeros, and $\log 0 = -\infty$. If the
# true class ever got probability 0, the loss would be `inf` and every gradient computed from
# it `nan`. Adding a tiny `delta` inside the log caps the loss at $-\log 10^{-7} \approx 16.1$
# and changes the ordinary values only in the 7th decimal place (0.5108 stays 0.5108).
#
# Why can a softmax output be exactly 0 at all, when $\exp$ is never 0? Because of the
# underflow of section 2: a class whose score is about 750 below the best one gets
# $\exp(\cdot) = 0.0$ in floating point.

# %%
with np.errstate(divide="ignore"):
    print("log(0)            :", np.log(0.0))
print("-log(0 + delta)   :", round(-np.log(0.0 + delta), 4))
print("softmax([0, -800]):", softmax(np.array([0.0, -800.0])))
t_three = np.eye(10)[3]        # digit 3, where y is exactly 0
print("E for t = 3       :", round(cross_entropy_one_hot(y, t_three), 4))
assert round(-np.log(delta), 4) == 16.1181
assert softmax(np.array([0.0, -800.0]))[1] == 0.0
assert np.isfinite(cross_entropy_one_hot(y, t_three))

# %% [markdown]
# ### Integer labels, batches, and a single sample
#
# Three practical details turn the formula into the function the network uses.
#
# * **Integer labels** (정답 레이블의 인덱스). Datasets often store the label as the class
#   number, `t = 2`, instead of a one-hot vector. Since the one-hot sum only picks
#   $-\log y_{t}$, we can pick that entry directly: `y[t]`, or for a batch
#   `y[np.arange(N), t]`, which takes entry `t[0]` of row 0, `t[1]` of row 1, and so on. Same
#   number, no multiplication by zeros. A one-hot label can be turned into an integer one with
#   `argmax`.
# * **The mean over the batch** (평균). For $N$ samples the loss is
#   $E = -\frac{1}{N}\sum_n \sum_k t_{nk} \log y_{nk}$, the average of the per-sample errors,
#   so its size does not depend on the batch size.
# * **One sample as a batch of one.** A single $(C,)$ output is reshaped to $(1, C)$ (and its
#   label to match), so one code path serves both cases and $N = 1$.

# %%
def cross_entropy_error(y, t):
    """Mean cross-entropy error.

    y: probabilities, (N, C) or one sample (C,); t: one-hot labels of y's shape,
    or integer labels, (N,) for a batch, (1,) for one sample.
    """
    if y.ndim == 1:                                  # one sample -> a batch of one
        y = y.reshape(1, y.size)
        t = np.reshape(t, (1, -1)) if np.size(t) == y.size else np.reshape(t, 1)
    if np.size(t) == y.size:                         # one-hot -> the index of its 1
        t = np.argmax(t, axis=1)
    N = y.shape[0]
    return -np.sum(np.log(y[np.arange(N), t] + 1e-7)) / N

print("one sample, one-hot t = 2 :", round(cross_entropy_error(y, t_two), 4))
print("one sample, integer t = 2 :", round(cross_entropy_error(y, np.array([2])), 4))
print("one sample, integer t = 7 :", round(cross_entropy_error(y, np.array([7])), 4))
two_samples = np.array([y, y])                       # the same output twice ...
labels = np.array([2, 7])                            # ... once with answer 2, once with 7
E_batch = cross_entropy_error(two_samples, labels)
print("batch of 2, labels [2, 7] :", round(E_batch, 4), " = mean of 0.5108 and 2.3026")
assert round(cross_entropy_error(y, np.array([2])), 4) == 0.5108
assert round(cross_entropy_error(y, t_two), 4) == 0.5108
assert round(cross_entropy_error(y, np.array([7])), 4) == 2.3026
assert round(E_batch, 4) == 1.4067 and np.isclose(E_batch, (E_two + E_seven) / 2)
assert np.isclose(cross_entropy_error(two_samples, np.eye(10)[labels]), E_batch)

# %% [markdown]
# ## 5 · The Softmax-with-Loss layer (Softmax-with-Loss 계층)
#
# The book joins the two functions into one layer, **Softmax-with-Loss**: scores go in,
# softmax turns them into probabilities $\mathbf{y}$, and the cross-entropy error compares
# $\mathbf{y}$ with the label $\mathbf{t}$ and outputs the loss $L$. It sits at the very end of
# the network, so its backward pass starts from $\partial L / \partial L = 1$.
#
# The top figure shows the layer's computational graph for three classes, with the two
# functions drawn as blocks. Red values flow right to left:
#
# * into the **Cross Entropy Error** block comes 1; it sends $-t_k / y_k$ back along each
#   $y_k$ (the derivative of $-\sum t_k \log y_k$ with respect to $y_k$);
# * out of the **Softmax** block comes, after some algebra, simply $y_k - t_k$.
#
# The bottom figure is the same graph with the book's numbers: scores $(0.3, 2.9, 4.0)$ and
# true class 2 (one-hot $(0, 0, 1)$). Notice the middle edges: only the
# true class receives a nonzero signal ($-1/0.737 = -1.358$), yet **every** score gets a
# gradient, because each softmax output depends on all the scores. The wrong classes get
# positive gradients (lowering their scores would lower the loss), the true class a negative
# one (raising its score would).

# %%
def draw_softmax_with_loss(ax, a, y, back_a, back_y, t_label, loss, title):
    """The Softmax-with-Loss graph with its two functions drawn as boxes."""
    rows = [1.2, 0.0, -1.2]
    nodes = {"L": (7.3, 0, "L"), "t": (5.4, -2.6, "label t"),
             "ce_out": (5.91, 0, ""), "ce_t": (5.4, -1.45, "")}
    edges = [("ce_out", "L", loss, 1), ("t", "ce_t", t_label, None)]
    for k, r in enumerate(rows):
        nodes[f"a{k}"] = (0, r, f"a{k}")
        nodes[f"sm_in{k}"] = (1.89, r, "")        # invisible points on the boxes' borders
        nodes[f"sm_out{k}"] = (3.11, r, "")
        nodes[f"ce_in{k}"] = (4.69, r, "")
        edges += [(f"a{k}", f"sm_in{k}", a[k], back_a[k]),
                  (f"sm_out{k}", f"ce_in{k}", y[k], back_y[k])]
    draw_graph(nodes, edges, plain=list(nodes), ax=ax, title=title)
    for x0, text in [(1.8, "Softmax"), (4.6, "Cross\nEntropy\nError")]:
        ax.add_patch(plt.Rectangle((x0, -1.6), 1.4, 3.2, facecolor="#eef3fb",
                                   edgecolor="black", lw=1.5))
        ax.text(x0 + 0.7, 0, text, ha="center", va="center", fontsize=13)
    ax.set_ylim(-2.85, 1.75)

sm_layer_y = softmax(a)
fig, axes = plt.subplots(2, 1, figsize=(8, 10.4))   # about one inch per graph unit
draw_softmax_with_loss(axes[0], [None] * 3, ["y0", "y1", "y2"],
                       ["y0 − t0", "y1 − t1", "y2 − t2"], ["−t0/y0", "−t1/y1", "−t2/y2"],
                       "(t0, t1, t2)", None, "Softmax-with-Loss: forward above, backward below")
draw_softmax_with_loss(axes[1], [f"{v:.1f}" for v in a],
                       [f"{v:.3f}" for v in sm_layer_y],
                       [f"{v:.3f}" for v in sm_layer_y - [0, 0, 1]],
                       ["0", "0", f"{-1 / sm_layer_y[2]:.3f}"], "(0, 0, 1)",
                       f"{-np.log(sm_layer_y[2]):.3f}",
                       "The book's scores (0.3, 2.9, 4.0) with label t = 2")
plt.show()

# %% [markdown]
# ### Deriving the backward pass
#
# Take one sample with scores $a_k$, $S = \sum_i \exp(a_i)$, $y_k = \exp(a_k)/S$, and a label
# whose entries sum to 1 (a one-hot vector does). Then $\log y_k = a_k - \log S$, and
#
# $$L = -\sum_k t_k \log y_k = -\sum_k t_k a_k + \Big(\sum_k t_k\Big)\log S
#     = -\sum_k t_k a_k + \log S .$$
#
# Differentiating with respect to one score $a_j$: the first sum gives $-t_j$, and
# $\partial \log S / \partial a_j = \exp(a_j)/S = y_j$. So
#
# $$\frac{\partial L}{\partial a_j} = y_j - t_j .$$
#
# The same result also follows from the graph, node by node: back through the cross-entropy
# block (the red $-t_k/y_k$ of the figure), then through the softmax block's exp, sum and
# division nodes, adding up the paths where a value fans out. The book walks that road in its
# appendix A. (The softmax block's own backward, for *any* gradient arriving from above, is
# the last exercise of lab 6: you derive it there.)
#
# For a batch the loss is the **mean** of $N$ such terms, $L = \frac{1}{N}\sum_n L_n$, and the
# scores of sample $n$ appear only in $L_n$, so
#
# $$\frac{\partial L}{\partial a_{nj}} = \frac{y_{nj} - t_{nj}}{N} .$$
#
# Now the layer, with the interface of lab 6: `forward(x, t)` takes scores `x` of shape
# $(N, C)$ (one sample is a batch of one, $(1, C)$) and labels `t`, one-hot $(N, C)$ or integer
# $(N,)$; it stores the probabilities and the labels as one-hot rows (`np.eye(C)[t]` picks row
# `t` of the identity matrix) and returns the loss. `backward(dout=1)` subtracts, divides by
# $N$, multiplies by `dout` (why, in section 7) and returns `dx` of shape $(N, C)$.

# %%
def one_hot_like(t, y):
    """The labels t as one-hot rows of y's shape (t may already be one-hot)."""
    t = np.asarray(t)
    return t if t.shape == y.shape else np.eye(y.shape[-1])[t]


class SoftmaxWithLoss:
    """forward(x, t) -> loss: x (N, C) scores; t one-hot (N, C) or integer labels (N,).
    backward(dout=1) -> dx (N, C)."""

    def __init__(self):
        self.y = None       # softmax output (N, C), kept for backward
        self.t = None       # labels as one-hot rows (N, C), kept for backward
        self.loss = None

    def forward(self, x, t):
        self.y = softmax(x)
        self.t = one_hot_like(t, self.y)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        N = self.y.shape[0]
        return dout * (self.y - self.t) / N


layer = SoftmaxWithLoss()
loss = layer.forward(a.reshape(1, 3), np.array([2]))   # the book's scores: a batch of one
dx = layer.backward()
print("loss:", round(loss, 4), "  dx = y - t:", np.round(dx, 4))
assert round(loss, 4) == 0.3057
assert dx.shape == (1, 3) and np.allclose(np.round(dx, 4), [[0.0182, 0.2452, -0.2634]])

# %% [markdown]
# **Check against a numerical gradient.** The derivation made one assumption (labels summing to
# 1) and the code makes several choices (one-hot conversion, $N$, shapes). A central difference
# checks all of it at once: nudge each score by $h = 10^{-4}$ up and down, recompute the loss,
# and compare. We check the single sample above, and a random batch of 4 samples and 5 classes
# with integer labels and with the same labels as one-hot rows.
#
# One subtlety sets the tolerance. The forward pass computes $-\log(y + \delta)$, whose slope
# is slightly *smaller* than that of $-\log y$, and $\mathbf{y} - \mathbf{t}$ is the exact
# gradient of the loss **without** `delta`. The gap is about $\delta / (N\,y_{\text{true}})$:
# around $10^{-6}$ in this batch, where one true class gets only 2 % probability. So we allow
# $10^{-5}$; a wrong backward (a missing $/N$, a wrong sign, a swapped label) is off by far more.

# %%
def check_layer(x, t):
    """Largest |backward - numerical gradient| of SoftmaxWithLoss at scores x, labels t."""
    layer = SoftmaxWithLoss()
    layer.forward(x, t)
    dx = layer.backward()
    numeric = numerical_gradient(lambda x_: SoftmaxWithLoss().forward(x_, t), x.copy())
    return np.max(np.abs(dx - numeric))

rng = np.random.default_rng(0)
scores = rng.normal(0, 2, size=(4, 5))
t_int = rng.integers(0, 5, size=4)
for name, x, t in [("batch of one, label 2   ", a.reshape(1, 3), np.array([2])),
                   ("batch 4x5, integer t    ", scores, t_int),
                   ("batch 4x5, one-hot t    ", scores, np.eye(5)[t_int])]:
    error = check_layer(x, t)
    print(f"{name} max |backward - numerical| < 1e-5: {error < 1e-5}")
    assert error < 1e-5

# %% [markdown]
# The red label $-t_k / y_k$ on the middle edges of the figure can be checked the same way,
# on the cross-entropy block alone, as a function of the probabilities:

# %%
y_book = softmax(a)
dE_dy = numerical_gradient(lambda y_: cross_entropy_error(y_, np.array([2])), y_book.copy())
print("numerical dE/dy:", np.round(dE_dy, 3), "  -t/y:", round(-1 / y_book[2], 3))
assert np.allclose(dE_dy, [0, 0, -1 / y_book[2]], atol=1e-5)

# %% [markdown]
# And here is the same check applied to a layer built on the study note's whole-batch softmax
# of section 3. Its forward computes one function, its backward (still $(\mathbf{y}-\mathbf{t})/N$)
# the derivative of another, and the check says so immediately. This is the tool chapter 7
# uses to hunt the bug down.

# %%
class WholeBatchSoftmaxWithLoss(SoftmaxWithLoss):
    def forward(self, x, t):
        self.y = softmax_whole_batch(x)          # the study note's softmax
        self.t = one_hot_like(t, self.y)
        self.loss = cross_entropy_error(self.y, t)
        return self.loss

note_layer = WholeBatchSoftmaxWithLoss()
note_layer.forward(scores, t_int)
note_numeric = numerical_gradient(lambda x_: WholeBatchSoftmaxWithLoss().forward(x_, t_int),
                                  scores.copy())
note_error = np.max(np.abs(note_layer.backward() - note_numeric))
print("whole-batch softmax: max |backward - numerical| =", round(note_error, 3))
assert note_error > 0.01

# %% [markdown]
# **What $\mathbf{y} - \mathbf{t}$ means.** It is the difference between what the network said
# and what it should have said: the error itself travels back. The book contrasts two cases
# for the label $\mathbf{t} = (0, 1, 0)$. If the network outputs $(0.3, 0.2, 0.5)$, far from the
# answer, the backward signal $(0.3, -0.8, 0.5)$ is large and the layers before learn a lot. If
# it outputs $(0.01, 0.99, 0)$, nearly right, the signal $(0.01, -0.01, 0)$ is small and
# learning slows down.

# %%
t_book = np.array([0, 1, 0])
for y_out in ([0.3, 0.2, 0.5], [0.01, 0.99, 0.0]):
    print("y =", y_out, " ->  y - t =", np.round(np.array(y_out) - t_book, 10))
assert np.allclose(np.array([0.3, 0.2, 0.5]) - t_book, [0.3, -0.8, 0.5])
assert np.allclose(np.array([0.01, 0.99, 0.0]) - t_book, [0.01, -0.01, 0])

# %% [markdown]
# > **Common slip: a backward that only works for one-hot batches.** Both study notes that
# > wrote this layer used the book's code as is:
# >
# > ```python
# > def backward(self, dout=1):
# >     batch_size = self.t.shape[0]
# >     dx = (self.y - self.t) / batch_size
# > ```
# >
# > It is right for a batch with one-hot labels, the case the book trains with (and it ignores
# > `dout`, section 7). With **integer labels** `self.y - self.t` subtracts the label numbers
# > from the probabilities: an error for most shapes, silently wrong when $N = C$. (The
# > book's later `common/layers.py` handles labels by subtracting 1 at each true class.) Our
# > `forward` converts the labels to one-hot rows once, so `backward` never sees integers.

# %%
class NoteSoftmaxWithLoss:
    """The notes' (and the book's §5.6.3) layer: t is kept as given, dout is ignored."""

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        dx = (self.y - self.t) / batch_size
        return dx

note = NoteSoftmaxWithLoss()
note.forward(scores, np.eye(5)[t_int])               # 4 samples, one-hot labels
ours = SoftmaxWithLoss()
ours.forward(scores, t_int)
print("note's dx, one-hot labels, equals ours:", np.allclose(note.backward(), ours.backward()))
assert np.allclose(note.backward(), ours.backward())
note.forward(scores, t_int)                          # 4 samples, integer labels
try:
    note.backward()
except ValueError as error:
    print("note's dx, integer labels: ValueError:", error)

# %% [markdown]
# ## 6 · Why the result is so clean
#
# *Optional: an aside. Skip it on a first read; the lab does not depend on it.*
#
# $\mathbf{y} - \mathbf{t}$ is not luck. The cross-entropy error was *chosen* to go with
# softmax: softmax builds probabilities from $\exp$, cross-entropy measures them with $\log$,
# and the $\log$ undoes the $\exp$ (that was the step $\log y_k = a_k - \log S$ above). The
# two steep curves cancel, and the gradient with respect to the scores is just the error.
#
# The book points out the same pairing for **regression** (회귀): an **identity function**
# (항등 함수) as output, $\mathbf{y} = \mathbf{a}$, with the **sum of squares error** (오차제곱합)
# $E = \frac12 \sum_k (y_k - t_k)^2$, whose derivative is again $y_k - t_k$. A quick check:

# %%
def squared_error(a_out, t):
    """Identity output y = a, then E = 1/2 * sum((y - t)**2)."""
    return 0.5 * np.sum((a_out - t) ** 2)

a_reg = np.array([1.5, -0.2, 3.0])
t_reg = np.array([1.0, 0.0, 2.0])
grad_reg = numerical_gradient(lambda a_: squared_error(a_, t_reg), a_reg.copy())
print("numerical dE/da:", np.round(grad_reg, 6), "  y - t:", a_reg - t_reg)
assert np.allclose(grad_reg, a_reg - t_reg)

# %% [markdown]
# So the rule of thumb: **classification (분류) = softmax + cross-entropy, regression =
# identity + squared error**, and in both cases the last layer sends $\mathbf{y} - \mathbf{t}$
# (divided by $N$ for a mean) backward. Mixing the pairs (say, softmax with squared error)
# still gives a gradient, but not a clean one: it picks up the softmax's own derivatives as
# extra factors, and those shrink toward 0 when one probability is close to 1, even when that
# confident answer is wrong. Learning then stalls exactly where it
# should be fastest.
#
# ## 7 · Why `backward` takes `dout`
#
# The book's `backward(self, dout=1)` accepts `dout` and then ignores it. That is fine in the
# book, because this layer is the last node of the graph: the upstream derivative is
# $\partial L/\partial L = 1$, and multiplying by 1 changes nothing.
#
# This course's layer multiplies by `dout` anyway, like every other layer. The reason is the
# chain rule: if the loss is ever used inside a bigger expression, say a **weighted** loss
# $L_{\text{total}} = 0.3 \cdot L$ (to balance it against another loss, or to average several
# of them), the upstream derivative is $0.3$ and the correct gradient is
# $0.3\,(\mathbf{y} - \mathbf{t})/N$. A layer that ignores `dout` silently returns a gradient
# 1/0.3 times too large. The numerical gradient of the weighted loss decides:

# %%
weight = 0.3
weighted = numerical_gradient(lambda x_: weight * SoftmaxWithLoss().forward(x_, t_int),
                              scores.copy())
ours, book_style = SoftmaxWithLoss(), NoteSoftmaxWithLoss()    # book_style ignores dout
ours.forward(scores, t_int)
book_style.forward(scores, np.eye(5)[t_int])                     # one-hot, so it runs
print("scaled by dout   matches:", np.allclose(ours.backward(weight), weighted, atol=1e-6))
print("dout ignored     matches:", np.allclose(book_style.backward(weight), weighted, atol=1e-6))
assert np.allclose(ours.backward(weight), weighted, atol=1e-6)
assert not np.allclose(book_style.backward(weight), weighted, atol=1e-6)
assert np.allclose(ours.backward(), book_style.backward())      # with dout = 1 they agree

# %% [markdown]
# ## 8 · Why inference skips softmax (추론과 학습)
#
# *Optional: an aside. Skip it on a first read; the lab does not depend on it.*
#
# A network has two jobs. In **training** (학습) it needs the loss and the loss's gradient, so
# the Softmax-with-Loss layer is essential. In **inference** (추론) it only needs the
# *answer*: the class with the largest probability. And that is always the class with the
# largest score, because softmax is **monotonically increasing** (단조 증가) within a row:
# $a_i > a_j \Rightarrow \exp(a_i) > \exp(a_j) \Rightarrow y_i > y_j$, since both are divided by
# the same positive sum. So
#
# $$\operatorname{argmax}_k a_k = \operatorname{argmax}_k \operatorname{softmax}(\mathbf{a})_k ,$$
#
# and inference can stop at the scores and save the $\exp$'s and the division. One of the
# study notes wrote this down from the book (p.176): *the network has an inference function
# and a learning function; inference does not need Softmax, but learning uses the Softmax
# layer.* That is also why, in the book's network and in chapter 7, `predict` returns the last
# Affine layer's scores, `accuracy` takes their `argmax`, and only `loss` goes through the
# Softmax-with-Loss layer.
#
# A demonstration on 1000 random score rows of 10 classes:

# %%
rng = np.random.default_rng(0)
many_scores = rng.normal(0, 3, size=(1000, 10))
from_scores = np.argmax(many_scores, axis=1)
from_probabilities = np.argmax(softmax(many_scores), axis=1)
agree = int(np.sum(from_scores == from_probabilities))
print(f"predictions that agree: {agree} of {len(many_scores)}")
print("first five:", from_scores[:5], from_probabilities[:5])
assert agree == 1000

# %% [markdown]
# Softmax is still useful at inference when you want the *confidence* ("73.7 % class 2"), not
# just the answer. A curious consequence for the study note's whole-batch softmax: it divides
# every entry of the batch by the same number, so for *given* weights it does not change which
# class each row's argmax picks. The damage is all in the loss and its gradients, that is, in
# training: the wrong gradients drove the weights to `nan`, after which every image was
# predicted as class 0 and the accuracy was the share of zeros (lecture 7, section 9).
#
# ## Glossary
#
# | English | 한국어 | meaning |
# |---|---|---|
# | output layer | 출력층 | the last layer of the network; for classification, softmax over the class scores |
# | score, logit | 점수 | a raw output of the last Affine layer, one per class, any real number |
# | softmax function | 소프트맥스 함수 | $y_k = \exp(a_k)/\sum_i \exp(a_i)$: scores → probabilities that sum to 1 |
# | probability distribution | 확률 분포 | non-negative numbers that sum to 1, one per class |
# | overflow | 오버플로 | a number too large for floating point; `exp(1010)` becomes `inf` |
# | underflow | 언더플로 | a number too close to 0 for floating point; `exp(-800)` becomes `0.0` |
# | batch | 배치 | $N$ samples processed together; scores of shape $(N, C)$, one row per sample |
# | loss function | 손실 함수 | one number that says how wrong the network is; training makes it smaller |
# | cross-entropy error | 교차 엔트로피 오차 | $E = -\sum_k t_k \log y_k$, i.e. $-\log$ of the true class's probability |
# | label | 정답 레이블 | the correct answer, as a class number (`2`) or a one-hot vector |
# | one-hot encoding | 원-핫 인코딩 | a vector with 1 at the true class and 0 elsewhere |
# | Softmax-with-Loss layer | Softmax-with-Loss 계층 | softmax and cross-entropy in one layer; backward $(\mathbf{y}-\mathbf{t})/N$ |
# | identity function | 항등 함수 | $y = a$; the output layer for regression |
# | sum of squares error | 오차제곱합 | $\frac12\sum_k (y_k - t_k)^2$; the regression loss, backward $y - t$ |
# | classification / regression | 분류 / 회귀 | predicting a class / predicting a number |
# | training / inference | 학습 / 추론 | adjusting the weights with the loss / using the trained network to answer |
# | monotonically increasing | 단조 증가 | order-preserving: a larger input always gives a larger output |
# | gradient check | 기울기 확인 | comparing a backward result with a numerical gradient to catch bugs |
# | numerical differentiation | 수치 미분 | estimating a derivative from function values, $(f(x+h)-f(x-h))/2h$, $h = 10^{-4}$ |
#
# ## What's next
#
# **Lab:** `labs/ch06_softmax_with_loss.ipynb`. You write the
# row-wise `softmax`, `cross_entropy_error` for one-hot and integer labels, the
# `SoftmaxWithLoss` layer with the interface of section 5, and then derive yourself the
# backward of a `Softmax` layer on its own, for any upstream gradient. Hidden checks feed them huge scores, single samples, batches,
# both kinds of labels and an upstream `dout` other than 1, and compare your backward with
# numerical gradients, so each slip of this lecture would be caught.
#
# **Next lecture:** `ch07_two_layer_net`. All the layers of the course come together:
# Affine → ReLU → Affine → Softmax-with-Loss, trained on MNIST with backpropagation. Its
# debugging clinic replays the study note whose network was stuck at 10 % and finds the
# whole-batch softmax with a gradient check.
