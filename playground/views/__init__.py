"""Pictures: plotly figures (one FigureWidget per app) and canvas panels (anywidget).

Importing plotly's ``FigureWidget`` imports nbformat (plotly.io's renderers look for it), which
imports jsonschema, which at import compiles the 39 grammars of the optional package
``rfc3987_syntax`` (~1.4 s of CPU on the project's machine, three times the rest of plotly's import)
to be ready to check the "iri" string format, which nothing in a kernel asks for. Marked absent
before jsonschema is first imported, the package is skipped: jsonschema checks "iri" only when it
can import it. ``tests/test_engine_imports.py`` guards the saving.
"""

import sys

if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)
