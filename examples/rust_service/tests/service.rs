//! The service bound to 127.0.0.1 and called over real TCP: answers equal to the crate's own
//! calls, each class of bad input a 422 with its code, and `/health` answering while heavy
//! requests are in flight.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use edgekit::lineup::{Site, Slate, Sport};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn start() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move { axum::serve(listener, edgekit_service::router()).await });
    address
}

/// One HTTP/1.1 request on its own connection: (status, JSON body).
async fn call(address: &str, method: &str, path: &str, body: &[u8]) -> (u16, Value) {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8(response).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

async fn post_json(address: &str, path: &str, body: &Value) -> (u16, Value) {
    call(address, "POST", path, body.to_string().as_bytes()).await
}

fn salary_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../data/lineup/dk_nfl_classic_2019wk1_seenahuang.csv")
}

/// Player rows as an app's database holds them, from the bundled DraftKings salary file.
fn players() -> Value {
    let slate = Slate::from_csv_path(salary_file(), Site::DraftKings, Sport::Nfl, None).unwrap();
    Value::Array(
        slate
            .players
            .iter()
            .map(|p| {
                json!({"id": p.id, "name": p.name, "positions": p.positions, "team": p.team,
                       "opponent": p.opponent, "game": p.game, "salary": p.salary,
                       "projection": p.projection})
            })
            .collect(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lineups_from_player_rows_equal_the_crates_answer() {
    let address = start().await;
    let (status, body) =
        post_json(&address, "/lineups", &json!({"players": players(), "n": 3})).await;
    assert_eq!(status, 200, "{body}");
    let slate = Slate::from_csv_path(salary_file(), Site::DraftKings, Sport::Nfl, None).unwrap();
    let direct = edgekit::lineup::optimize(&slate, 3, &Default::default(), None).unwrap();
    let served: Vec<f64> = body["lineups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["projection"].as_f64().unwrap())
        .collect();
    let expected: Vec<f64> = direct.iter().map(|l| l.projection).collect();
    assert_eq!(served, expected);
    let csv = body["upload_csv"].as_str().unwrap();
    assert_eq!(csv, edgekit::lineup::upload_csv(&slate, &direct));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ks_on_a_raw_float64_body_and_proportions() {
    let address = start().await;
    let values: Vec<f64> = (0..4000)
        .map(|i| (f64::from(i) * 1.7).sin() * 5.0 + if i >= 2000 { 1.0 } else { 0.0 })
        .collect();
    let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    let (status, body) = call(&address, "POST", "/drift/ks?split=2000", &bytes).await;
    assert_eq!(status, 200, "{body}");
    let direct =
        edgekit::drift::ks_2samp(&values[..2000], &values[2000..], &Default::default()).unwrap();
    assert_eq!(body["statistic"].as_f64().unwrap(), direct.statistic);
    assert_eq!(body["pvalue"].as_f64(), direct.pvalue);

    let (status, body) = post_json(
        &address,
        "/abtest/proportions",
        &json!({"conversions": [120, 150], "users": [1000, 1000], "alternative": "larger"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["test"]["ci"][1].is_null(),
        "the open end is JSON null: {body}"
    );
    assert!(body["srm"]["pvalue"].as_f64().unwrap() > 0.99);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_a_422_with_its_code() {
    let address = start().await;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "/lineups",
            br#"{"players": [{"id": 1}]}"#.to_vec(),
            "EDGEKIT_INVALID_TYPE",
        ),
        (
            "/lineups",
            br#"{"players": [], "site": "betfair"}"#.to_vec(),
            "EDGEKIT_INVALID_INPUT",
        ),
        ("/lineups", b"not json".to_vec(), "EDGEKIT_INVALID_TYPE"),
        (
            "/abtest/proportions",
            br#"{"conversions": [120, 1500], "users": [1000, 1000]}"#.to_vec(),
            "EDGEKIT_INVALID_INPUT",
        ),
        (
            "/abtest/proportions",
            br#"{"conversions": [1, 2], "users": [10, 10], "alternative": "up"}"#.to_vec(),
            "EDGEKIT_INVALID_INPUT",
        ),
        ("/drift/ks?split=1", vec![0; 12], "EDGEKIT_INVALID_INPUT"),
        ("/drift/ks?split=2", vec![0; 16], "EDGEKIT_INVALID_INPUT"),
    ];
    for (path, body, code) in cases {
        let (status, answer) = call(&address, "POST", path, &body).await;
        assert_eq!(status, 422, "{path}: {answer}");
        assert_eq!(answer["code"], code, "{path}: {answer}");
        assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    assert_eq!(call(&address, "GET", "/health", b"").await.0, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_answers_while_heavy_requests_are_in_flight() {
    let address = start().await;
    let request = json!({"players": players(), "n": 150});
    let heavy: Vec<_> = (0..6)
        .map(|_| {
            let (address, request) = (address.clone(), request.clone());
            tokio::spawn(async move {
                let answer = post_json(&address, "/lineups", &request).await;
                (answer.0, Instant::now())
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(20)).await;
    let asked = Instant::now();
    let (status, _) = call(&address, "GET", "/health", b"").await;
    let answered = Instant::now();
    assert_eq!(status, 200);
    let mut last = asked;
    for task in heavy {
        let (status, finished) = task.await.unwrap();
        assert_eq!(status, 200);
        last = last.max(finished);
    }
    assert!(
        answered < last,
        "/health waited for the heavy requests ({:?})",
        answered - asked
    );
    eprintln!(
        "/health latency with 6 lineup requests in flight: {:?} (the last finished {:?} later)",
        answered - asked,
        last - answered
    );
}
