//! Drift on NOAA rainfall data: a column report against the first 10,000 days, a reference
//! profile built in chunks, detectors on a simple forecast's error stream, and change points
//! on the TCPD series scored against their annotators.

use std::error::Error;

use edgekit::drift::{
    Adwin, ChangePointOptions, Column, ColumnValues, CostModel, Ddm, DriftDetector, Metric,
    PerformanceMonitor, Profile, Reference, ReportOptions, Threshold, Window, covering, f1_score,
    pelt, report,
};

use crate::data;

const FEATURES: [&str; 9] = [
    "temperature",
    "dew point",
    "sea-level pressure",
    "visibility",
    "average wind speed",
    "max sustained wind-speed",
    "minimum temperature",
    "maximum temperature",
    "rain",
];

pub fn section() -> Result<(), Box<dyn Error>> {
    let path = data::dir().join("rainfall.csv");
    let columns: Vec<Vec<f64>> = FEATURES
        .iter()
        .map(|f| data::numbers(&path, f))
        .collect::<Result<_, _>>()?;
    let rows = columns[0].len();
    let split = 10_000;
    let make = |range: std::ops::Range<usize>| -> Vec<Column<'_>> {
        FEATURES
            .iter()
            .zip(&columns)
            .map(|(name, values)| Column {
                name,
                values: ColumnValues::Numbers(&values[range.clone()]),
                categorical: *name == "rain",
            })
            .collect()
    };
    let (reference, current) = (make(0..split), make(split..rows));
    // The reference as a service would build it: two chunks fitted apart, then merged.
    let profile = Profile::fit(&make(0..split / 2), None, 0)?.merge(&Profile::fit(
        &make(split / 2..split),
        None,
        0,
    )?)?;
    let found = report(
        Reference::Profile(&profile),
        &current,
        &ReportOptions::default(),
    )?;
    let raw = report(
        Reference::Columns(&reference),
        &current,
        &ReportOptions::default(),
    )?;
    assert_eq!(
        found.columns.iter().map(|c| c.drifted).collect::<Vec<_>>(),
        raw.columns.iter().map(|c| c.drifted).collect::<Vec<_>>()
    );
    println!(
        "\n== drift: NOAA rainfall, reference = first {split} days, current = the other {} ({} bytes of merged profile)",
        rows - split,
        profile.to_bytes()?.len()
    );
    println!(
        "{:<26} {:<12} {:<14} {:>10} {:>10}  drift",
        "feature", "kind", "test", "score", "threshold"
    );
    for c in &found.columns {
        println!(
            "{:<26} {:<12} {:<14} {:>10.4} {:>10}  {}",
            c.column,
            c.kind.as_str(),
            c.test,
            c.pvalue.unwrap_or(c.statistic),
            c.threshold,
            if c.drifted { "DRIFT" } else { "-" }
        );
    }
    println!(
        "dataset drift: {} ({} of {} features, share threshold {})",
        found.dataset_drift,
        found.drifted_columns,
        found.columns.len(),
        found.drift_share
    );

    // A naive forecast: rain when the dew point is above 0.6 (standardised units).
    let (dew, rain) = (&columns[1], &columns[8]);
    let errors: Vec<f64> = dew
        .iter()
        .zip(rain)
        .map(|(d, r)| f64::from(((*d > 0.6) as u8 as f64) != *r))
        .collect();
    let adwin = Adwin::default().update_many(&columns[0])?;
    let ddm = Ddm::default().update_many(&errors)?;
    println!(
        "ADWIN on temperature: {} detections (first at day {:?}); DDM on the forecast's errors: {} (first at {:?})",
        adwin.len(),
        adwin.first(),
        ddm.len(),
        ddm.first()
    );
    // A probabilistic forecast from falling pressure, watched over a rolling year.
    let pressure = &columns[2];
    let rule = Threshold {
        metric: Metric::Auc,
        warning: Some(0.68),
        critical: Some(0.63),
    };
    let mut monitor = PerformanceMonitor::new(Window::Count(365), 10, vec![rule])?;
    let (mut alerts, mut below) = (Vec::new(), [0usize; 2]);
    for (p, r) in pressure.iter().zip(rain) {
        alerts.extend(monitor.update(1.0 / (1.0 + (2.0 * p).exp()), *r == 1.0, None)?);
        if let Some(auc) = monitor
            .metrics()
            .auc
            .filter(|_| monitor.metrics().count == 365)
        {
            below[0] += usize::from(auc < 0.68);
            below[1] += usize::from(auc < 0.63);
        }
    }
    let critical = alerts.iter().filter(|a| a.severity == "critical").count();
    println!(
        "sigmoid(−2·pressure) rain forecast: rolling-year AUC {:.3} now, below 0.68 on {} days and below 0.63 on {} \
         ({} warning / {critical} critical level changes; first alert at day {:?})",
        monitor.metrics().auc.unwrap_or(f64::NAN),
        below[0],
        below[1],
        alerts.len() - critical,
        alerts.first().map(|a| a.at)
    );
    change_points()
}

fn change_points() -> Result<(), Box<dyn Error>> {
    let airline = data::numbers(
        &data::dir().join("airline_passengers.csv"),
        "Total Passengers",
    )?;
    let apple: Vec<f64> = data::numbers(&data::dir().join("apple.csv"), "Close")?
        .into_iter()
        .step_by(3)
        .collect();
    let series = [
        (
            "airline passengers",
            airline,
            vec![vec![299], vec![], vec![302], vec![326, 382], vec![296]],
        ),
        (
            "apple close (every 3rd day)",
            apple,
            vec![
                vec![319],
                vec![319],
                vec![319],
                vec![53, 90, 197, 276, 319, 403, 463, 535],
                vec![319],
            ],
        ),
    ];
    println!(
        "{:<28} {:<8} {:>4}  {:>5} {:>6}  change points",
        "TCPD series", "model", "n", "F1", "cover"
    );
    for (name, x, annotations) in &series {
        for model in [CostModel::Mean, CostModel::MeanVar] {
            let found = pelt(
                x,
                &ChangePointOptions {
                    model,
                    ..ChangePointOptions::default()
                },
            )?;
            println!(
                "{name:<28} {:<8} {:>4}  {:>5.3} {:>6.3}  {:?}",
                if model == CostModel::Mean {
                    "mean"
                } else {
                    "meanvar"
                },
                x.len(),
                f1_score(annotations, &found, 5),
                covering(annotations, &found, x.len()),
                &found[..found.len().min(8)]
            );
        }
    }
    Ok(())
}
