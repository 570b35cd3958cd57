//! Bounds on the work one page may cause: input size, tree depth and node count.

/// Default largest input accepted, in bytes (64 MiB).
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 << 20;
/// Default deepest element the walker gives a place of its own in the tree; deeper elements
/// still give their text to the enclosing block. Browsers cap their tree depth at 512 too.
pub const DEFAULT_MAX_DEPTH: usize = 512;
/// Default most elements walked before extraction stops with an error.
pub const DEFAULT_MAX_NODES: usize = 2_000_000;

/// Bounds on the work one page may cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes; larger input is refused with
    /// [`crate::Error::InputTooLarge`].
    pub max_input_bytes: usize,
    /// Deepest element given a place of its own in the block tree; deeper content is
    /// flattened into its ancestor at this depth, so no text is lost.
    pub max_depth: usize,
    /// Most elements walked; more gives [`crate::Error::TooManyNodes`].
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_nodes: DEFAULT_MAX_NODES,
        }
    }
}
