"""Apps: a session, its controls, its views and the live loop, wired together.

Imported on demand so that the engine never pulls in ipywidgets or plotly.
"""

from playground.apps.activations import Activations
from playground.apps.first_steps import Perceptron, XorNetwork
from playground.apps.forward_pass import ForwardPass
from playground.apps.gradient_flow import GradientCompare, GradientFlow
from playground.apps.learning import ClassifierMetrics, CrossValidation, LossSurface, Overfitting
from playground.apps.losses import Losses
from playground.apps.playground import Playground

__all__ = ["Activations", "ClassifierMetrics", "CrossValidation", "ForwardPass", "GradientCompare", "GradientFlow", "LossSurface", "Losses", "Overfitting", "Perceptron", "Playground", "XorNetwork"]
