//! Reading Terraform: every block and attribute of a file, commented out or live, and the
//! `module` blocks with their arguments ([`blocks`]), where a `source` points
//! ([`module_source`]), which environments use a module ([`environments`]), and a module's
//! interface ([`module`]). Every `.tf` text reaches hcl-edit through [`parse::body`].

pub mod blocks;
pub mod environments;
pub mod lex;
pub mod mask;
pub mod module;
pub mod module_source;
pub mod parse;
pub mod value;

pub use blocks::{BlockScan, ModuleBlock, scan_module_blocks};
