"""An interactive neural-network playground.

The engine (``config``, ``data``, ``model``, ``session``, ``probes``, ``export``) is plain
Python, NumPy and PyTorch. The widgets and figures live in ``controls``, ``views`` and
``apps``, which are imported only when asked for::

    from playground import apps
    apps.Playground(dataset="spiral")

Every label and message is in English or Korean (``playground.i18n``): ``playground.set_language("ko")``
(or ``PLAYGROUND_LANG=ko``, a page's ``?lang=ko``, an app's ``lang="ko"``) before building an app;
``playground.apps.page`` decides it where the app is built.
"""

from playground.config import Config, PRESETS, preset
from playground.i18n import language, set_language

__all__ = ["Config", "PRESETS", "preset", "language", "set_language"]
