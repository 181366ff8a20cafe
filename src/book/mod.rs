//! mdBook glue: the `[preprocessor.catalog]` table ([`config`]), directives in chapters
//! ([`directive`]), generated module pages ([`pages`]) and the preprocessor ([`preprocessor`]).

pub mod config;
pub mod directive;
pub mod pages;
pub mod preprocessor;

pub use preprocessor::CatalogPreprocessor;
