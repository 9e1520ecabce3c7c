//! `edgekit.abtest`: experiment statistics, one submodule per family of tests.

use pyo3::prelude::*;

mod batch;
mod decisions;
pub(crate) mod means;
mod models;
mod proportions;
mod sequential;

pub fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let module = PyModule::new(parent.py(), "abtest")?;
    module.add_function(wrap_pyfunction!(decisions::bayes_binomial, &module)?)?;
    module.add_function(wrap_pyfunction!(means::permutation_test, &module)?)?;
    module.add_function(wrap_pyfunction!(proportions::risk_ratio, &module)?)?;
    module.add_function(wrap_pyfunction!(proportions::odds_ratio, &module)?)?;
    module.add_function(wrap_pyfunction!(means::brunner_munzel, &module)?)?;
    module.add_function(wrap_pyfunction!(means::cuped, &module)?)?;
    module.add_function(wrap_pyfunction!(means::bootstrap, &module)?)?;
    module.add_function(wrap_pyfunction!(models::diebold_mariano, &module)?)?;
    module.add_function(wrap_pyfunction!(models::delong, &module)?)?;
    module.add_function(wrap_pyfunction!(models::mcnemar, &module)?)?;
    module.add_function(wrap_pyfunction!(models::mcnemar_counts, &module)?)?;
    module.add_function(wrap_pyfunction!(means::ratio_metric, &module)?)?;
    module.add_function(wrap_pyfunction!(decisions::sequential, &module)?)?;
    module.add_function(wrap_pyfunction!(
        decisions::sequential_conversions,
        &module
    )?)?;
    module.add_function(wrap_pyfunction!(decisions::bayes_gaussian, &module)?)?;
    module.add_function(wrap_pyfunction!(decisions::bayes_conversions, &module)?)?;
    module.add_function(wrap_pyfunction!(means::mann_whitney, &module)?)?;
    module.add_function(wrap_pyfunction!(proportions::two_proportions, &module)?)?;
    module.add_function(wrap_pyfunction!(
        proportions::two_proportions_batch,
        &module
    )?)?;
    module.add_function(wrap_pyfunction!(proportions::proportion_ci, &module)?)?;
    module.add_function(wrap_pyfunction!(means::welch, &module)?)?;
    module.add_function(wrap_pyfunction!(means::t_test_from_sums, &module)?)?;
    module.add_function(wrap_pyfunction!(means::t_test_from_summary, &module)?)?;
    module.add_function(wrap_pyfunction!(means::_group_moments, &module)?)?;
    module.add_function(wrap_pyfunction!(means::_merge_moments, &module)?)?;
    module.add_function(wrap_pyfunction!(means::_moments_summary, &module)?)?;
    module.add_function(wrap_pyfunction!(means::_moments_paired, &module)?)?;
    module.add_function(wrap_pyfunction!(means::cuped_from_summary, &module)?)?;
    module.add_function(wrap_pyfunction!(means::ratio_metric_from_summary, &module)?)?;
    module.add_function(wrap_pyfunction!(decisions::srm, &module)?)?;
    module.add_function(wrap_pyfunction!(decisions::adjust_pvalues, &module)?)?;
    module.add_function(wrap_pyfunction!(decisions::power, &module)?)?;
    module.add_function(wrap_pyfunction!(decisions::sample_size, &module)?)?;
    module.add_function(wrap_pyfunction!(
        decisions::minimum_detectable_effect,
        &module
    )?)?;
    module.add_function(wrap_pyfunction!(
        decisions::proportion_effect_size,
        &module
    )?)?;
    module.add_function(wrap_pyfunction!(sequential::group_sequential, &module)?)?;
    module.add_function(wrap_pyfunction!(sequential::msprt, &module)?)?;
    module.add_function(wrap_pyfunction!(models::paired_bootstrap, &module)?)?;
    module.add_function(wrap_pyfunction!(means::cuped_ratio, &module)?)?;
    module.add_function(wrap_pyfunction!(batch::t_test_batch, &module)?)?;
    module.add_function(wrap_pyfunction!(decisions::adjusted_confidence, &module)?)?;
    parent.add_submodule(&module)?;
    Ok(())
}
