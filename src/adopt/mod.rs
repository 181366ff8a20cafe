//! Adoption: `init` scaffolds a catalog from an existing repository, `install` wires a book
//! to the preprocessor.

pub mod init;
pub mod install;
