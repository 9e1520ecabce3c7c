//! Where Python calls enter Rust: a panic becomes `edgekit.InternalError` (one failed call, not
//! a `PanicException` that `except Exception` misses), and long work runs without the GIL on a
//! rayon pool that belongs to the current process.
//!
//! Why a pool per process: rayon's global pool does not survive `fork` (the child inherits the
//! pool's bookkeeping but none of its threads, so its first parallel call waits forever). The
//! importing process uses the global pool directly (no hand-off to another thread on each
//! call); a forked child installs a pool of its own process id instead, built on first use,
//! and keeps running in parallel. The parent's pool is never touched from the child.

use std::ptr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicPtr, Ordering};

use pyo3::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};

use crate::errors;

/// A result type a caught panic can turn into.
pub trait FromPanic {
    fn from_panic(function: &str, message: &str) -> Self;
}

impl<T> FromPanic for PyResult<T> {
    fn from_panic(function: &str, message: &str) -> Self {
        Err(errors::internal(function, message))
    }
}

/// The process that imported the extension: its rayon global pool is alive.
static ORIGIN: OnceLock<u32> = OnceLock::new();

/// Records the importing process; called once from the module's init.
pub fn remember_origin() {
    ORIGIN.get_or_init(std::process::id);
}

/// Runs `f` without the GIL (so other Python threads run meanwhile). In the process that
/// imported edgekit, `f` runs right here and parallel work uses rayon's global pool; in a
/// process forked from it, whose global pool has no threads, `f` runs on a pool of that
/// process's own, so parallel work never waits forever.
pub fn detach<T, F>(py: Python<'_>, f: F) -> T
where
    T: Send,
    F: FnOnce() -> T + Send,
{
    if ORIGIN.get() == Some(&std::process::id()) {
        py.detach(f)
    } else {
        py.detach(|| process_pool().install(f))
    }
}

struct ProcessPool {
    pid: u32,
    pool: ThreadPool,
}

static CURRENT: AtomicPtr<ProcessPool> = AtomicPtr::new(ptr::null_mut());

fn process_pool() -> &'static ThreadPool {
    let pid = std::process::id();
    loop {
        let current = CURRENT.load(Ordering::Acquire);
        // SAFETY: every pointer stored in CURRENT comes from Box::into_raw and is never freed.
        if let Some(entry) = unsafe { current.as_ref() }
            && entry.pid == pid
        {
            return &entry.pool;
        }
        let fresh = Box::into_raw(Box::new(ProcessPool {
            pid,
            pool: ThreadPoolBuilder::new()
                .thread_name(|i| format!("edgekit-{i}"))
                .build()
                .expect("the OS refused to start the edgekit worker threads"),
        }));
        match CURRENT.compare_exchange(current, fresh, Ordering::AcqRel, Ordering::Acquire) {
            // The replaced pool (if any) belongs to the parent process: leaked on purpose.
            // SAFETY: `fresh` was just stored and is never freed.
            Ok(_) => return unsafe { &(*fresh).pool },
            // Another thread installed a pool first; drop ours and use theirs.
            // SAFETY: `fresh` was never shared.
            Err(_) => drop(unsafe { Box::from_raw(fresh) }),
        }
    }
}

/// State shared between Python threads: FastAPI runs `def` endpoints in a thread pool, so one
/// detector, monitor or tracker is called from many threads at once. Calls are serialized on
/// this lock (taken after the GIL is released for long calls, so waiting never blocks other
/// Python threads) instead of failing with pyo3's "Already borrowed".
pub struct Shared<T>(std::sync::Mutex<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(std::sync::Mutex::new(value))
    }

    /// The state, even after a panic inside an earlier call (caught at the boundary and
    /// reported as `InternalError`): the state is left as that call left it.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, T> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
