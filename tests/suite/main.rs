//! The integration tests, one binary: the library from outside as a user calls it, the
//! command, the C ABI and its header, hostile input, outputs and accuracy on the corpus.
//! (`tests/memory.rs` is a binary of its own: it counts every allocation.)

mod accuracy;
mod c_api;
mod cli;
mod explain_report;
mod fixtures;
mod header;
mod hostile;
mod metadata;
mod outputs;
mod properties;
mod warc;
