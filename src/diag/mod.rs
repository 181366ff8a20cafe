//! Findings as data ([`finding`]), grouped by cause for readers ([`group`]), and their
//! presentation ([`render`]).

pub mod finding;
pub mod group;
pub mod render;

pub use finding::{Applicability, Code, Edit, Finding, Fix, Label, Severity};
