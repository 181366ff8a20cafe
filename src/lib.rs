//! mdbook-catalog: a Terraform module guide built from `catalog.toml`, and proven true.
//!
//! The data flows in one direction:
//! 1. [`catalog`] reads `catalog.toml` into a typed model, keeping positions for messages;
//! 2. [`terraform`] reads the example files' module blocks and the environments;
//! 3. [`check`] compares the two and returns [`diag::Finding`]s (never printing, never writing);
//! 4. [`render`] turns catalog and Terraform into markdown through tera templates;
//! 5. [`book`] is the mdBook glue: directives, generated pages, the preprocessor.
//!
//! [`project::Project`] holds one run's state; the binary in `main.rs` is the CLI.

pub mod adopt;
pub mod book;
pub mod catalog;
pub mod check;
pub mod containment;
pub mod diag;
pub mod fix;
pub mod lines;
pub mod project;
pub mod prose;
pub mod render;
pub mod source;
pub mod suggest;
pub mod terraform;
pub mod write;
