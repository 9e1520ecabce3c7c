//! Monitoring a deployed classifier over time on NannyML's synthetic "work from home" data:
//! fit a data reconstruction drift calculator on the reference period, then watch monthly
//! production chunks for drift in the joint distribution of its seven features.

use std::error::Error;

use edgekit::drift::{
    BinaryOutputs, CalendarPeriod, CalibrationMethod, Calibrator, Cbpe, CbpeOptions, ChunkMonitor,
    ClassificationMetric, Column, ColumnValues, ConformalOptions, ConformalRegressor, DataPeriod,
    Dle, DleOptions, DomainClassifier, DomainClassifierOptions, EstimatedRow, MmdDrift,
    MmdDriftOptions, RealizedOptions, RealizedPerformance, ReconstructionDrift,
    ReconstructionOptions, RegressionMetric, RegressionOptions, RegressionOutputs,
    RegressionPerformance, ReliabilityOptions, parse_timestamp, reliability_curve,
};

use crate::data;

const CONTINUOUS: [&str; 4] = [
    "distance_from_office",
    "gas_price_per_litre",
    "public_transportation_cost",
    "tenure",
];
const CATEGORICAL: [&str; 3] = ["salary_range", "wfh_prev_workday", "workday"];

struct Period {
    outputs: [Vec<f64>; 3],
    numbers: Vec<Vec<f64>>,
    labels: Vec<Vec<Option<String>>>,
    timestamps: Vec<i64>,
}

fn read(file: &str) -> Result<Period, Box<dyn Error>> {
    let path = data::dir().join("nannyml").join(file);
    let text = data::columns(&path, &CONTINUOUS)?;
    let numbers = text
        .iter()
        .map(|c| c.iter().map(|v| v.parse().unwrap_or(f64::NAN)).collect())
        .collect();
    let labels = data::columns(&path, &CATEGORICAL)?
        .into_iter()
        .map(|c| {
            c.into_iter()
                .map(|v| (!v.is_empty()).then_some(v))
                .collect()
        })
        .collect();
    let timestamps = data::columns(&path, &["timestamp"])?
        .remove(0)
        .iter()
        .map(|t| parse_timestamp(t).ok_or_else(|| format!("{file}: bad timestamp {t:?}")))
        .collect::<Result<_, _>>()?;
    let outputs = ["y_pred_proba", "y_pred", "work_home_actual"]
        .map(|name| data::numbers(&path, name))
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?
        .try_into()
        .map_err(|_| "three output columns")?;
    Ok(Period {
        outputs,
        numbers,
        labels,
        timestamps,
    })
}

impl Period {
    fn outputs(&self, targets: bool) -> BinaryOutputs<'_> {
        BinaryOutputs {
            y_pred_proba: &self.outputs[0],
            y_pred: &self.outputs[1],
            y_true: targets.then_some(self.outputs[2].as_slice()),
        }
    }

    fn columns(&self) -> Vec<Column<'_>> {
        let numbers = CONTINUOUS
            .iter()
            .zip(&self.numbers)
            .map(|(name, v)| Column {
                name,
                values: ColumnValues::Numbers(v),
                categorical: false,
            });
        let labels = CATEGORICAL
            .iter()
            .zip(&self.labels)
            .map(|(name, v)| Column {
                name,
                values: ColumnValues::Labels(v),
                categorical: true,
            });
        numbers.chain(labels).collect()
    }
}

pub fn section() -> Result<(), Box<dyn Error>> {
    let (reference, analysis) = (read("binary_reference.csv")?, read("binary_analysis.csv")?);
    let options = ReconstructionOptions {
        chunk_period: Some(CalendarPeriod::Quarter),
        ..Default::default()
    };
    let fitted =
        ReconstructionDrift::fit(&reference.columns(), Some(&reference.timestamps), &options)?;
    let rows = fitted.calculate(&analysis.columns(), Some(&analysis.timestamps))?;
    let (lower, upper) = fitted.thresholds();
    println!("\n== monitoring: NannyML's synthetic classifier, quarterly chunks ==");
    println!(
        "PCA keeps {} of 7 features' components ({:.0} % of the reference variance); thresholds {:.4} … {:.4}",
        fitted.explained_variance_ratio().len(),
        100.0 * fitted.explained_variance_ratio().iter().sum::<f64>(),
        lower.unwrap_or(f64::NAN),
        upper.unwrap_or(f64::NAN),
    );
    println!(
        "{:<9} {:>6} {:>12} {:>10}  alert",
        "quarter", "rows", "recon. error", "± 3 s.e."
    );
    for row in rows
        .iter()
        .filter(|r| r.chunk.period == DataPeriod::Analysis)
    {
        let cell = &row.reconstruction_error;
        println!(
            "{:<9} {:>6} {:>12.4} {:>10}  {}",
            row.chunk.key,
            row.chunk.end_index + 1 - row.chunk.start_index,
            cell.value.unwrap_or(f64::NAN),
            cell.sampling_error
                .map_or_else(|| "—".to_owned(), |e| format!("{:.4}", 3.0 * e)),
            if cell.alert { "ALERT" } else { "" }
        );
    }
    domain_classifier(&reference, &analysis)?;
    cbpe(&reference, &analysis)?;
    mmd(&reference, &analysis)?;
    calibration(&reference, &analysis)?;
    regression()
}

