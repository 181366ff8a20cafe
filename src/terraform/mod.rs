//! Reading Terraform: module blocks in example files, commented out or live ([`blocks`]),
//! where a `source` points ([`module_source`]), and which environments use a module
//! ([`environments`]).

pub mod blocks;
pub mod environments;
pub mod heredoc;
pub mod lex;
pub mod module;
pub mod module_source;
pub mod value;

pub use blocks::{BlockScan, ModuleBlock, scan_module_blocks};
