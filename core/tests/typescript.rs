//! The TypeScript declarations of the Node face's results, written from core's own types by
//! ts-rs, so a result's shape is declared once (here, in Rust) and `index.d.ts` cannot drift
//! from what the addon returns. `napi build` prepends the file to `index.d.ts`
//! (`dtsHeaderFile` in bindings-node/package.json).
//!
//! This test fails when the committed file is stale; regenerate it with
//! `EDGEKIT_WRITE_TYPES=1 cargo test -p edgekit --features typescript --test typescript`.
#![cfg(feature = "typescript")]

use std::any::TypeId;
use std::collections::HashSet;

use ts_rs::{Config, TS, TypeVisitor};

const TARGET: &str = "../bindings-node/types/results.d.ts";

struct Declarations {
    config: Config,
    seen: HashSet<TypeId>,
    /// The Node namespace the next types belong to (`""`: the top level).
    namespace: &'static str,
    out: Vec<(&'static str, String, String)>,
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Only types with a declaration of their own (derived ones) have an output path;
        // primitives, tuples and containers are written inline.
        if T::output_path().is_none() || !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        // Rustdoc links read as plain code in TypeScript.
        let docs = T::docs()
            .unwrap_or_default()
            .replace("[`", "`")
            .replace("`]", "`");
        let declaration = tidy(&T::decl(&self.config));
        self.out.push((
            self.namespace,
            T::ident(&self.config),
            format!("{docs}export {declaration}"),
        ));
        T::visit_dependencies(self);
    }
}

