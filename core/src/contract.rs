//! Each public call's contract, written once: its options are a core struct whose serde
//! derive carries the names, the defaults (`#[serde(default)]` from its `Default`) and the
//! refusal of unknown names (`deny_unknown_fields`); its result is a serde struct. The Python
//! and Node faces only hand the keyword arguments or the options object over as a
//! [`serde_json::Value`] and read the result back the same way, so a default, a name or a
//! result shape is never written a second time in a binding (the design of pydantic-core and
//! of polars' and tokenizers' thin bindings).
//!
//! Options are small, so the detour through a `Value` costs nothing measurable; large arrays
//! never take it (the faces hand those over as slices, zero-copy).
//!
//! ```
//! use edgekit::contract::{options, to_value};
//! use edgekit::drift::KsOptions;
//! use serde_json::json;
//!
//! let o: KsOptions = options("drift.ks_2samp", json!({"alternative": "less"}))?;
//! assert_eq!(o.threshold, 0.05); // the default, from KsOptions::default()
//! let typo = options::<KsOptions>("drift.ks_2samp", json!({"treshold": 0.1})).unwrap_err();
//! assert!(typo.to_string().contains("unknown option `treshold`"));
//! assert_eq!(to_value(&f64::INFINITY), json!(null)); // results are JSON-safe
//! # Ok::<(), edgekit::contract::OptionsError>(())
//! ```

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::ErrorCode;

/// Options that do not fit their contract: an unknown name, a wrong type, a value outside
/// an enumeration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{function}: {detail}")]
pub struct OptionsError {
    /// The public function (or class) whose options these are, as its face names it.
    pub function: String,
    /// What is wrong, naming the option.
    pub detail: String,
    /// `InvalidType` for an unknown name or a value of the wrong type, `InvalidInput` for a
    /// value of the right type that the option does not accept.
    pub code: ErrorCode,
}

impl OptionsError {
    /// The same error with every option name passed through `rename` (Node's camelCase).
    pub fn renamed(mut self, rename: impl Fn(&str) -> String) -> Self {
        let mut out = String::with_capacity(self.detail.len());
        let mut rest = self.detail.as_str();
        // Option names are the backticked words of the message; enumeration values are
        // quoted the same way but hold no underscore, so renaming leaves them alone.
        while let Some(start) = rest.find('`') {
            let Some(len) = rest[start + 1..].find('`') else {
                break;
            };
            out.push_str(&rest[..=start]);
            out.push_str(&rename(&rest[start + 1..start + 1 + len]));
            out.push('`');
            rest = &rest[start + len + 2..];
        }
        out.push_str(rest);
        self.detail = out;
        self
    }
}

/// Reads the options of `function` from `given`: a JSON object of the options the caller
/// set (`null` for none). Unset options take the struct's defaults.
pub fn options<T: DeserializeOwned>(function: &str, given: Value) -> Result<T, OptionsError> {
    let given = match given {
        Value::Null => Value::Object(Default::default()),
        other => other,
    };
    serde_path_to_error::deserialize(given).map_err(|error| {
        let path = error.path().to_string();
        let message = error.into_inner().to_string();
        describe(function, "option", &path, &message)
    })
}

/// Reads one JSON-like argument of `function` (a list of levels, a profile ...) into its core
/// type; errors name the argument and the path inside it.
pub fn argument<T: DeserializeOwned>(
    function: &str,
    argument: &str,
    given: Value,
) -> Result<T, OptionsError> {
    serde_path_to_error::deserialize(given).map_err(|error| {
        let inner = error.path().to_string();
        let path = if inner.is_empty() || inner == "." {
            argument.to_owned()
        } else if inner.starts_with('[') {
            format!("{argument}{inner}")
        } else {
            format!("{argument}.{inner}")
        };
        let message = error.into_inner().to_string();
        describe(function, "argument", &path, &message)
    })
}

