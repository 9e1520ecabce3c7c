//! Calibration of the streaming detectors at their default parameters: false alarms per
//! million updates on in-control noise, and detection delay after a shift, over seeded runs.
//! Run with `cargo run --release -p edgekit-examples --bin calibrate` (docs/drift.md keeps the
//! table it prints).
//!
//! Real-valued detectors see N(0, 1) noise, then a 1σ mean shift. Binary detectors see a 20 %
//! error rate, then 30 % (the share of 1s for FHDDM, which flags falls, goes 80 % → 70 %).

use edgekit::drift::{
    Adwin, Bocpd, Cusum, Ddm, DriftDetector, Eddm, Fhddm, HddmA, HddmW, Kswin, PageHinkley,
};

struct Noise(fastrand::Rng);

impl Noise {
    fn gaussian(&mut self) -> f64 {
        let (u, v) = (self.0.f64().max(1e-300), self.0.f64());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }

    fn bernoulli(&mut self, p: f64) -> f64 {
        f64::from(u8::from(self.0.f64() < p))
    }
}

type Make = fn(u64) -> Box<dyn DriftDetector>;

fn detectors() -> Vec<(&'static str, bool, Make, usize)> {
    vec![
        ("ADWIN", false, |_| Box::new(Adwin::default()), 1_000_000),
        (
            "PageHinkley",
            false,
            |_| Box::new(PageHinkley::default()),
            1_000_000,
        ),
        (
            "KSWIN",
            false,
            |s| Box::new(Kswin::new(0.005, 100, 30, s).unwrap()),
            1_000_000,
        ),
        ("CUSUM", false, |_| Box::new(Cusum::default()), 1_000_000),
        ("BOCPD", false, |_| Box::new(Bocpd::default()), 200_000),
        ("DDM", true, |_| Box::new(Ddm::default()), 1_000_000),
        ("EDDM", true, |_| Box::new(Eddm::default()), 1_000_000),
        ("HDDM_A", true, |_| Box::new(HddmA::default()), 1_000_000),
        ("HDDM_W", true, |_| Box::new(HddmW::default()), 1_000_000),
        ("FHDDM", true, |_| Box::new(Fhddm::default()), 1_000_000),
    ]
}

fn value(noise: &mut Noise, name: &str, binary: bool, shifted: bool) -> f64 {
    match (binary, name == "FHDDM") {
        (false, _) => noise.gaussian() + if shifted { 1.0 } else { 0.0 },
        (true, false) => noise.bernoulli(if shifted { 0.3 } else { 0.2 }),
        (true, true) => noise.bernoulli(if shifted { 0.7 } else { 0.8 }),
    }
}

fn main() {
    const RUNS: usize = 200;
    const BEFORE: usize = 2_000;
    const AFTER: usize = 5_000;
    println!(
        "| detector | stream | false alarms per 10⁶ updates | detected (of {RUNS}) | median delay | 90th pct delay |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: |");
    for (name, binary, make, updates) in detectors() {
        let mut noise = Noise(fastrand::Rng::with_seed(1));
        let mut detector = make(1);
        let mut alarms = 0usize;
        for _ in 0..updates {
            let x = value(&mut noise, name, binary, false);
            alarms += usize::from(detector.update(x).expect("valid input"));
        }
        let per_million = alarms as f64 * 1e6 / updates as f64;
        let mut delays = Vec::new();
        for run in 0..RUNS {
            let mut noise = Noise(fastrand::Rng::with_seed(1000 + run as u64));
            let mut detector = make(run as u64);
            for _ in 0..BEFORE {
                detector
                    .update(value(&mut noise, name, binary, false))
                    .expect("valid input");
            }
            for t in 0..AFTER {
                if detector
                    .update(value(&mut noise, name, binary, true))
                    .expect("valid input")
                {
                    delays.push(t + 1);
                    break;
                }
            }
        }
        delays.sort_unstable();
        let pct = |q: f64| {
            delays
                .get(((delays.len() as f64 - 1.0) * q).round() as usize)
                .map_or("—".to_string(), |d| d.to_string())
        };
        let stream = if !binary {
            "N(0,1) → +1σ"
        } else if name == "FHDDM" {
            "80 % → 70 % ones"
        } else {
            "20 % → 30 % errors"
        };
        println!(
            "| {name} | {stream} | {per_million:.0} | {} | {} | {} |",
            delays.len(),
            pct(0.5),
            pct(0.9)
        );
    }
}
