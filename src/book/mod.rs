//! mdBook glue: the `[preprocessor.catalog]` table ([`config`]), generated module pages
//! ([`pages`]) and the preprocessor ([`preprocessor`]), which expands the directives
//! ([`crate::render::directive`]) of every chapter.

pub mod config;
pub mod pages;
pub mod preprocessor;

pub use preprocessor::CatalogPreprocessor;
