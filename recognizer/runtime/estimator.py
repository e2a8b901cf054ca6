"""scikit-learn's estimator protocol without importing scikit-learn, for the parts of the recognizer that run live.

Importing scikit-learn (sklearn.base alone) pulls in scipy.stats: 1.5 s of the game's start-up on a 2-core machine,
before recognition is ready. The run time needs none of it to predict, so its estimators take their parameters
from this small base instead; it is what sklearn.base.clone and grid searches need (get_params, set_params), and
training, which does import scikit-learn, clones them as its own.
"""

import inspect


class Estimator:
    """get_params/set_params over the __init__ parameters, each kept as an attribute of the same name."""

    @classmethod
    def _parameter_names(cls):
        return [name for name, parameter in inspect.signature(cls.__init__).parameters.items()
                if name != "self" and parameter.kind is not parameter.VAR_KEYWORD]

    def get_params(self, deep=True):
        """The parameters by name; deep: with those of estimators among them, as name__parameter."""
        params = {name: getattr(self, name) for name in self._parameter_names()}
        if deep:
            for name, value in list(params.items()):
                if hasattr(value, "get_params") and not isinstance(value, type):
                    params |= {f"{name}__{key}": inner for key, inner in value.get_params().items()}
        return params

    def set_params(self, **params):
        for name, value in params.items():
            if name not in self._parameter_names():
                raise ValueError(f"{type(self).__name__} has no parameter {name!r}")
            setattr(self, name, value)
        return self

    def __repr__(self):
        shown = ", ".join(f"{name}={value!r}" for name, value in self.get_params(deep=False).items())
        return f"{type(self).__name__}({shown})"