/// The same drift told by a classifier (NannyML's domain classifier): per 1,000 rows, the
/// cross-validated ROC AUC of boosted trees telling production from the reference.
fn domain_classifier(reference: &Period, analysis: &Period) -> Result<(), Box<dyn Error>> {
    let options = DomainClassifierOptions {
        chunk_size: Some(1000),
        ..Default::default()
    };
    let fitted =
        DomainClassifier::fit(&reference.columns(), Some(&reference.timestamps), &options)?;
    println!("\nDomain classifier ROC AUC per 1,000 rows (alert outside 0.45-0.65):");
    for row in fitted.calculate(&analysis.columns(), Some(&analysis.timestamps))? {
        if row.chunk.period == DataPeriod::Analysis {
            let cell = row.domain_classifier_auroc;
            println!(
                "  {:<11} {:.3}  {}",
                row.chunk.key,
                cell.value.unwrap_or(f64::NAN),
                if cell.alert { "ALERT" } else { "" }
            );
        }
    }
    Ok(())
}

/// A regression model's `(y_pred, y_true, timestamps)`.
type Predictions = (Vec<f64>, Vec<f64>, Vec<i64>);

/// The predictions and targets as the calculator reads them.
fn outputs(d: &Predictions) -> RegressionOutputs<'_> {
    RegressionOutputs {
        y_pred: &d.0,
        y_true: Some(&d.1),
    }
}

/// A regression model (NannyML's car price data): realized MAE per week once prices are known.
fn regression() -> Result<(), Box<dyn Error>> {
    let read = |file: &str| -> Result<Predictions, Box<dyn Error>> {
        let path = data::dir().join("nannyml").join(file);
        let stamps = data::columns(&path, &["timestamp"])?
            .remove(0)
            .iter()
            .map(|t| parse_timestamp(t).ok_or_else(|| format!("{file}: bad timestamp {t:?}")))
            .collect::<Result<_, _>>()?;
        Ok((
            data::numbers(&path, "y_pred")?,
            data::numbers(&path, "y_true")?,
            stamps,
        ))
    };
    let (reference, analysis) = (
        read("regression_reference.csv")?,
        read("regression_analysis.csv")?,
    );
    let options = RegressionOptions {
        metrics: vec![RegressionMetric::Mae],
        chunk_period: Some(CalendarPeriod::Week),
        ..Default::default()
    };
    let fitted = RegressionPerformance::fit(outputs(&reference), Some(&reference.2), &options)?;
    println!("\nCar price model, realized MAE per week:");
    for row in fitted.calculate(outputs(&analysis), Some(&analysis.2))? {
        if row.chunk.period == DataPeriod::Analysis {
            let cell = row.metrics[0].1;
            println!(
                "  {}  {:8.1}  {}",
                row.chunk.key,
                cell.value.unwrap_or(f64::NAN),
                if cell.alert { "ALERT" } else { "" }
            );
        }
    }
    estimated_mae(&reference, &analysis)
}

/// The car price features as columns (numbers, then labels).
fn car_columns<'a>(numbers: &'a [Vec<f64>], labels: &'a [Vec<Option<String>>]) -> Vec<Column<'a>> {
    let numbers = CAR_NUMBERS.iter().zip(numbers).map(|(name, v)| Column {
        name,
        values: ColumnValues::Numbers(v),
        categorical: false,
    });
    let labels = CAR_LABELS.iter().zip(labels).map(|(name, v)| Column {
        name,
        values: ColumnValues::Labels(v),
        categorical: false,
    });
    numbers.chain(labels).collect()
}

