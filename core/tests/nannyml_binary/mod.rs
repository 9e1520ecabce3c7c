//! NannyML's synthetic binary data as the bundled CSVs hold it (examples/data/nannyml/binary_*.csv),
//! read by the univariate and domain classifier vector tests, with the recorders' "unseen" rule.
#![allow(dead_code)]

use edgekit::drift::{Column, ColumnValues, parse_timestamp};

pub const CATEGORICAL: [&str; 3] = ["salary_range", "wfh_prev_workday", "workday"];

pub struct Frame {
    pub timestamps: Vec<i64>,
    pub numbers: Vec<(String, Vec<f64>)>,
    pub labels: Vec<(String, Vec<Option<String>>)>,
}

pub fn frame(file: &str, unseen: bool) -> Frame {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/nannyml")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let mut out = Frame {
        timestamps: rows
            .iter()
            .map(|r| parse_timestamp(r[0]).unwrap())
            .collect(),
        numbers: Vec::new(),
        labels: Vec::new(),
    };
    for (j, name) in header.iter().enumerate().skip(1) {
        if CATEGORICAL.contains(name) {
            let labels = rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    // The recorder's rule for the "unseen" case: every 53rd workday a "Holiday".
                    if unseen && *name == "workday" && i % 53 == 0 {
                        return Some("Holiday".to_owned());
                    }
                    (!r[j].is_empty()).then(|| r[j].to_owned())
                })
                .collect();
            out.labels.push(((*name).to_owned(), labels));
        } else {
            let values = rows
                .iter()
                .map(|r| r[j].parse().unwrap_or(f64::NAN))
                .collect();
            out.numbers.push(((*name).to_owned(), values));
        }
    }
    out
}

impl Frame {
    /// The continuous columns as numbers, then the categorical ones as labels.
    pub fn columns(&self, continuous: &[String], categorical: &[String]) -> Vec<Column<'_>> {
        let mut out: Vec<Column<'_>> = continuous
            .iter()
            .map(|c| {
                let (name, values) = self.numbers.iter().find(|(n, _)| n == c).unwrap();
                Column {
                    name,
                    values: ColumnValues::Numbers(values),
                    categorical: false,
                }
            })
            .collect();
        out.extend(categorical.iter().map(|c| {
            let (name, labels) = self.labels.iter().find(|(n, _)| n == c).unwrap();
            Column {
                name,
                values: ColumnValues::Labels(labels),
                categorical: true,
            }
        }));
        out
    }

    /// The named features, numbers and labels as the data holds them.
    pub fn features(&self, features: &[String]) -> Vec<Column<'_>> {
        features
            .iter()
            .map(|f| {
                if let Some((name, values)) = self.numbers.iter().find(|(n, _)| n == f) {
                    Column {
                        name,
                        values: ColumnValues::Numbers(values),
                        categorical: false,
                    }
                } else {
                    let (name, labels) = self.labels.iter().find(|(n, _)| n == f).unwrap();
                    Column {
                        name,
                        values: ColumnValues::Labels(labels),
                        categorical: true,
                    }
                }
            })
            .collect()
    }
}
