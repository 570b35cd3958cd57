//! The engine's integration tests, one binary: the library from outside as a user calls
//! it, hostile input, outputs and accuracy on the corpus. (The C library's tests are in
//! `bindings/c/tests`, the command's in `bindings/cli/tests`.)
//! (`tests/memory.rs` is a binary of its own: it counts every allocation.)

mod accuracy;
mod fixtures;
mod hostile;
mod metadata;
mod outputs;
mod properties;

#[path = "../support/mod.rs"]
mod support;
pub use support::{gzip, say_skipped};
