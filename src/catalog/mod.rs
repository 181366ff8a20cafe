//! `catalog.toml`: the schema ([`model`]), loading with positions ([`load`]) and line ranges
//! ([`lines`]).

pub mod lines;
pub mod load;
pub mod model;
pub mod schema;

pub use lines::LineRange;
pub use load::{LoadError, LoadedCatalog, load};
pub use model::Catalog;
