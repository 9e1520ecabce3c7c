//! `#[boundary]`: wraps the body of every function that returns a `Result` in `catch_unwind`
//! and turns a panic into the binding crate's error value through its
//! `crate::boundary::FromPanic` trait, so a Rust panic becomes an internal error (a Python
//! `edgekit.InternalError`, a JS error with code `EDGEKIT_INTERNAL`) instead of aborting Node or
//! raising pyo3's `PanicException` (a `BaseException` a web framework does not catch).
//!
//! Put it outside the binding attribute so it runs first:
//! `#[boundary] #[pyfunction] fn f(..) -> PyResult<T>`, `#[boundary] #[pymethods] impl T {..}`,
//! `#[boundary] #[napi] impl T {..}`. Functions whose return type is not a `Result`
//! are left as they are (they convert nothing and cannot fail).

use proc_macro::TokenStream;
use quote::quote;
use syn::{Block, ImplItem, Item, ReturnType, Signature, Type, parse_macro_input};

#[proc_macro_attribute]
pub fn boundary(_args: TokenStream, input: TokenStream) -> TokenStream {
    let mut item = parse_macro_input!(input as Item);
    match &mut item {
        Item::Fn(function) => wrap(&function.sig, &mut function.block, None),
        Item::Impl(block) => {
            let owner = type_name(&block.self_ty);
            for member in &mut block.items {
                if let ImplItem::Fn(method) = member {
                    wrap(&method.sig, &mut method.block, owner.as_deref());
                }
            }
        }
        Item::Macro(_) => {}
        other => {
            return syn::Error::new_spanned(other, "#[boundary] goes on a fn or an impl block")
                .to_compile_error()
                .into();
        }
    }
    quote!(#item).into()
}

fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn returns_result(sig: &Signature) -> bool {
    let ReturnType::Type(_, ty) = &sig.output else {
        return false;
    };
    type_name(ty).is_some_and(|name| name.ends_with("Result"))
}

fn wrap(sig: &Signature, block: &mut Block, owner: Option<&str>) {
    if !returns_result(sig) || sig.asyncness.is_some() {
        return;
    }
    let name = match owner {
        Some(owner) => format!("{owner}.{}", sig.ident),
        None => sig.ident.to_string(),
    };
    let body = &*block;
    *block = syn::parse_quote!({
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| #body)) {
            ::std::result::Result::Ok(result) => result,
            ::std::result::Result::Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|text| (*text).to_owned())
                    .or_else(|| payload.downcast_ref::<::std::string::String>().cloned())
                    .unwrap_or_else(|| "a panic without a message".to_owned());
                crate::boundary::FromPanic::from_panic(#name, &message)
            }
        }
    });
}