const CAR_NUMBERS: [&str; 5] = [
    "car_age",
    "km_driven",
    "price_new",
    "accident_count",
    "door_count",
];
const CAR_LABELS: [&str; 2] = ["fuel", "transmission"];

/// The car price model's MAE before the prices are known (NannyML's DLE): boosted trees learn
/// each car's absolute error from its features on the reference; a chunk's estimate is the
/// mean predicted error (the realized MAE prints beside it, the prices being known here).
fn estimated_mae(reference: &Predictions, analysis: &Predictions) -> Result<(), Box<dyn Error>> {
    type Features = (Vec<Vec<f64>>, Vec<Vec<Option<String>>>);
    let read = |file: &str| -> Result<Features, Box<dyn Error>> {
        let path = data::dir().join("nannyml").join(file);
        let numbers = CAR_NUMBERS
            .iter()
            .map(|n| data::numbers(&path, n))
            .collect::<Result<_, _>>()?;
        let labels = data::columns(&path, &CAR_LABELS)?
            .into_iter()
            .map(|c| c.into_iter().map(Some).collect())
            .collect();
        Ok((numbers, labels))
    };

    let (reference_features, analysis_features) = (
        read("regression_reference.csv")?,
        read("regression_analysis.csv")?,
    );
    let options = DleOptions {
        metrics: vec![RegressionMetric::Mae],
        chunk_size: Some(1000),
        ..Default::default()
    };
    let dle = Dle::fit(
        &car_columns(&reference_features.0, &reference_features.1),
        outputs(reference),
        Some(&reference.2),
        &options,
    )?;
    println!("\nCar price model, MAE estimated without the prices (DLE) and realized:");
    for row in dle.estimate(
        &car_columns(&analysis_features.0, &analysis_features.1),
        outputs(analysis),
        Some(&analysis.2),
    )? {
        if row.chunk.period == DataPeriod::Analysis {
            let cell = row.metrics[0].1;
            println!(
                "  {:<12} estimated {:6.1} ± {:4.1}  realized {:6.1}  {}",
                row.chunk.key,
                cell.value.unwrap_or(f64::NAN),
                3.0 * cell.sampling_error.unwrap_or(f64::NAN),
                cell.realized.unwrap_or(f64::NAN),
                if cell.alert { "ALERT" } else { "" }
            );
        }
    }
    Ok(())
}

/// The classifier recalibrated on its reference, and 90 % conformal intervals around the NFL
/// closing over/under line (calibrated on 2000–2012, checked on 2013–2024).
fn calibration(reference: &Period, analysis: &Period) -> Result<(), Box<dyn Error>> {
    let (p, y) = (&analysis.outputs[0], &analysis.outputs[2]);
    let options = ReliabilityOptions {
        n_bins: 10,
        ..Default::default()
    };
    let before = reliability_curve(y, p, &options)?;
    let isotonic = Calibrator::fit(
        &reference.outputs[0],
        &reference.outputs[2],
        CalibrationMethod::Isotonic,
    )?;
    let after = reliability_curve(y, &isotonic.predict(p)?, &options)?;
    println!(
        "\nCalibration: production ECE {:.4} (MCE {:.4}); {:.4} after isotonic calibration on the reference",
        before.ece, before.mce, after.ece
    );
    let path = data::dir().join("spreadspoke_scores.csv");
    let text = data::columns(
        &path,
        &[
            "schedule_season",
            "score_home",
            "score_away",
            "over_under_line",
        ],
    )?;
    let (mut past, mut recent) = ((Vec::new(), Vec::new()), (Vec::new(), Vec::new()));
    let [season, home, away, line] = &text[..] else {
        return Err("four columns".into());
    };
    for (((season, home), away), line) in season.iter().zip(home).zip(away).zip(line) {
        let number = |v: &String| v.parse::<f64>().ok();
        let (Some(season), Some(home), Some(away), Some(line)) =
            (number(season), number(home), number(away), number(line))
        else {
            continue;
        };
        let target = match season as i64 {
            2000..=2012 => &mut past,
            2013..=2024 => &mut recent,
            _ => continue,
        };
        target.0.push(home + away);
        target.1.push(line);
    }
    let fitted = ConformalRegressor::fit(&past.0, &past.1, None, ConformalOptions { alpha: 0.1 })?;
    let check = fitted.evaluate(&recent.0, &recent.1, None)?;
    println!(
        "NFL totals: 90 % interval = line ± {:.1} points; covers {:.1} % of {} later games",
        fitted.half_width(None).unwrap_or(f64::NAN),
        100.0 * check.coverage,
        check.n
    );
    Ok(())
}

