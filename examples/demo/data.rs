//! Reading the bundled CSV files, with the line of any unreadable value named.

use std::error::Error;
use std::path::{Path, PathBuf};

/// `examples/data`.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The text of every row in the named columns.
pub fn columns(path: &Path, names: &[&str]) -> Result<Vec<Vec<String>>, Box<dyn Error>> {
    let mut reader = csv::Reader::from_path(path)?;
    let headers = reader.headers()?.clone();
    let indices = names
        .iter()
        .map(|name| {
            headers
                .iter()
                .position(|h| h == *name)
                .ok_or_else(|| format!("{}: no column {name:?}", path.display()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = vec![Vec::new(); names.len()];
    for record in reader.records() {
        let record = record?;
        for (column, &i) in out.iter_mut().zip(&indices) {
            column.push(record.get(i).unwrap_or("").to_owned());
        }
    }
    Ok(out)
}

/// One numeric column.
pub fn numbers(path: &Path, name: &str) -> Result<Vec<f64>, Box<dyn Error>> {
    let column = columns(path, &[name])?.remove(0);
    column
        .iter()
        .enumerate()
        .map(|(row, field)| {
            field.parse::<f64>().map_err(|_| {
                format!(
                    "{}:{}: {name} = {field:?} is not a number",
                    path.display(),
                    row + 2
                )
                .into()
            })
        })
        .collect()
}
