//! One async task for every Promise-returning function: `run` executes on the libuv thread pool
//! (a panic there becomes `EDGEKIT_INTERNAL`), `finish` converts its value on the JS thread, and
//! an error rejects the Promise with its `EDGEKIT_*` code, built on the JS thread so the code
//! survives. Each `*Async` function is then one call: `work(name, move || core(...), convert)`.

use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};

use napi::bindgen_prelude::*;

use crate::errors::{Code, internal, into_rejection, to_js};

type Job<T> = Box<dyn FnOnce() -> std::result::Result<T, edgekit::Error> + Send>;

/// The task behind every async function (see the module doc).
pub struct Work<T, J> {
    name: &'static str,
    run: Option<Job<T>>,
    finish: fn(T) -> std::result::Result<J, Error<Code>>,
    output: PhantomData<fn() -> J>,
}

/// What `compute` hands to the JS thread.
pub enum Outcome<T> {
    Done(T),
    Failed(edgekit::Error),
    Panicked(String),
}

/// An `AsyncTask` (a Promise in JS) running `run` off the event loop.
pub fn work<T, E, J>(
    name: &'static str,
    run: impl FnOnce() -> std::result::Result<T, E> + Send + 'static,
    finish: fn(T) -> std::result::Result<J, Error<Code>>,
) -> AsyncTask<Work<T, J>>
where
    T: Send + 'static,
    E: Into<edgekit::Error>,
    J: ToNapiValue + TypeName,
{
    AsyncTask::new(Work {
        name,
        run: Some(Box::new(move || run().map_err(Into::into))),
        finish,
        output: PhantomData,
    })
}

impl<T, J> Task for Work<T, J>
where
    T: Send + 'static,
    J: ToNapiValue + TypeName,
{
    type Output = Outcome<T>;
    type JsValue = J;

    fn compute(&mut self) -> napi::Result<Outcome<T>> {
        let Some(run) = self.run.take() else {
            return Ok(Outcome::Panicked("the task ran twice".to_owned()));
        };
        Ok(match catch_unwind(AssertUnwindSafe(run)) {
            Ok(Ok(value)) => Outcome::Done(value),
            Ok(Err(error)) => Outcome::Failed(error),
            Err(payload) => Outcome::Panicked(
                payload
                    .downcast_ref::<&str>()
                    .map(|text| (*text).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic without a message".to_owned()),
            ),
        })
    }

    fn resolve(&mut self, env: Env, output: Outcome<T>) -> napi::Result<J> {
        let coded = match output {
            Outcome::Done(value) => {
                let finish = self.finish;
                match catch_unwind(AssertUnwindSafe(|| finish(value))) {
                    Ok(result) => result,
                    Err(_) => Err(internal(self.name, "converting the result panicked")),
                }
            }
            Outcome::Failed(error) => Err(to_js(error)),
            Outcome::Panicked(message) => Err(internal(self.name, &message)),
        };
        coded.map_err(|error| into_rejection(&env, error))
    }
}

/// `finish` for results that convert by `From`.
pub fn convert<T, J: From<T>>(value: T) -> std::result::Result<J, Error<Code>> {
    Ok(J::from(value))
}

/// The Promise an async function returns: `T` computed off the JS thread, converted to `J`.
pub type Async<T, J> = AsyncTask<Work<T, J>>;
