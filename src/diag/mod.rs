//! Findings as data ([`finding`]) and their presentation ([`render`]).

pub mod finding;
pub mod render;

pub use finding::{Applicability, Code, Edit, Finding, Fix, Label, Severity};
