"""The fast path compiled: many mini-batch steps of a plain network in one numba call.

Why: at TensorFlow Playground's sizes (2-4-2-1, batches of 10) a NumPy step is dozens of calls of ~1 µs
on arrays of a few numbers; the call overhead, not the arithmetic, was the cost (~400 epochs/s). Here
one call runs whole epochs, a batch's points side by side (one row per neuron, one column per point, so
the loops over points vectorise), and evaluates the training and test sets at the epoch ends the
history keeps.

The layout is ``fastpath.FastTrainer``'s: every weight matrix (out × in, row-major), then every bias,
in one float32 vector whose slices the torch model's parameters are, so torch holds the current weights
after each call. Every value is stored in float32, as torch's (so a run that overflows diverges as
there); each operation computes in float64 and rounds once.

Imported only when a session first trains on the fast path (``fastpath.kernel``): importing numba
costs ~0.2 s. ``cache=True`` keeps the machine code on disk; ``python -m playground.warm`` (run by
``scripts/setup`` and Binder's ``postBuild``) fills that cache so no learner waits for a compile.
``tests/test_fastkernel.py`` checks every activation, loss, optimizer and penalty against torch.
"""

from __future__ import annotations

import math

import numba
import numpy as np

from playground.activations import SOFTPLUS_THRESHOLD

# Machine code for any CPU of the architecture, not only this one: Binder builds the cache on one
# machine and runs it on another, where a cache keyed to the builder's CPU would be compiled again.
# Measured here: no slower than code for this CPU. Read when numba's CPU target is first built (the
# first compile or cache load), so it holds even if something imported numba before this module.
if numba.config.CPU_NAME is None:
    numba.config.CPU_NAME, numba.config.CPU_FEATURES = "generic", ""

