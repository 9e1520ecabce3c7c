//! `edgekit-service`: serves [`edgekit_service::router`] on `$EDGEKIT_ADDR` (default
//! `127.0.0.1:8000`) until Ctrl-C.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::var("EDGEKIT_ADDR").unwrap_or_else(|_| "127.0.0.1:8000".into());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    eprintln!("edgekit-service on http://{}", listener.local_addr()?);
    axum::serve(listener, edgekit_service::router())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
