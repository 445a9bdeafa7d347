"""Take it home: the config as runnable PyTorch code, the weights, the data as CSV."""

from __future__ import annotations

import io
import json

import numpy as np
import torch
from torch import nn

from playground.activations import ACTIVATIONS
from playground.own_data import OWN

FEATURE_CODE = {"x1": "X[:, 0]", "x2": "X[:, 1]", "x1sq": "X[:, 0] ** 2", "x2sq": "X[:, 1] ** 2",
                "x1x2": "X[:, 0] * X[:, 1]", "sinx1": "np.sin(X[:, 0])", "sinx2": "np.sin(X[:, 1])"}
INIT_CODE = {
    "uniform": ["nn.init.uniform_(m.weight, -0.5, 0.5)", "nn.init.constant_(m.bias, 0.1)"],
    "small": ["nn.init.normal_(m.weight, 0.0, 0.01)", "nn.init.zeros_(m.bias)"],
    "xavier": ["nn.init.xavier_normal_(m.weight)", "nn.init.zeros_(m.bias)"],
    "he": ["nn.init.kaiming_normal_(m.weight, nonlinearity=\"relu\")", "nn.init.zeros_(m.bias)"],
    "large": ["nn.init.normal_(m.weight, 0.0, 1.5)", "nn.init.zeros_(m.bias)"],
}
OPT_CODE = {"sgd": "torch.optim.SGD(model.parameters(), lr={lr}{wd})",
            "momentum": "torch.optim.SGD(model.parameters(), lr={lr}, momentum=0.9{wd})",
            "rmsprop": "torch.optim.RMSprop(model.parameters(), lr={lr}{wd})",
            "adam": "torch.optim.Adam(model.parameters(), lr={lr}{wd})"}
LOSS_CODE = {
    ("binary", "bce"): "nn.functional.binary_cross_entropy_with_logits(logits[:, 0], target)",
    ("binary", "mse"): "nn.functional.mse_loss(torch.sigmoid(logits[:, 0]), target)",
    ("multiclass", "ce"): "nn.functional.cross_entropy(logits, target)",
    ("multiclass", "mse"): ("nn.functional.mse_loss(torch.softmax(logits, 1), "
                            "nn.functional.one_hot(target, logits.shape[1]).float())"),
    ("regression", "mse"): "nn.functional.mse_loss(logits[:, 0], target)",
    ("regression", "mae"): "nn.functional.l1_loss(logits[:, 0], target)",
}

RESIDUAL_CLASS = '''
class Residual(nn.Module):
    """x + body(x): a skip connection around a layer."""

    def __init__(self, *layers):
        super().__init__()
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return x + self.body(x)
'''


def _layer_code(config):
    """Lines of the ``nn.Sequential`` that the config describes, as code text."""
    sizes, lines = config.layer_sizes, []
    act = ACTIVATIONS[config.activation].code
    for a, b in zip(sizes[:-2], sizes[1:-1]):
        parts = [f"nn.Linear({a}, {b})"] + ([f"nn.BatchNorm1d({b})"] if config.batch_norm else []) + ([act] if act else [])
        if config.residual and a == b:
            lines.append(f"Residual({', '.join(parts)}),")
        else:
            lines.append(", ".join(parts) + ",")
        if config.dropout > 0:
            lines.append(f"nn.Dropout({config.dropout!r}),")
    lines.append(f"nn.Linear({sizes[-2]}, {sizes[-1]}),")
    return lines


def sequential(config) -> nn.Sequential:
    """The ``nn.Sequential`` of the exported code (same layers as ``model.Net``)."""
    scope = {"nn": nn}
    exec(RESIDUAL_CLASS, scope)  # the same class the exported code defines
    return eval("nn.Sequential(" + " ".join(_layer_code(config)) + ")", scope)  # our own generated text


def sequential_state_dict(session) -> dict:
    """The session's weights under the key names of ``sequential(config)``."""
    seq, net = sequential(session.config), session.model
    linears = [m for m in seq.modules() if isinstance(m, nn.Linear)]
    norms = [m for m in seq.modules() if isinstance(m, nn.BatchNorm1d)]
    with torch.no_grad():
        for dst, src in zip(linears, net.linears):
            dst.load_state_dict(src.state_dict())
        for dst, src in zip(norms, net.norms or []):
            dst.load_state_dict(src.state_dict())
    return seq.state_dict()


