"""Pickle for every native edgekit class: each saves its state in edgekit's compact binary form
(core's ``state`` module), registered here with :mod:`copyreg` so pickle, Dask, Ray, Spark and
``multiprocessing`` move profiles, detectors, monitors, calibrators, slates and game logs
between processes. Python classes that hold native objects pickle through them."""

import copyreg
import importlib

from edgekit import _edgekit as _native


def _load(kind, data):
    return _native._load_state(kind, data)


def _reduce(obj):
    kind, data = _native._save_state(obj)
    return _load, (kind, data)


for _cls in _native._saved_types():
    copyreg.pickle(_cls, _reduce)
    # Python objects may hold the class itself; pickle finds a class by its module and name.
    try:
        _module = importlib.import_module(_cls.__module__)
    except ImportError:  # a native submodule (edgekit._edgekit.lineup): instances still pickle
        continue
    if not hasattr(_module, _cls.__name__):
        setattr(_module, _cls.__name__, _cls)
