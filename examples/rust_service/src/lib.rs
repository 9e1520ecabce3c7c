//! A Rust HTTP service on the edgekit crate (axum + tokio), the Rust twin of
//! `examples/fastapi_service`:
//!
//! - `GET  /health`
//! - `POST /lineups` — `{players, site?, sport?, contest?, n?, rules?, seed?, method?}`: player
//!   rows as the app's database holds them → `{lineups, upload_csv}`
//! - `POST /drift/ks?split=n` — a raw little-endian float64 body, reference then current → the
//!   KS test (no JSON to parse)
//! - `POST /abtest/proportions` — `{conversions: [a, b], users: [a, b], ...options}` → the test
//!
//! What a service on the crate has to get right, shown here: request bodies read through
//! [`edgekit::contract`] (the same field names, defaults and messages as the Python and Node
//! faces); every [`edgekit::Error`] is a 422 carrying its stable code; CPU-heavy calls run on
//! tokio's blocking pool, so the async workers keep answering.

use axum::Router;
use axum::body::Bytes;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use edgekit::lineup::{self, OptimizeRequest, PlayerRecord, Slate, SlateOptions};
use edgekit::{Error, ErrorCode, abtest, contract, drift};
use serde::Deserialize;
use serde_json::{Value, json};

/// The service's routes.
pub fn router() -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/lineups", post(lineups))
        .route("/drift/ks", post(drift_ks))
        .route("/abtest/proportions", post(proportions))
}

/// An edgekit error as the response the other faces' examples give: 422 with `code` and
/// `message` (and the conflicting `rules` of an infeasible lineup problem).
pub struct ApiError(Error);

impl<E: Into<Error>> From<E> for ApiError {
    fn from(error: E) -> Self {
        ApiError(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self.0.code();
        let status = if code == ErrorCode::Internal {
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let mut body = json!({"code": code.as_str(), "message": self.0.to_string()});
        if !self.0.rules().is_empty() {
            body["rules"] = json!(self.0.rules());
        }
        (status, axum::Json(body)).into_response()
    }
}

type Reply = Result<axum::Json<Value>, ApiError>;

async fn health() -> axum::Json<Value> {
    axum::Json(json!({"status": "ok", "edgekit": env!("CARGO_PKG_VERSION")}))
}

/// The body as a JSON object; anything else is the client's type error.
fn object(function: &str, body: &[u8]) -> Result<serde_json::Map<String, Value>, ApiError> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(fields)) => Ok(fields),
        _ => Err(refused(
            ErrorCode::InvalidType,
            function,
            "the body must be a JSON object".into(),
        )),
    }
}

/// An error of this service's own checks, in the crate's error type (so it carries a code).
fn refused(code: ErrorCode, function: &str, detail: String) -> ApiError {
    ApiError(Error::Options(contract::OptionsError {
        function: function.to_owned(),
        detail,
        code,
    }))
}

/// Takes the named fields out of `fields` into one object (for an options struct).
fn pick(fields: &mut serde_json::Map<String, Value>, names: &[&str]) -> Value {
    Value::Object(
        names
            .iter()
            .filter_map(|&name| fields.remove(name).map(|v| (name.to_owned(), v)))
            .collect(),
    )
}

/// Runs CPU-bound work on the blocking pool: an async worker never waits on it.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|join| {
            refused(
                ErrorCode::Internal,
                "service",
                format!("the computation failed: {join}"),
            )
        })?
        .map_err(ApiError)
}

async fn lineups(body: Bytes) -> Reply {
    let mut fields = object("lineups", &body)?;
    let players: Vec<PlayerRecord> = contract::argument(
        "lineups",
        "players",
        fields.remove("players").unwrap_or(Value::Null),
    )?;
    let slate_options: SlateOptions =
        contract::options("lineups", pick(&mut fields, &["site", "sport", "contest"]))?;
    let request: OptimizeRequest = contract::options("lineups", Value::Object(fields))?;
    let (slate, found) = blocking(move || {
        let slate = Slate::from_records(
            players,
            slate_options.site,
            slate_options.sport,
            slate_options.contest,
        )?;
        let found = lineup::Optimizer::new(&slate, request.rules)?
            .method(request.method)
            .optimize(request.n, request.seed)?;
        Ok((slate, found))
    })
    .await?;
    let upload_csv = lineup::upload_csv(&slate, &found);
    Ok(axum::Json(
        json!({"lineups": found, "upload_csv": upload_csv}),
    ))
}

#[derive(Deserialize)]
struct Split {
    split: usize,
}

async fn drift_ks(Query(Split { split }): Query<Split>, body: Bytes) -> Reply {
    if !body.len().is_multiple_of(8) {
        return Err(refused(
            ErrorCode::InvalidInput,
            "drift.ks_2samp",
            format!(
                "the body holds {} bytes, not whole float64 values (8 bytes each)",
                body.len()
            ),
        ));
    }
    let count = body.len() / 8;
    if split == 0 || split >= count {
        return Err(refused(
            ErrorCode::InvalidInput,
            "drift.ks_2samp",
            format!("split must be inside the body's {count} values"),
        ));
    }
    let result = blocking(move || {
        let values: Vec<f64> = body
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes(c.try_into().expect("chunks of 8")))
            .collect();
        let (reference, current) = values.split_at(split);
        Ok(drift::ks_2samp(reference, current, &Default::default())?)
    })
    .await?;
    Ok(axum::Json(json!(result)))
}

async fn proportions(body: Bytes) -> Reply {
    let mut fields = object("abtest.two_proportions", &body)?;
    let conversions: [i64; 2] = contract::argument(
        "abtest.two_proportions",
        "conversions",
        fields.remove("conversions").unwrap_or(Value::Null),
    )?;
    let users: [i64; 2] = contract::argument(
        "abtest.two_proportions",
        "users",
        fields.remove("users").unwrap_or(Value::Null),
    )?;
    let options: abtest::TwoProportionsOptions =
        contract::options("abtest.two_proportions", Value::Object(fields))?;
    let test =
        abtest::two_proportions(conversions[0], users[0], conversions[1], users[1], &options)?;
    let srm = abtest::srm(&users, None)?;
    Ok(axum::Json(json!({"test": test, "srm": srm})))
}
