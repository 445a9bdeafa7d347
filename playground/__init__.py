"""An interactive neural-network playground.

The engine (``config``, ``data``, ``model``, ``session``, ``probes``, ``export``) is plain
Python, NumPy and PyTorch. The widgets and figures live in ``controls``, ``views`` and
``apps``, which are imported only when asked for::

    from playground import apps
    apps.Playground(dataset="spiral")
"""

from playground.config import Config, PRESETS, preset

__all__ = ["Config", "PRESETS", "preset"]
