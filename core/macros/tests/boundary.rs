//! The expansion of `#[boundary]`: a panic inside a `Result`-returning function or method comes
//! back as the crate's error value naming the function; other functions are untouched.

use edgekit_macros::boundary;

/// Stands in for a binding crate's `boundary` module: the macro calls
/// `crate::boundary::FromPanic::from_panic(function, message)`.
mod boundary {
    pub trait FromPanic {
        fn from_panic(function: &str, message: &str) -> Self;
    }

    impl<T> FromPanic for Result<T, String> {
        fn from_panic(function: &str, message: &str) -> Self {
            Err(format!("internal error in {function}: {message}"))
        }
    }
}

#[boundary]
fn divide(a: u32, b: u32) -> Result<u32, String> {
    if b == 7 {
        return Err("seven".to_owned());
    }
    Ok(a.checked_div(b).expect("division by zero"))
}

#[boundary]
fn formatted(depth: usize) -> Result<usize, String> {
    let values = [1, 2, 3];
    Ok(values[depth])
}

struct Counter(u32);

#[boundary]
impl Counter {
    fn bump(&mut self, by: u32) -> Result<u32, String> {
        self.0 = self.0.checked_add(by).ok_or("overflow")?;
        if by == 13 {
            panic!("unlucky {by}");
        }
        Ok(self.0)
    }

    fn plain(&self) -> u32 {
        self.0
    }
}

#[test]
fn a_panic_becomes_the_error_value_naming_the_function() {
    assert_eq!(divide(8, 2), Ok(4));
    assert_eq!(divide(8, 7), Err("seven".to_owned()));
    assert_eq!(
        divide(8, 0),
        Err("internal error in divide: division by zero".to_owned())
    );
    let out_of_bounds = formatted(5).unwrap_err();
    assert!(out_of_bounds.starts_with("internal error in formatted: index out of bounds"));
}

#[test]
fn methods_are_guarded_and_keep_their_state_and_early_returns() {
    let mut counter = Counter(1);
    assert_eq!(counter.bump(2), Ok(3));
    assert_eq!(counter.bump(u32::MAX), Err("overflow".to_owned()));
    assert_eq!(
        counter.bump(13),
        Err("internal error in Counter.bump: unlucky 13".to_owned())
    );
    assert_eq!(counter.plain(), 16);
}
