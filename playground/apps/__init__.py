"""Apps: a session, its controls, its views and the live loop, wired together.

Imported on demand so that the engine never pulls in ipywidgets or plotly, and each app
module only when its app is asked for (``apps.Playground`` imports only the Playground), so
one app's page never depends on another app's module.
"""

import importlib

_MODULES = {
    "Activations": "activations",
    "BackwardPass": "backprop",
    "ClassifierMetrics": "classifier_metrics",
    "CrossValidation": "cross_validation",
    "ForwardPass": "forward_pass",
    "GradientCompare": "gradient_flow",
    "GradientFlow": "gradient_flow",
    "HandWarp": "space_warp",
    "KindsOfLearning": "kinds",
    "LossSurface": "loss_surface",
    "Losses": "losses",
    "Overfitting": "overfitting",
    "Perceptron": "first_steps",
    "Playground": "playground",
    "RBMDigits": "rbm",
    "Sequences": "sequences",
    "SigmoidChain": "backprop",
    "SpaceWarp": "space_warp",
    "StudyHours": "regression",
    "XorNetwork": "first_steps",
}
_MODULES.update({  # the CNN part of the course
    "ConvolutionExplorer": "convolution",
    "CnnDigits": "cnn_digits",
    "Bottleneck": "cnn_blocks",
    "ResidualBlocks": "cnn_blocks",
    "UpSampling": "cnn_blocks",
    "UNet": "cnn_blocks",
})

__all__ = sorted(_MODULES)


def __getattr__(name):
    if name not in _MODULES:
        raise AttributeError(f"module 'playground.apps' has no app {name!r}; apps: {', '.join(__all__)}")
    return getattr(importlib.import_module(f"playground.apps.{_MODULES[name]}"), name)


def __dir__():
    return __all__


def _guard():
    from playground.apps.kernel_guard import guard_served_kernel
    guard_served_kernel()


_guard()