def pytorch_code(config, *, epochs=200) -> str:
    """A standalone script that builds the same data, model and training loop."""
    c = config
    reg_lines = []
    if c.reg == "l2" and c.reg_rate > 0:
        reg_lines = [f"        loss_total = loss + 0.5 * {c.reg_rate!r} * sum((m.weight ** 2).sum() for m in linears)"]
    step_loss = "loss_total" if reg_lines else "loss"
    l1_lines = []
    if c.reg == "l1" and c.reg_rate > 0:
        l1_lines = ["        with torch.no_grad():  # L1 as a proximal step: small weights become exactly 0",
                    "            for m in linears:",
                    f"                m.weight.copy_(torch.sign(m.weight) * (m.weight.abs() - {c.lr * c.reg_rate!r}).clamp(min=0))"]
    wd = f", weight_decay={c.reg_rate!r}" if c.reg == "decay" else ""
    target = "torch.long" if c.problem == "multiclass" else "torch.float32"
    accuracy = {"binary": "((logits[:, 0] > 0).float() == target).float().mean().item()",
                "multiclass": "(logits.argmax(1) == target).float().mean().item()",
                "regression": "float('nan')"}[c.problem]
    lines = [
        f'"""Neural-network playground export: {c.dataset}, layers {list(c.layer_sizes)}, {c.activation}.',
        "",
        "Settings (open the playground with this query to get them back):",
        f"    ?{c.to_query()}",
        '"""',
        "import numpy as np",
        "import torch",
        "from torch import nn",
        "",
        *(_own_data_code(c.problem) if c.dataset == OWN else [
            "from playground.data import make_dataset, split  # or load your own X (n×2) and y here",
            "",
            f"rng = np.random.default_rng({c.seed})",
            f"X, y = make_dataset({c.dataset!r}, {c.n_points}, noise={c.noise!r}, seed=rng)",
            f"train, test = split(y, {c.train_fraction!r}, seed=rng)"]),
        "features = np.column_stack([",
        *[f"    {FEATURE_CODE[f]},  # {f}" for f in c.features],
        "])",
        "X_train = torch.tensor(features[train], dtype=torch.float32)",
        "X_test = torch.tensor(features[test], dtype=torch.float32)",
        f"y_train = torch.tensor(y[train], dtype={target})",
        f"y_test = torch.tensor(y[test], dtype={target})",
        *(RESIDUAL_CLASS.splitlines() if c.residual else []),
        "",
        "model = nn.Sequential(",
        *[f"    {line}" for line in _layer_code(c)],
        ")",
        "linears = [m for m in model.modules() if isinstance(m, nn.Linear)]",
        "",
        f"torch.manual_seed({c.seed})",
        "for m in linears:",
        *[f"    {line}" for line in INIT_CODE[c.init]],
        "# To continue from the playground's weights: model.load_state_dict(torch.load(\"weights.pt\"))",
        "",
        f"optimizer = {OPT_CODE[c.optimizer].format(lr=repr(c.lr), wd=wd)}",
        "",
        "",
        "def compute_loss(logits, target):",
        f"    return {LOSS_CODE[(c.problem, c.loss)]}",
        "",
        "",
        "def accuracy(logits, target):",
        f"    return {accuracy}",
        "",
        "",
        f"batch_size = {c.batch_size}",
        f"for epoch in range({epochs} + 1):",
        "    model.train()",
        "    order = torch.randperm(len(X_train))",
        "    for start in range(0, len(order), batch_size):",
        "        idx = order[start:start + batch_size]",
        *(["        if len(idx) < 2:  # batch norm needs two points or more", "            continue"] if c.batch_norm else []),
        "        loss = compute_loss(model(X_train[idx]), y_train[idx])",
        *reg_lines,
        "        optimizer.zero_grad()",
        f"        {step_loss}.backward()",
        "        optimizer.step()",
        *l1_lines,
        f"    if epoch % {max(1, epochs // 10)} == 0:",
        "        model.eval()",
        "        with torch.no_grad():",
        "            train_logits, test_logits = model(X_train), model(X_test)",
        "        print(f\"epoch {epoch:4d}  train loss {compute_loss(train_logits, y_train).item():.4f}  \"",
        "              f\"test loss {compute_loss(test_logits, y_test).item():.4f}  \"",
        "              f\"test accuracy {accuracy(test_logits, y_test):.3f}\")",
        "",
    ]
    return "\n".join(lines)


def weights_bytes(session) -> bytes:
    """``torch.save`` of the weights, loadable into the exported code's model."""
    buffer = io.BytesIO()
    torch.save(sequential_state_dict(session), buffer)
    return buffer.getvalue()


def weights_json(session) -> str:
    """The weights as JSON: the settings, then every layer's W (out × in) and b."""
    layers = [{"W": lin.weight.detach().tolist(), "b": lin.bias.detach().tolist()} for lin in session.model.linears]
    return json.dumps({"query": session.config.to_query(), "layer_sizes": list(session.config.layer_sizes),
                       "epoch": session.epoch, "layers": layers})


def _own_data_code(problem) -> list[str]:
    """Lines that read one's own points from the Playground's data.csv download (x1, x2, label, split)."""
    return ["import csv",
            "",
            "# your points, as the Playground's \"data (.csv)\" download holds them: x1, x2, label, split",
            "with open(\"data.csv\", newline=\"\") as f:",
            "    rows = list(csv.DictReader(f))",
            "X = np.array([[float(r[\"x1\"]), float(r[\"x2\"])] for r in rows])",
            "y = np.array([float(r[\"label\"]) for r in rows])",
            *(["y = y.astype(int)  # classes 0, 1, ..."] if problem != "regression" else []),
            "train = np.array([i for i, r in enumerate(rows) if r[\"split\"] == \"train\"])",
            "test = np.array([i for i, r in enumerate(rows) if r[\"split\"] != \"train\"])"]


def data_csv(session) -> str:
    """All points as CSV: x1, x2, label, split (train/test)."""
    split = np.full(len(session.X), "test", dtype=object)
    split[session.train_idx] = "train"
    rows = ["x1,x2,label,split"] + [f"{x1!r},{x2!r},{lab},{s}" for (x1, x2), lab, s in
                                      zip(session.X.tolist(), session.y.tolist(), split)]
    return "\n".join(rows) + "\n"
