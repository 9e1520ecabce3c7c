"""Records game-log system vectors with an independent pandas computation.

Run from the repository root (pandas, scipy, statsmodels from tests/vectors/requirements.txt):
    python tests/vectors/generate_games.py
It rewrites tests/vectors/games.json, read by the Rust, Python and Node suites.

Independent of edgekit's code: team rows are rebuilt here with pandas from
examples/data/spreadspoke_scores.csv and nfl_teams.csv (the same published definitions: line
from the team's side, ATS margin = margin + line, rest days since the team's previous played
game, previous results and streaks from played games before this one), systems are selected
with pandas boolean masks, Wilson intervals come from statsmodels proportion_confint and the
p-values from scipy.stats.binomtest(wins, wins + losses, break_even, "greater").
"""

import datetime
import json
import pathlib

import numpy as np
import pandas as pd
import scipy
from scipy.stats import binomtest
from statsmodels.stats.proportion import proportion_confint

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "vectors" / "games.json"
ALIASES = {"Las Vegas Raiders": "OAK", "Las Vegas": "OAK", "LVR": "OAK", "LV": "OAK",
           "Washington Commanders": "WAS", "Washington Football Team": "WAS",
           "New England": "NE", "Tampa Bay": "TB", "NJY": "NYJ"}


def load():
    teams = pd.read_csv(ROOT / "examples/data/nfl_teams.csv")
    name_to_id = dict(zip(teams.team_name, teams.team_id))
    ids = set(teams.team_id)
    info = teams.groupby("team_id").agg(conference=("team_conference", "first"),
                                        division=("team_division",
                                                  lambda s: next((x for x in s if isinstance(x, str)), "")))

    def team_id(key):
        if key in name_to_id:
            return name_to_id[key]
        if key in ids:
            return key
        return ALIASES.get(key)

    games = pd.read_csv(ROOT / "examples/data/spreadspoke_scores.csv")
    # Blank lines are written as a space in some rows.
    games["over_under_line"] = games.over_under_line.astype(str).str.strip().replace(
        {"": np.nan, "nan": np.nan}).astype(float)
    games["neutral"] = games.stadium_neutral.astype(str).str.upper() == "TRUE"
    games["playoff"] = games.schedule_playoff.astype(str).str.upper() == "TRUE"
    games["home"] = games.team_home.map(team_id)
    games["away"] = games.team_away.map(team_id)
    games = games.dropna(subset=["home", "away"]).copy()
    games["day"] = pd.to_datetime(games.schedule_date, format="%m/%d/%Y")
    games["fav"] = games.team_favorite_id.map(lambda x: x if pd.isna(x) or x == "PICK" else team_id(x))
    games = games.sort_values("day", kind="stable").reset_index(drop=True)
    return games, info


def team_rows(games, info):
    rows = []
    state = {}
    for g in games.itertuples():
        played = not (pd.isna(g.score_home) or pd.isna(g.score_away))
        sides = [(g.home, g.away, g.score_home, g.score_away, "home"),
                 (g.away, g.home, g.score_away, g.score_home, "away")]
        for team, opp, pf, pa, site in sides:
            s = state.setdefault(team, {"day": None, "prev": None, "su": 0, "ats": 0, "ou": 0})
            if g.fav == "PICK":
                line = 0.0
            elif pd.isna(g.spread_favorite) or pd.isna(g.fav):
                line = np.nan
            else:
                line = g.spread_favorite if g.fav == team else -g.spread_favorite
            margin = pf - pa if played else np.nan
            ats = margin + line
            total = g.over_under_line
            ou = pf + pa - total if played else np.nan
            sign = lambda v: np.nan if pd.isna(v) else (1 if v > 0 else (-1 if v < 0 else 0))
            rows.append({
                "season": g.schedule_season, "playoff": bool(g.playoff),
                "site": "neutral" if g.neutral else site, "team": team, "opp": opp,
                "favorite": g.fav == team, "underdog": g.fav == opp, "line": line,
                "margin": margin, "ats_margin": ats, "su": sign(margin), "ats": sign(ats),
                "ou": sign(ou),
                "rest_days": np.nan if s["day"] is None else (g.day - s["day"]).days,
                "prev_ats": np.nan if s["prev"] is None else s["prev"][1],
                "su_streak": s["su"],
                "division_game": info.division[team] != "" and info.division[team] == info.division[opp],
            })
        # Update after both rows, so the opponent's row sees the same pre-game state.
        if played:
            for row in rows[-2:]:
                s = state[row["team"]]
                s["day"] = g.day
                s["prev"] = (row["su"], row["ats"])
                for key in ("su", "ats", "ou"):
                    v = row[key]
                    if pd.isna(v) or v == 0:
                        s[key] = 0
                    elif v > 0:
                        s[key] = s[key] + 1 if s[key] > 0 else 1
                    else:
                        s[key] = s[key] - 1 if s[key] < 0 else -1
    frame = pd.DataFrame(rows)
    # Each game's two rows are adjacent: the opponent's row is the other one.
    frame["opp_row"] = np.arange(len(frame)) ^ 1
    return frame


