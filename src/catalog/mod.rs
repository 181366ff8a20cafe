//! `catalog.toml`: the schema ([`model`]) and loading with positions ([`load`]).

pub mod load;
pub mod model;
pub mod schema;

pub use crate::lines::LineRange;
pub use load::{CatalogInvalid, LoadError, LoadedCatalog, load};
pub use model::Catalog;