/// A kernel two-sample test on the joint distribution of the complete numeric columns
/// (alibi-detect's `MMDDrift`): the first 500 reference rows against two production stretches.
fn mmd(reference: &Period, analysis: &Period) -> Result<(), Box<dyn Error>> {
    // gas price, transport cost, tenure, then the model's probability.
    let rows = |period: &Period, range: std::ops::Range<usize>| -> Vec<f64> {
        range
            .flat_map(|i| {
                [1, 2, 3]
                    .map(|c| period.numbers[c][i])
                    .into_iter()
                    .chain([period.outputs[0][i]])
            })
            .collect()
    };
    let options = MmdDriftOptions {
        n_permutations: 500,
        seed: 1,
        ..Default::default()
    };
    let detector = MmdDrift::fit(&rows(reference, 0..500), 4, options)?;
    println!(
        "\nMMD over 4 numeric columns (sigma {:.3}):",
        detector.sigma()
    );
    for (label, range) in [
        ("early production", 0..500),
        ("late production", 4000..4400),
    ] {
        let found = detector.test(&rows(analysis, range))?;
        println!(
            "  {label:<17} MMD² {:>8.5}  p {:.3}  drift {}",
            found.distance, found.p_val, found.is_drift
        );
    }
    Ok(())
}

/// F1 estimated by CBPE before the labels arrive, against the realized F1 once they have.
fn cbpe(reference: &Period, analysis: &Period) -> Result<(), Box<dyn Error>> {
    let metrics = vec![ClassificationMetric::F1];
    let chunk_period = Some(CalendarPeriod::Quarter);
    let estimator = Cbpe::fit(
        reference.outputs(true),
        Some(&reference.timestamps),
        &CbpeOptions {
            metrics: metrics.clone(),
            chunk_period,
            ..Default::default()
        },
    )?;
    let estimated = estimator.estimate(analysis.outputs(false), Some(&analysis.timestamps))?;
    let realized = RealizedPerformance::fit(
        reference.outputs(true),
        Some(&reference.timestamps),
        &RealizedOptions {
            metrics,
            chunk_period,
            ..Default::default()
        },
    )?
    .calculate(analysis.outputs(true), Some(&analysis.timestamps))?;
    println!(
        "\nCBPE (calibrated: {}): F1 estimated without labels, then realized",
        estimator.is_calibrated()
    );
    println!(
        "{:<9} {:>9} {:>9}  alert",
        "quarter", "estimate", "realized"
    );
    for (e, r) in estimated.iter().zip(&realized) {
        if e.chunk.period != DataPeriod::Analysis {
            continue;
        }
        let (cell, real) = (e.metrics[0].1, r.metrics[0].1.value);
        println!(
            "{:<9} {:>9.4} {:>9}  {}",
            e.chunk.key,
            cell.value.unwrap_or(f64::NAN),
            real.map_or_else(|| "—".to_owned(), |v| format!("{v:.4}")),
            if cell.alert { "ALERT" } else { "" }
        );
    }
    stream(&estimator, analysis, &estimated)
}

/// The service's view: predictions arrive 250 at a time; a `ChunkMonitor` closes each quarter
/// when the first row of the next one arrives, and its table is `estimate`'s.
fn stream(
    estimator: &Cbpe,
    analysis: &Period,
    estimated: &[EstimatedRow],
) -> Result<(), Box<dyn Error>> {
    let mut monitor = ChunkMonitor::new(estimator.clone())?;
    let rows = analysis.timestamps.len();
    for start in (0..rows).step_by(250) {
        let end = (start + 250).min(rows);
        let batch = BinaryOutputs {
            y_pred_proba: &analysis.outputs[0][start..end],
            y_pred: &analysis.outputs[1][start..end],
            y_true: None,
        };
        monitor.push(batch, Some(&analysis.timestamps[start..end]))?;
    }
    let open = monitor.pending_rows();
    monitor.flush()?;
    let same = serde_json::to_value(monitor.rows())? == serde_json::to_value(estimated)?;
    println!(
        "streamed in batches of 250: {} quarters closed as rows arrived, the last ({open} row(s)) \
         on flush; same table as estimate(): {same}",
        monitor.analysis_rows().len() - 1
    );
    Ok(())
}
