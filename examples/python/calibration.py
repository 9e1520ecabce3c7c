"""Calibrated probabilities and intervals with guaranteed coverage, on real data.

1. NannyML's synthetic classifier (examples/data/nannyml/): how calibrated are its production
   probabilities, and what do Platt and isotonic calibration fitted on the reference do?
2. NFL totals (examples/data/spreadspoke_scores.csv): the closing over/under line predicts the
   total points; split conformal prediction turns it into a 90 % interval, overall and per
   venue (indoor / outdoor), calibrated on 2000-2012 and checked on 2013-2024.

    python examples/python/calibration.py
"""
import pathlib

import numpy as np
import pandas as pd

from edgekit import calibration as cal

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
reference = pd.read_csv(DATA / "nannyml" / "binary_reference.csv")
analysis = pd.read_csv(DATA / "nannyml" / "binary_analysis.csv")
y_ref, p_ref = reference["work_home_actual"], reference["y_pred_proba"]
y_new, p_new = analysis["work_home_actual"], analysis["y_pred_proba"]

before = cal.reliability_curve(y_new, p_new, n_bins=10)
print(f"production ECE {before['ece']:.4f}, MCE {before['mce']:.4f}, Brier {before['brier']:.4f}")
for method in ("sigmoid", "isotonic"):
    calibrator = cal.Calibrator(method).fit(p_ref, y_ref)
    after = cal.reliability_curve(y_new, calibrator.predict(p_new), n_bins=10)
    print(f"  after {method:8} calibration on the reference: ECE {after['ece']:.4f}, MCE {after['mce']:.4f}")

games = pd.read_csv(DATA / "spreadspoke_scores.csv", on_bad_lines="skip")
games = games.dropna(subset=["score_home", "score_away", "over_under_line"])
games = games[(games.schedule_season >= 2000) & (games.schedule_season <= 2024)]
games["total"] = games.score_home + games.score_away
games["venue"] = np.where(games.weather_detail == "indoor", "indoor", "outdoor")
past, recent = games[games.schedule_season <= 2012], games[games.schedule_season >= 2013]

plain = cal.ConformalRegressor(alpha=0.1).fit(past.total, past.over_under_line)
by_venue = cal.ConformalRegressor(alpha=0.1).fit(past.total, past.over_under_line, groups=past.venue)
print(f"\nNFL totals, 90 % intervals: line ± {plain.half_widths['']:.1f} points")
print(f"  per venue: {', '.join(f'{k} ± {v:.1f}' for k, v in by_venue.half_widths.items())}")
for name, fitted, groups in (("overall", plain, None), ("per venue", by_venue, recent.venue)):
    check = fitted.evaluate(recent.total, recent.over_under_line, groups)
    print(f"  {name:9} on {check['n']} later games: coverage {check['coverage']:.3f}, mean width {check['mean_size']:.1f}")
game = recent.iloc[-1]
low, high = plain.predict([game.over_under_line])[0]
print(f"  {game.team_away} at {game.team_home}: line {game.over_under_line}, "
      f"90 % interval [{low:.1f}, {high:.1f}], actual {game.total:.0f}")