/// For `#[serde(deserialize_with)]` on an option whose "none" is its default (an empty map, no
/// rules): `null` (Python's `None`) then means the default instead of a type error.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + serde::Deserialize<'de>,
{
    use serde::Deserialize;
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// Parses one enumeration value from its serde name, e.g. `"two-sided"`.
pub fn parse_name<T: DeserializeOwned>(
    function: &str,
    argument: &str,
    name: &str,
) -> Result<T, OptionsError> {
    serde_json::from_value(Value::String(name.to_owned()))
        .map_err(|error| describe(function, "option", argument, &error.to_string()))
}

/// A result as a JSON value: the one shape both faces hand back. Non-finite floats become
/// `null`, so the value always goes through `json.dumps` and `JSON.stringify` unchanged.
pub fn to_value<T: Serialize + ?Sized>(result: &T) -> Value {
    // serde_json writes NaN and ±inf as null and fails only on non-string map keys, which no
    // result type has.
    serde_json::to_value(result).unwrap_or(Value::Null)
}

fn describe(function: &str, what: &str, path: &str, message: &str) -> OptionsError {
    // serde_path_to_error writes a map key it could not read as `?`, and ends the path of an
    // unknown field with that field: the place it was found is the path without it.
    let path = path.trim_end_matches(".?");
    let unknown = message.starts_with("unknown field");
    let path = match path.rsplit_once('.') {
        Some((parent, _)) if unknown => parent,
        None if unknown => "",
        _ => path,
    };
    // Only an unknown name at the top of an options object is an unknown option; one inside
    // an option's value (a rule set's key) is a bad value of that option.
    let top = path.is_empty() || path == ".";
    let options = what == "option" && top;
    // A value of the wrong JSON type, a missing option, or an unknown keyword (a TypeError in
    // Python's own calls) is a type error; everything else — a name outside an enumeration,
    // a negative count, a value an option's own parser refuses, or an unknown key inside a
    // value (as pydantic reports it) — is a bad value.
    let code = if message.starts_with("invalid type")
        || message.starts_with("invalid length")
        || message.starts_with("missing field")
        || (unknown && options)
    {
        ErrorCode::InvalidType
    } else {
        ErrorCode::InvalidInput
    };
    let message = if options {
        message
            .replace("unknown field", "unknown option")
            .replace("missing field", "missing option")
    } else {
        message.to_owned()
    };
    let detail = if let Some(rest) = message.strip_prefix("unknown variant `") {
        // The wording every engine used before contracts (and the shared vectors check):
        // `alternative "bigger" is unknown; expected "two-sided", "larger" or "smaller"`.
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches(", expected ")
            .trim_start_matches("one of ")
            .replace('`', "\"");
        format!("{path} {value:?} is unknown; expected {expected}")
    } else if top {
        message
    } else {
        format!("{what} `{path}`: {message}")
    };
    OptionsError {
        function: function.to_owned(),
        detail,
        code,
    }
}

/// The default options of every public function whose options are a contract here, by its
/// name (`engine.function`, the Python name): what a face's documentation and stubs must
/// show, checked by their tests.
pub fn defaults() -> Vec<(&'static str, Value)> {
    fn of<T: Default + Serialize>(name: &'static str) -> (&'static str, Value) {
        (name, to_value(&T::default()))
    }
    // Options with required members (seasons to train on): the defaults of the others.
    #[cfg(feature = "patterns")]
    fn of_required<T: DeserializeOwned + Serialize>(
        name: &'static str,
        required: Value,
    ) -> (&'static str, Value) {
        let filled: T = options(name, required.clone()).expect("the required options suffice");
        let mut value = to_value(&filled);
        if let (Value::Object(all), Value::Object(required)) = (&mut value, required) {
            all.retain(|key, _| !required.contains_key(key));
        }
        (name, value)
    }
    let mut all = vec![of::<crate::stats::DescribeOptions>("stats.describe")];
    #[cfg(feature = "drift")]
    {
        use crate::drift::*;
        all.extend([
            of::<KsOptions>("drift.ks_2samp"),
            of::<WassersteinOptions>("drift.wasserstein"),
            of::<EnergyDistanceOptions>("drift.energy_distance"),
            of::<TTestOptions>("drift.t_test"),
            of::<MannWhitneyDriftOptions>("drift.mann_whitney"),
            of::<AndersonDarlingOptions>("drift.anderson_darling"),
            of::<CramerVonMisesOptions>("drift.cramer_von_mises"),
            of::<EppsSingletonOptions>("drift.epps_singleton"),
            of::<BinnedTestOptions>("drift.psi"),
            of::<BinnedTestOptions>("drift.kl_div"),
            of::<BinnedTestOptions>("drift.jensenshannon"),
            of::<HellingerOptions>("drift.hellinger"),
            of::<ChisquareOptions>("drift.chisquare"),
            of::<GTestOptions>("drift.g_test"),
            of::<ZTestOptions>("drift.z_test"),
            of::<FisherExactOptions>("drift.fisher_exact"),
            of::<TvdOptions>("drift.tvd"),
            of::<MmdOptions>("drift.mmd"),
            of::<ReportOptions>("drift.report"),
            of::<PeltOptions>("drift.pelt"),
            of::<ChangePointOptions>("drift.binary_segmentation"),
            of::<PeltOptions>("patterns.regimes"),
            of::<MonitorOptions>("drift.PerformanceMonitor"),
            of::<AdwinOptions>("drift.ADWIN"),
            of::<PageHinkleyOptions>("drift.PageHinkley"),
            of::<KswinOptions>("drift.KSWIN"),
            of::<CusumOptions>("drift.CUSUM"),
            of::<DdmOptions>("drift.DDM"),
            of::<EddmOptions>("drift.EDDM"),
            of::<HddmAOptions>("drift.HDDM_A"),
            of::<HddmWOptions>("drift.HDDM_W"),
            of::<FhddmOptions>("drift.FHDDM"),
            of::<BocpdOptions>("drift.BOCPD"),
            of::<ReconstructionOptions>("monitoring.DataReconstructionDriftCalculator"),
            of::<CbpeOptions>("monitoring.CBPE"),
            of::<RealizedOptions>("monitoring.PerformanceCalculator"),
            of::<RegressionOptions>("monitoring.PerformanceCalculator.regression"),
            of::<MmdDriftOptions>("monitoring.MMDDrift"),
            of::<ReliabilityOptions>("calibration.reliability_curve"),
            of::<ConformalOptions>("calibration.ConformalRegressor"),
            of::<ConformalOptions>("calibration.ConformalClassifier"),
        ]);
    }
    #[cfg(feature = "patterns")]
    {
        use crate::patterns::*;
        all.extend([
            of::<EmaOptions>("patterns.ema"),
            of::<SwingOptions>("patterns.swings"),
            of::<SwingOptions>("patterns.trend_structure"),
            of::<LevelOptions>("patterns.levels"),
            of::<ChartOptions>("patterns.chart_patterns"),
            of::<BreakoutOptions>("patterns.breakouts"),
            of::<RunsOptions>("patterns.runs_test"),
            of::<ResampleOptions>("patterns.resample"),
            of::<SessionOptions>("patterns.session_vwap"),
            of::<games::EvaluateOptions>("patterns.evaluate"),
            of_required::<games::MineOptions>(
                "patterns.mine",
                serde_json::json!({"train": [2000, 2001], "test": [2002, 2002]}),
            ),
            of_required::<games::WalkForwardOptions>(
                "patterns.walk_forward",
                serde_json::json!({"train_from": 2000, "test": [2002, 2002]}),
            ),
            of_required::<games::AnalyzeOptions>(
                "patterns.analyze_games",
                serde_json::json!({"train": [2000, 2001], "test": [2002, 2002]}),
            ),
        ]);
    }
    #[cfg(feature = "ltp")]
    {
        // The dashboard's functions take these positionally; their defaults are core's.
        use crate::ltp::{PATIENCE_MAX_CANDLE, PROXIMITY_THRESHOLD};
        all.extend([
            (
                "ltp.detect_patience_candle",
                serde_json::json!({ "max_candle_size": PATIENCE_MAX_CANDLE }),
            ),
            (
                "ltp.score_level_proximity",
                serde_json::json!({ "threshold": PROXIMITY_THRESHOLD }),
            ),
        ]);
    }
    #[cfg(feature = "abtest")]
    {
        use crate::abtest::*;
        all.extend([
            of::<MeansOptions>("abtest.welch"),
            of::<PairedBootstrapOptions>("abtest.paired_bootstrap"),
            of::<AdjustOptions>("abtest.adjust_pvalues"),
            of::<AdjustedConfidenceOptions>("abtest.adjusted_confidence"),
            of::<MeansOptions>("abtest.t_test_from_sums"),
            of::<MeansOptions>("abtest.t_test_batch"),
            of::<AdjustedOptions>("abtest.cuped"),
            of::<AdjustedOptions>("abtest.ratio_metric"),
            of::<AdjustedOptions>("abtest.cuped_ratio"),
            of::<BootstrapOptions>("abtest.bootstrap"),
            of::<MannWhitneyOptions>("abtest.mann_whitney"),
            of::<BrunnerMunzelOptions>("abtest.brunner_munzel"),
            of::<PermutationOptions>("abtest.permutation_test"),
            of::<BayesOptions>("abtest.bayes_gaussian"),
            of::<BayesOptions>("abtest.bayes_conversions"),
            of::<SequentialOptions>("abtest.sequential"),
            of::<SequentialOptions>("abtest.sequential_conversions"),
            of::<BetaBinomialOptions>("abtest.bayes_binomial"),
            of::<McNemarOptions>("abtest.mcnemar"),
            of::<McNemarOptions>("abtest.mcnemar_counts"),
            of::<DeLongOptions>("abtest.delong"),
            of::<DieboldMarianoOptions>("abtest.diebold_mariano"),
            of::<TwoProportionsOptions>("abtest.two_proportions"),
            of::<TwoProportionsOptions>("abtest.two_proportions_batch"),
            of::<GroupSequentialOptions>("abtest.group_sequential"),
            of::<MsprtOptions>("abtest.msprt"),
            of::<ProportionCiOptions>("abtest.proportion_ci"),
            of::<PowerOfTestOptions>("abtest.power"),
            of::<SampleSizeOptions>("abtest.sample_size"),
            of::<PowerOptions>("abtest.minimum_detectable_effect"),
            of::<RiskRatioOptions>("abtest.risk_ratio"),
            of::<OddsRatioOptions>("abtest.odds_ratio"),
        ]);
    }
    #[cfg(feature = "lineup")]
    all.push(of::<crate::lineup::PortfolioOptions>("lineup.portfolio"));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(default, deny_unknown_fields)]
    struct Sample {
        n_resamples: u64,
        window: Option<u64>,
    }

    impl Default for Sample {
        fn default() -> Self {
            Sample {
                n_resamples: 100,
                window: Some(10),
            }
        }
    }

    #[test]
    fn defaults_fill_unset_options_and_null_means_none() {
        let o: Sample = options("f", json!({"window": null})).unwrap();
        assert_eq!(
            o,
            Sample {
                n_resamples: 100,
                window: None
            }
        );
        let o: Sample = options("f", Value::Null).unwrap();
        assert_eq!(o, Sample::default());
    }

    #[test]
    fn integers_are_never_wrapped_or_truncated() {
        let negative = ErrorCode::InvalidInput;
        let wrong_type = ErrorCode::InvalidType;
        for (bad, code) in [
            (json!(-1), negative),
            (json!(2.5), wrong_type),
            (json!("3"), wrong_type),
            (json!(1e300), wrong_type),
        ] {
            let e = options::<Sample>("f", json!({"n_resamples": bad})).unwrap_err();
            assert_eq!(e.code, code, "{e}");
            assert!(e.to_string().contains("`n_resamples`"), "{e}");
        }
        let o: Sample = options("f", json!({"n_resamples": 4_294_967_298_u64})).unwrap();
        assert_eq!(o.n_resamples, 4_294_967_298);
    }

    #[test]
    fn unknown_names_are_refused_and_renamed_for_a_face() {
        let e = options::<Sample>("f", json!({"nResample": 1})).unwrap_err();
        assert!(e.to_string().contains("unknown option `nResample`"), "{e}");
        let renamed = e.renamed(|name| name.replace('_', "-"));
        assert!(renamed.detail.contains("`n-resamples`"), "{renamed}");
    }
}
