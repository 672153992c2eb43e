//! SDK for writing `claims` plugins.
//!
//! A plugin is a native library that the `claims` host loads at run time. This crate is the only
//! dependency a Rust plugin needs: implement [`Plugin`], then call [`export_plugin!`] once.
//!
//! ```
//! use claims_plugin::{CheckRequest, Finding, Manifest, Plugin, PluginKind};
//!
//! #[derive(Default)]
//! struct Shouting;
//!
//! impl Plugin for Shouting {
//!     fn manifest(&self) -> Manifest {
//!         Manifest {
//!             name: "shouting".into(),
//!             version: "0.1.0".into(),
//!             kinds: vec![PluginKind::Check],
//!             description: "Flags claims written in capitals".into(),
//!         }
//!     }
//!     fn check(&self, _request: &CheckRequest) -> Result<Vec<Finding>, String> {
//!         Ok(Vec::new())
//!     }
//! }
//!
//! claims_plugin::export_plugin!(Shouting);
//! ```
//!
//! The crate must be built with `crate-type = ["cdylib"]`.

pub mod abi;
pub mod calendar;
pub mod text;
pub mod types;
pub mod voices;

pub use types::*;

/// Re-exported so plugins do calendar arithmetic with the same library as the host.
pub use jiff;
/// Re-exported so plugins can read and write JSON without depending on anything but this SDK.
pub use serde_json;
/// Re-exported so plugins can diff texts (e.g. quote drift) without depending on anything but this SDK.
pub use similar;

/// What a plugin implements; the SDK turns it into the C ABI of [`abi`].
///
/// The host makes one call at a time, but from any thread, hence `Send + Sync`. An error is a
/// message for people; a panic is caught at the boundary and reported as an error too.
pub trait Plugin: Send + Sync + 'static {
    /// Who the plugin is and what it can do; read once, when the library is loaded.
    fn manifest(&self) -> Manifest;

    /// Reads a document into attributed claims; only called when the manifest says `parser`.
    fn parse(&self, request: &ParseRequest) -> Result<Vec<ParsedClaim>, String> {
        let _ = request;
        Err("not supported: this plugin is not a parser".to_string())
    }

    /// Looks at claims and reports findings; only called when the manifest says `check`.
    fn check(&self, request: &CheckRequest) -> Result<Vec<Finding>, String> {
        let _ = request;
        Err("not supported: this plugin is not a check".to_string())
    }
}

/// Exports a [`Plugin`] type as a loadable plugin by generating the `claims_plugin_entry` symbol.
///
/// `export_plugin!(MyType)` builds the plugin with `Default`; `export_plugin!(MyType, expr)`
/// builds it with `expr`. Use it once per library.
#[macro_export]
macro_rules! export_plugin {
    ($plugin:ty) => {
        $crate::export_plugin!($plugin, <$plugin as ::core::default::Default>::default());
    };
    ($plugin:ty, $make:expr) => {
        /// The entry symbol the `claims` host looks up; see `claims_plugin::abi`.
        #[unsafe(no_mangle)]
        pub extern "C" fn claims_plugin_entry() -> *const $crate::abi::PluginEntry {
            fn make() -> ::std::boxed::Box<dyn $crate::Plugin> {
                let plugin: $plugin = $make;
                ::std::boxed::Box::new(plugin)
            }
            $crate::abi::entry(make)
        }
    };
}
