"""torch's optimizers, built and stepped without importing ``torch._dynamo``.

torch 2.13 wraps ``Optimizer.add_param_group``, ``zero_grad``, ``state_dict`` and
``load_state_dict`` in ``torch._disable_dynamo``, which imports ``torch._dynamo`` (and SymPy with
it) the first time one of them runs, and ``Optimizer.step``'s wrapper imports it on every call: all
to tell ``torch.compile`` where not to trace. That import costs ~2 s of CPU on the project's
machine, as much as the rest of a lesson page's start, and nothing here is compiled. So:

- the four wrapped methods get the answer ``_disable_dynamo`` caches after its first call (the
  function to call) already filled in: the function itself, as if dynamo had said "run it as is";
- :func:`step` runs an optimizer's own update function under the grad mode its wrapper sets
  (``differentiable`` is False here: no grad), without the wrapper's graph breaks.

The updates are torch's, bit for bit (``tests/test_optimizers.py`` checks them against
``optimizer.step()`` and that ``torch._dynamo`` stays out); on a torch upgrade that test says
whether this still holds.

    opt = make("adam", model.parameters(), lr=0.01)
    opt.zero_grad(set_to_none=True); loss.backward(); step(opt)
"""

from __future__ import annotations

import inspect

import torch

NAMES = ("sgd", "momentum", "rmsprop", "adam")


def _fill_dynamo_caches() -> None:
    for name in ("add_param_group", "zero_grad", "state_dict", "load_state_dict"):
        raw = getattr(getattr(torch.optim.Optimizer, name), "__wrapped__", None)
        if raw is not None and not hasattr(raw, "__dynamo_disable"):
            setattr(raw, "__dynamo_disable", raw)  # torch/_compile.py's cache of the function to call


_fill_dynamo_caches()


def make(name: str, params, *, lr: float, weight_decay: float = 0.0) -> torch.optim.Optimizer:
    """The optimizer called ``name``: plain SGD, SGD with momentum 0.9, RMSprop or Adam."""
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, weight_decay=weight_decay)
    if name == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=0.9, weight_decay=weight_decay)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, weight_decay=weight_decay)
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)
    raise ValueError(f"optimizer={name!r} is not allowed; choose one of {', '.join(NAMES)}")


def step(optimizer: torch.optim.Optimizer):
    """``optimizer.step()``: the same update, without the wrapper that imports ``torch._dynamo`` (nor
    the step hooks it would run: none is registered here)."""
    update = inspect.unwrap(type(optimizer).step)
    with torch.set_grad_enabled(optimizer.defaults.get("differentiable", False)):
        return update(optimizer)