/// ts-rs writes a struct on one line per field with the field docs unindented: indent the
/// body and close it on a line of its own, as a person would write it.
fn tidy(declaration: &str) -> String {
    let Some((head, body)) = declaration.split_once("{ \n") else {
        return declaration.to_owned();
    };
    let body = body.trim_end().trim_end_matches("};").trim_end();
    let mut out = format!("{head}{{\n");
    for line in body.lines() {
        out.push_str("  ");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str("};");
    out
}

macro_rules! roots {
    ($declarations:expr, $namespace:literal: $($type:ty),+ $(,)?) => {
        $declarations.namespace = $namespace;
        $( $declarations.visit::<$type>(); )+
    };
}

fn render() -> String {
    let mut d = Declarations {
        // Every integer a result holds is a count or an index far below 2^53.
        config: Config::new().with_large_int("number"),
        seen: HashSet::new(),
        namespace: "",
        out: Vec::new(),
    };
    {
        use edgekit::abtest::*;
        roots!(
            d,
            "": edgekit::stats::Describe,
            TestResult,
            BayesResult,
            BetaBinomialResult,
            BootstrapResult,
            DeLongResult,
            DieboldMarianoResult,
            GroupSequentialResult,
            McNemarResult,
            PermutationResult,
            SampleSize,
            RankTestResult,
            BrunnerMunzelResult,
            RatioEstimate,
            SequentialResult,
            MsprtResult,
            SrmResult,
        );
    }
    {
        use edgekit::patterns::*;
        roots!(d, "": CandleSettings, Level, FairValueGap, ChartPattern, RunsTest, Breakout, Regime);
        use edgekit::patterns::games::*;
        roots!(d, "": Record, MineResult, WalkForwardStep, GameAnalysis);
    }
    {
        use edgekit::lineup::*;
        roots!(d, "lineup": Lineup, Portfolio, Player, Roster, MergeReport, PlayerRecord, SlateOptions, ContestSpec, ContestResult, FieldSample, EntriesFile, OutcomeModel, OutcomeCorrelations);
    }
    {
        use edgekit::ltp::*;
        roots!(
            d,
            "ltp": KeyLevel,
            LtpScore,
            PatienceResult,
            LevelResult,
            LevelFormula,
            IdentifiedLevel,
            BarTrend,
            ScoreExplanation,
            SetupBatch,
            Ltp2Score,
            Ltp2ScoreExplanation,
            InsideCandle,
            GammaWeights,
            GradeThresholds,
            MarketContext,
            ScoreHysteresisState,
            SwingPoint,
            SwingPointConfig,
            FairValueGap,
            TradingContext,
            FvgAnalysis,
            MtfAnalysis,
            TradeParams,
            DetectedSetup,
            NamedEvent<'static>,
            Evaluation,
            Profile,
        );
    }
    {
        use edgekit::drift::*;
        roots!(d, "drift": DriftResult, DriftReport, ColumnSummary, Alert, WindowMetrics, MetricComparison, ClassificationMetrics, RegressionMetrics);
        roots!(d, "monitoring": ReconstructionRow, EstimatedCell, RealizedCell, MmdDriftResult, UnivariateRow, DomainClassifierRow);
        roots!(d, "calibration": ReliabilityCurve, Coverage);
        // EstimatedRow serializes by hand (one group per metric asked for), so its shape is
        // declared here from the same metric names.
        // One group per metric but the confusion matrix, which is a list of cells.
        let cells: String = [
            ClassificationMetric::RocAuc,
            ClassificationMetric::F1,
            ClassificationMetric::Precision,
            ClassificationMetric::Recall,
            ClassificationMetric::Specificity,
            ClassificationMetric::Accuracy,
        ]
        .iter()
        .map(|m| {
            let name = m.name();
            let camel: String = name
                .split('_')
                .enumerate()
                .map(|(i, w)| {
                    if i == 0 {
                        w.to_owned()
                    } else {
                        w[..1].to_uppercase() + &w[1..]
                    }
                })
                .collect();
            format!("  {camel}?: CELL,\n")
        })
        .chain(std::iter::once(
            "  confusionMatrix?: Array<{ trueClass: string, predictedClass: string } & CELL>,\n"
                .to_owned(),
        ))
        .collect();
        d.out.push((
            "monitoring",
            "RealizedRow".into(),
            format!(
                "/**\n * One chunk of a PerformanceCalculator result: the chunk (with the share of targets\n * still missing), then one cell per metric asked for (classification or regression).\n */\nexport type RealizedRow = {{\n  chunk: ChunkInfo & {{ targetsMissingRate: number }},\n{}{}}};",
                cells.replace("CELL", "RealizedCell"),
                [
                    RegressionMetric::Mae,
                    RegressionMetric::Mape,
                    RegressionMetric::Mse,
                    RegressionMetric::Msle,
                    RegressionMetric::Rmse,
                    RegressionMetric::Rmsle,
                ]
                .iter()
                .map(|m| format!("  {}?: RealizedCell,\n", m.name()))
                .collect::<String>()
            ),
        ));
        d.out.push((
            "monitoring",
            "DleRow".into(),
            format!(
                "/**\n * One chunk of a DLE result: the chunk, then one estimated cell per metric asked for.\n */\nexport type DleRow = {{\n  chunk: ChunkInfo,\n{}}};",
                [
                    RegressionMetric::Mae,
                    RegressionMetric::Mape,
                    RegressionMetric::Mse,
                    RegressionMetric::Rmse,
                    RegressionMetric::Msle,
                    RegressionMetric::Rmsle,
                ]
                .iter()
                .map(|m| format!("  {}?: EstimatedCell,\n", m.name()))
                .collect::<String>()
            ),
        ));
        let cells = cells.replace("CELL", "EstimatedCell");
        d.out.push((
            "monitoring",
            "EstimatedRow".into(),
            format!(
                "/**\n * One chunk of a CBPE result: the chunk, then one cell per metric asked for.\n */\nexport type EstimatedRow = {{\n  chunk: ChunkInfo,\n{cells}}};"
            ),
        ));
    }
    // Top-level types first, then one block per namespace (as napi writes the functions).
    d.out.sort();
    let mut text = String::from(
        "/* auto-generated by NAPI-RS */\n/* eslint-disable */\n\
         // Result types, written by core/tests/typescript.rs from core's serde types (ts-rs).\n\n",
    );
    let mut open = "";
    for (namespace, _, declaration) in d.out {
        if namespace != open {
            if !open.is_empty() {
                text.push_str("}\n\n");
            }
            text.push_str(&format!("export declare namespace {namespace} {{\n"));
            open = namespace;
        }
        let indent = if namespace.is_empty() { "" } else { "  " };
        for line in declaration.lines() {
            if !line.is_empty() {
                text.push_str(indent);
            }
            text.push_str(line);
            text.push('\n');
        }
        text.push('\n');
    }
    if !open.is_empty() {
        text.push_str("}\n");
    }
    text
}

#[test]
fn node_declarations_are_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TARGET);
    let fresh = render();
    if std::env::var_os("EDGEKIT_WRITE_TYPES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run EDGEKIT_WRITE_TYPES=1 cargo test -p edgekit --features typescript --test typescript",
        path.display()
    );
}

#[test]
fn results_hold_no_user_keyed_maps() {
    // The Node face turns every object key of a result into camelCase, which is right for
    // field names and wrong for keys that are data (column names): results use lists of
    // records instead of maps. (`ltp` keeps the dashboard's names verbatim.)
    let text = render();
    let camel = text
        .split("export declare namespace ltp")
        .next()
        .unwrap_or_default();
    assert!(!camel.contains("[key in"));
}
