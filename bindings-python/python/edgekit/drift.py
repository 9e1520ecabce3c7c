"""Drift: batch tests between a reference and a current sample, and streaming detectors.

Hypothesis tests (``ks_2samp``, ``anderson_darling``, ``cramer_von_mises``,
``epps_singleton``, ``t_test``, ``mann_whitney``, ``chisquare``, ``g_test``,
``z_test``, ``fisher_exact``, ``tvd``) return a :class:`DriftResult` with ``statistic``,
``pvalue`` and ``drifted`` (p-value below ``threshold``); distances (``wasserstein``,
``energy_distance``, ``psi``, ``kl_div``, ``jensenshannon``, ``hellinger``) fill ``score`` and
drift when it reaches ``threshold`` — Evidently's conventions and default thresholds.
Numeric inputs are 1-D float arrays (contiguous float64 numpy arrays are read in place); text
arrays are categories. Detectors take River's parameter names and defaults and fire at River's
indices: ``update(x) -> bool``, ``update_many(array) -> int64 indices``, ``drift_detected``,
``warning_detected``, ``to_json()`` / ``from_json()`` to persist their state.
"""

from edgekit._convert import typed_errors
from edgekit._edgekit import drift as _native

DriftResult = _native.DriftResult
ks_2samp = typed_errors(_native.ks_2samp)
wasserstein = typed_errors(_native.wasserstein)
energy_distance = typed_errors(_native.energy_distance)
t_test = typed_errors(_native.t_test)
mann_whitney = typed_errors(_native.mann_whitney)
psi = typed_errors(_native.psi)
kl_div = typed_errors(_native.kl_div)
jensenshannon = typed_errors(_native.jensenshannon)
hellinger = typed_errors(_native.hellinger)
chisquare = typed_errors(_native.chisquare)
g_test = typed_errors(_native.g_test)
z_test = typed_errors(_native.z_test)
fisher_exact = typed_errors(_native.fisher_exact)
tvd = typed_errors(_native.tvd)
anderson_darling = typed_errors(_native.anderson_darling)
cramer_von_mises = typed_errors(_native.cramer_von_mises)
epps_singleton = typed_errors(_native.epps_singleton)

ADWIN = _native.ADWIN
PageHinkley = _native.PageHinkley
KSWIN = _native.KSWIN
CUSUM = _native.CUSUM
DDM = _native.DDM
EDDM = _native.EDDM
HDDM_A = _native.HDDM_A
HDDM_W = _native.HDDM_W
FHDDM = _native.FHDDM

__all__ = [
    "ADWIN", "CUSUM", "anderson_darling", "cramer_von_mises", "epps_singleton", "DDM", "DriftResult", "EDDM", "FHDDM", "HDDM_A", "HDDM_W", "KSWIN",
    "PageHinkley", "chisquare", "energy_distance", "fisher_exact", "g_test", "hellinger",
    "jensenshannon", "kl_div", "ks_2samp", "mann_whitney", "psi", "t_test", "tvd",
    "wasserstein", "z_test",
]