def grade(frame, mask, market, odds=-110):
    chosen = frame[mask]
    outcome = chosen[market].dropna()
    wins, losses, pushes = int((outcome > 0).sum()), int((outcome < 0).sum()), int((outcome == 0).sum())
    payout = 100 / -odds
    break_even = 0.5 if market == "su" else 1 / (1 + payout)
    n = wins + losses
    low, high = proportion_confint(wins, n, alpha=0.05, method="wilson")
    graded = chosen.loc[outcome.index]
    return {
        "wins": wins, "losses": losses, "pushes": pushes,
        "avg_margin": float(graded.margin.mean()),
        "avg_ats_margin": float(graded.ats_margin.dropna().mean()),
        "units": wins * payout - losses, "wilson": [float(low), float(high)],
        "break_even": break_even,
        "pvalue": float(binomtest(wins, n, break_even, alternative="greater").pvalue),
    }


def main():
    games, info = load()
    frame = team_rows(games, info)
    opp = frame.iloc[frame.opp_row.to_numpy()].reset_index(drop=True)
    masks = {
        ("site == away", "favorite", "rest_days >= 10"):
            (frame.site == "away") & frame.favorite & (frame.rest_days >= 10),
        ("home", "underdog"): (frame.site == "home") & frame.underdog,
        ("division_game", "underdog", "line >= 7"):
            frame.division_game & frame.underdog & (frame.line >= 7),
        ("prev_ats == loss", "favorite"): (frame.prev_ats == -1) & frame.favorite,
        ("opp.rest_days < 7", "rest_days >= 10"): (opp.rest_days < 7) & (frame.rest_days >= 10),
        ("su_streak <= -3", "home"): (frame.su_streak <= -3) & (frame.site == "home"),
        ("playoff", "underdog"): frame.playoff & frame.underdog,
    }
    systems = []
    for filters, mask in masks.items():
        for market in ("ats", "su", "ou"):
            systems.append({"filters": list(filters), "market": market,
                            "expected": grade(frame, mask, market)})
    # Runs tests (statsmodels runstest_1samp). statsmodels' continuity correction shifts a
    # deviation in (-0.5, 0.5) by +0.5 instead of zeroing it (its `elif rdemean < 0.5`);
    # cases in that zone are left out: edgekit applies the SAS rule symmetrically.
    from statsmodels.sandbox.stats.runs import runstest_1samp
    rng = np.random.default_rng(20261122)
    series = {
        "KC_ats_margin_2010_2024": frame[(frame.team == "KC") & frame.season.between(2010, 2024)]
        .ats_margin.dropna().to_numpy(),
        "streaky_fantasy_points": np.r_[rng.normal(12, 3, 10), rng.normal(22, 3, 10), rng.normal(12, 3, 10)],
        "iid_fantasy_points": rng.normal(15, 5, 40),
        "alternating": np.tile([1.0, 3.0], 20),
    }
    runs = []
    for name, x in series.items():
        for cutoff in ("median", "mean"):
            for correction in (True, False):
                center = np.median(x) if cutoff == "median" else np.mean(x)
                flags = (x >= center).astype(int)
                n_runs = 1 + int((np.diff(flags) != 0).sum())
                npo, nne = flags.sum(), len(flags) - flags.sum()
                deviation = n_runs - (2.0 * npo * nne / len(x) + 1)
                if correction and len(x) < 50 and abs(deviation) < 0.5:
                    continue
                z, p = runstest_1samp(x, cutoff=cutoff, correction=correction)
                runs.append({"name": name, "values": [float(v) for v in x], "cutoff": cutoff,
                             "correction": correction, "runs": n_runs,
                             "expected": {"z": float(z), "pvalue": float(p)}})

    document = {
        "provenance": {
            "generator": "tests/vectors/generate_games.py",
            "pandas": pd.__version__, "scipy": scipy.__version__,
            "data": "examples/data/spreadspoke_scores.csv, nfl_teams.csv (tobycrabtree/spreadspoke @ eb986e4)",
            "generated": datetime.date.today().isoformat(),
        },
        "rows": int(len(frame)),
        "odds": -110,
        "systems": systems,
        "runs_tests": runs,
    }
    OUT.write_text(json.dumps(document, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(frame)} team rows, {len(systems)} graded systems")


if __name__ == "__main__":
    main()
