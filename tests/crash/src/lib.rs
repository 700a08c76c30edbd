//! Crash safety for Duly's book, tested the hard way.
//!
//! `duly-crash-writer` writes to a book through the app's commands as fast
//! as it can and reports each commit; the tests kill it at random moments
//! and check the book: `tests/kill.rs` with SIGKILL on ordinary storage,
//! `tests/power_cut.rs` on [`power_cut`] storage, where the kill also throws
//! away every write SQLite had not synced, as a power cut would.

// The power-cut VFS is SQLite's C interface: raw pointers throughout.
pub mod invariants;
#[allow(unsafe_code)]
pub mod power_cut;
pub mod writer;