# Activations the kernel computes, by id: the names of playground.activations' registry. A name of the
# registry missing here trains on the NumPy fast path instead (``fastpath.FastTrainer.compiled``).
ACTIVATION_IDS = {name: i for i, name in enumerate(
    ("linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "silu", "softplus"))}
LOSS_IDS = {("binary", "bce"): 0, ("binary", "mse"): 1, ("multiclass", "ce"): 2, ("multiclass", "mse"): 3,
            ("regression", "mse"): 4, ("regression", "mae"): 5}
OPTIMIZER_IDS = {"sgd": 0, "momentum": 1, "rmsprop": 2, "adam": 3}
REG_IDS = {"none": 0, "l1": 1, "l2": 2, "decay": 3}

INV_SQRT2 = 1 / math.sqrt(2)
INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)

# reassoc: sums over a batch's points may be reordered (vectorised), as BLAS does; no "fast" NaN or inf
# assumptions: a diverging run must still show NaN and inf
jit = numba.njit(cache=True, nogil=True, fastmath={"reassoc", "nsz", "contract"})


@jit
def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


@jit
def _tanh(z):
    """tanh through one exp: half the time of math.tanh here, within 1e-15 of it."""
    return 1.0 - 2.0 / (math.exp(2.0 * z) + 1.0)


@jit
def act_f(kind, z, p):
    """f(z) of activation ``kind`` (an ACTIVATION_IDS value) with parameter ``p`` (slope, alpha)."""
    if kind == 2:
        return _tanh(z)
    if kind == 0:
        return z
    if kind == 1:
        return _sigmoid(z)
    if kind == 3:
        return z if z > 0.0 else 0.0
    if kind == 4:
        return z if z > 0.0 else p * z
    if kind == 5:
        return z if z > 0.0 else p * math.expm1(z)
    if kind == 6:
        return 0.5 * z * (1.0 + math.erf(z * INV_SQRT2))
    if kind == 7:
        return z * _sigmoid(z)
    return z if z > SOFTPLUS_THRESHOLD else math.log1p(math.exp(z))


@jit
def act_df(kind, z, a, p):
    """f'(z) given a = f(z); at a kink (z = 0) the left-hand value, as torch's autograd."""
    if kind == 2:
        return 1.0 - a * a
    if kind == 0:
        return 1.0
    if kind == 1:
        return a * (1.0 - a)
    if kind == 3:
        return 1.0 if z > 0.0 else 0.0
    if kind == 4:
        return 1.0 if z > 0.0 else p
    if kind == 5:
        return 1.0 if z > 0.0 else a + p
    if kind == 6:
        return 0.5 * (1.0 + math.erf(z * INV_SQRT2)) + z * INV_SQRT_2PI * math.exp(-0.5 * z * z)
    if kind == 7:
        s = _sigmoid(z)
        return s * (1.0 + z * (1.0 - s))
    return 1.0 if z > SOFTPLUS_THRESHOLD else _sigmoid(z)


@jit
def _activate(kind, p, z, a, nb):
    """a[:nb] = f(z[:nb]), the kind chosen once per row for tanh, the common case."""
    if kind == 2:
        for q in range(nb):
            a[q] = _tanh(z[q])
    else:
        for q in range(nb):
            a[q] = act_f(kind, z[q], p)


@jit
def _forward(params, sizes, offsets, starts, res, act, p, X0, nb, Z, A, H):
    """Points ``X0[:, :nb]`` (features × points) through the network. Per unit (rows, layer after layer
    at ``starts``) and point (columns): ``Z`` the pre-activation (the logits last), ``A = f(Z)`` and
    ``H`` the layer's output (``A`` plus the layer's input with a residual connection; the logits)."""
    L = len(sizes) - 1
    bo = offsets[L]
    for l in range(L):
        n_in, n_out, u = sizes[l], sizes[l + 1], starts[l]
        inp = X0 if l == 0 else H[starts[l - 1]:u]
        for j in range(n_out):
            z = Z[u + j]
            b = float(params[bo + j])
            for q in range(nb):
                z[q] = b
            row = offsets[l] + j * n_in
            for i in range(n_in):
                w = float(params[row + i])
                x = inp[i]
                for q in range(nb):
                    z[q] += w * x[q]
            h = H[u + j]
            if l == L - 1:
                for q in range(nb):
                    h[q] = z[q]
            else:
                _activate(act, p, z, A[u + j], nb)
                a = A[u + j]
                if res[l]:
                    x = inp[j]
                    for q in range(nb):
                        h[q] = a[q] + x[q]
                else:
                    for q in range(nb):
                        h[q] = a[q]
        bo += n_out


@jit
def _loss(loss, H, k, K, q, y, D, scale):
    """Loss of point ``q``'s logits ``H[k:k+K, q]`` against target ``y``; ``D[k:k+K, q] = scale ·``
    dLoss/dz unless ``scale`` is 0 (evaluation only)."""
    if loss <= 1:  # binary: one logit
        z0 = H[k, q]
        e = math.exp(-abs(z0))
        sig = 1.0 / (1.0 + e) if z0 >= 0 else e / (1.0 + e)
        if loss == 0:
            D[k, q] = scale * (sig - y)
            return max(z0, 0.0) - z0 * y + math.log1p(e)
        D[k, q] = scale * 2.0 * (sig - y) * sig * (1.0 - sig)
        return (sig - y) ** 2
    if loss <= 3:  # multi-class: softmax over K logits
        c = int(y)
        top = H[k, q]
        for j in range(1, K):
            top = max(top, H[k + j, q])
        total = 0.0
        for j in range(K):
            total += math.exp(H[k + j, q] - top)
        if loss == 2:  # log-softmax: exact where a probability underflows to 0
            if scale != 0.0:
                for j in range(K):
                    D[k + j, q] = scale * (math.exp(H[k + j, q] - top) / total - (1.0 if j == c else 0.0))
            return -(H[k + c, q] - top - math.log(total))
        value, dot = 0.0, 0.0
        for j in range(K):
            s = math.exp(H[k + j, q] - top) / total
            r = s - (1.0 if j == c else 0.0)
            value += r * r
            D[k + j, q] = 2.0 * r / K  # d(mean over the classes)/ds; through the softmax below
            dot += D[k + j, q] * s
        for j in range(K):
            D[k + j, q] = scale * math.exp(H[k + j, q] - top) / total * (D[k + j, q] - dot)
        return value / K
    r = H[k, q] - y  # regression: one output
    if loss == 4:
        D[k, q] = scale * 2.0 * r
        return r * r
    D[k, q] = scale * (1.0 if r > 0 else (-1.0 if r < 0 else 0.0))
    return abs(r)


@jit
def _backward(params, sizes, offsets, starts, res, act, p, X0, nb, Z, A, H, DZ, DH, G):
    """Add the batch's gradient to ``G`` (laid out as ``params``). ``DZ`` holds dLoss/dz of the
    logits on entry; ``DZ`` and ``DH`` (dLoss/d(layer output)) of the hidden units are scratch."""
    L = len(sizes) - 1
    bo = len(params)
    for l in range(L - 1, -1, -1):
        n_in, n_out, u = sizes[l], sizes[l + 1], starts[l]
        inp = X0 if l == 0 else H[starts[l - 1]:u]
        bo -= n_out
        for j in range(n_out):
            d = DZ[u + j]
            s = 0.0
            for q in range(nb):
                s += d[q]
            G[bo + j] += s
            row = offsets[l] + j * n_in
            for i in range(n_in):
                x = inp[i]
                s = 0.0
                for q in range(nb):
                    s += d[q] * x[q]
                G[row + i] += s
        if l == 0:
            break
        prev = starts[l - 1]
        for i in range(n_in):  # dL/d(output of layer l-1) = dL/d(input of layer l)
            dh = DH[prev + i]
            if l < L - 1 and res[l]:  # layer l's output = f(z) + its input
                skip = DH[u + i]
                for q in range(nb):
                    dh[q] = skip[q]
            else:
                for q in range(nb):
                    dh[q] = 0.0
            for j in range(n_out):
                w = float(params[offsets[l] + j * n_in + i])
                d = DZ[u + j]
                for q in range(nb):
                    dh[q] += w * d[q]
            dz, z, a = DZ[prev + i], Z[prev + i], A[prev + i]
            if act == 2:
                for q in range(nb):
                    dz[q] = dh[q] * (1.0 - a[q] * a[q])
            else:
                for q in range(nb):
                    dz[q] = dh[q] * act_df(act, z[q], a[q], p)


@jit
def _gather(X, rows, start, nb, X0):
    """X0[:, :nb] = the rows ``rows[start:start+nb]`` of X, transposed (features × points)."""
    for q in range(nb):
        r = rows[start + q]
        for i in range(X.shape[1]):
            X0[i, q] = X[r, i]


@jit
def evaluate(params, sizes, offsets, starts, res, act, p, loss, X, y, X0, Z, A, H, D):
    """``(mean loss, accuracy)`` on the rows of ``X`` (accuracy NaN for regression; both NaN if empty),
    in chunks of the scratch arrays' width."""
    n = len(X)
    if n == 0:
        return math.nan, math.nan
    L = len(sizes) - 1
    k, K = starts[L - 1], sizes[L]
    total, right = 0.0, 0
    chunk = X0.shape[1]
    rows = np.arange(n)
    for start in range(0, n, chunk):
        nb = min(chunk, n - start)
        _gather(X, rows, start, nb, X0)
        _forward(params, sizes, offsets, starts, res, act, p, X0, nb, Z, A, H)
        for q in range(nb):
            t = float(y[start + q])
            total += _loss(loss, H, k, K, q, t, D, 0.0)
            if loss <= 1:
                right += (H[k, q] > 0.0) == (t > 0.5)
            elif loss <= 3:
                best = 0
                for j in range(1, K):
                    if H[k + j, q] > H[k + best, q]:
                        best = j
                right += best == int(t)
    return total / n, (right / n if loss <= 3 else math.nan)


EVAL_CHUNK = 256  # points evaluated together (the scratch's width, unless a batch is wider)


@jit
def train(params, m, v, t, sizes, offsets, starts, res, act, p, loss, optimizer, lr, reg, reg_rate,
          X, y, Xte, yte, orders, pos, nsteps, batch, record, out):
    """``nsteps`` optimizer steps from position ``pos`` of ``orders[0]`` (one shuffled order of the
    training rows per epoch), in batches of ``batch``; at the ``e``-th epoch end, if ``record[e]``,
    ``out[e] = (train loss, train accuracy, test loss, test accuracy)``. ``params``, ``m`` and ``v``
    (optimizer state; ``t`` steps made with it) change in place, as torch.optim's SGD, SGD with
    momentum 0.9, RMSprop and Adam with their defaults would change them; ``reg`` adds an L2 penalty
    (½·rate·‖W‖²), a proximal L1 step or weight decay. Returns the data loss of the last batch before
    its step, and ``t``."""
    L = len(sizes) - 1
    nW, U = offsets[L], starts[L]
    k, K = starts[L - 1], sizes[L]
    B = max(batch, EVAL_CHUNK)
    # float32 like torch's tensors: a value past float32's range is inf here as there (a diverging run)
    X0 = np.empty((sizes[0], B), np.float32)
    Z, A, H = np.empty((U, B), np.float32), np.empty((U, B), np.float32), np.empty((U, B), np.float32)
    DZ, DH, G = np.empty((U, B), np.float32), np.empty((U, B), np.float32), np.empty(len(params), np.float32)
    n = len(X)
    e, last = 0, math.nan
    wd = reg_rate if reg == 3 else 0.0
    for _ in range(nsteps):
        nb = min(batch, n - pos)
        scale = 1.0 / nb
        _gather(X, orders[e], pos, nb, X0)
        _forward(params, sizes, offsets, starts, res, act, p, X0, nb, Z, A, H)
        total = 0.0
        for q in range(nb):
            total += _loss(loss, H, k, K, q, float(y[orders[e, pos + q]]), DZ, scale)
        last = total * scale
        G[:] = 0.0
        _backward(params, sizes, offsets, starts, res, act, p, X0, nb, Z, A, H, DZ, DH, G)
        if reg == 2:
            for i in range(nW):
                G[i] += reg_rate * params[i]
        t += 1
        _update(params, G, m, v, t, optimizer, lr, wd)
        if reg == 1:  # proximal step: exact zeros, as L1 promises
            shrink = np.float32(lr * reg_rate)
            for i in range(nW):
                w = params[i]
                params[i] = np.sign(w) * max(abs(w) - shrink, np.float32(0.0))
        pos += nb
        if pos >= n:
            if record[e]:
                out[e, 0], out[e, 1] = evaluate(params, sizes, offsets, starts, res, act, p, loss, X, y, X0, Z, A, H,
                                                DZ)
                out[e, 2], out[e, 3] = evaluate(params, sizes, offsets, starts, res, act, p, loss, Xte, yte, X0, Z,
                                                A, H, DZ)
            e += 1
            pos = 0
    return last, t


@jit
def _update(params, G, m, v, t, optimizer, lr, wd):
    """torch.optim's update rules (weight decay added to the gradient, as theirs)."""
    if optimizer == 3:
        bc1, bc2 = 1.0 - 0.9 ** t, 1.0 - 0.999 ** t
        step, root2 = lr / bc1, math.sqrt(bc2)
    for i in range(len(params)):
        w = params[i]
        g = G[i] + wd * w
        if optimizer == 0:
            params[i] = w - lr * g
        elif optimizer == 1:
            mi = g if t == 1 else 0.9 * m[i] + g
            m[i] = mi
            params[i] = w - lr * float(m[i])
        elif optimizer == 2:
            vi = 0.99 * v[i] + 0.01 * g * g
            v[i] = vi
            params[i] = w - lr * g / (math.sqrt(float(v[i])) + 1e-8)
        else:
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g * g
            params[i] = w - step * float(m[i]) / (math.sqrt(float(v[i])) / root2 + 1e-8)
