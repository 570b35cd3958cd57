//! Bounds on the work one page may cause: input size, tree depth, node count and time.

use std::time::Duration;

/// Default largest input accepted, in bytes (64 MiB).
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 << 20;
/// Default deepest element the walker gives a place of its own in the tree; deeper elements
/// still give their text to the enclosing block. Browsers cap their tree depth at 512 too.
pub const DEFAULT_MAX_DEPTH: usize = 512;
/// Default most elements walked before extraction stops with an error.
pub const DEFAULT_MAX_NODES: usize = 2_000_000;

/// Default time budget per page: far beyond any real page (the largest pages of the
/// corpora take well under a second), short enough that one pathological page cannot stall
/// a batch job.
pub const DEFAULT_TIME_BUDGET: Duration = Duration::from_secs(30);

/// Share of the time budget the parse may use; the walk and the scoring that follow take
/// about a third of the parse's time, so the whole stays within the budget.
pub const PARSE_SHARE_OF_BUDGET: f64 = 0.7;

/// Bounds on the work one page may cause. New limits may be added: start from
/// [`Limits::default`] and change what you need, by field or by the `with_` methods.
///
/// ```
/// let limits = gleaner::Limits::default()
///     .with_max_input_bytes(16 << 20)
///     .with_truncate(true);
/// let ex = gleaner::Extractor::new().limits(limits);
/// # let _ = ex;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest input accepted, in bytes; larger input is refused with
    /// [`crate::Error::InputTooLarge`].
    pub max_input_bytes: usize,
    /// Deepest element given a place of its own in the block tree; deeper content is
    /// flattened into its ancestor at this depth, so no text is lost.
    pub max_depth: usize,
    /// Most elements built; more gives [`crate::Error::TooManyNodes`]. Elements past the
    /// limit are never built, so memory stays bounded.
    pub max_nodes: usize,
    /// Most time one page may take, or `None` for no limit; more gives
    /// [`crate::Error::TimeBudgetExceeded`]. Checked every 64 KiB of the parse and
    /// between stages.
    pub time_budget: Option<Duration>,
    /// What to do when the input, the node count or the time goes past its limit: `false`
    /// (the default) fails with the limit's error; `true` returns what was extracted from
    /// the part of the page within the limit, marked by [`crate::Document::truncated`].
    pub truncate: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_nodes: DEFAULT_MAX_NODES,
            time_budget: Some(DEFAULT_TIME_BUDGET),
            truncate: false,
        }
    }
}

impl Limits {
    /// These limits with [`Limits::max_input_bytes`] set to `bytes`.
    #[must_use]
    pub fn with_max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// These limits with [`Limits::max_depth`] set to `depth`.
    #[must_use]
    pub fn with_max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// These limits with [`Limits::max_nodes`] set to `nodes`.
    #[must_use]
    pub fn with_max_nodes(mut self, nodes: usize) -> Self {
        self.max_nodes = nodes;
        self
    }

    /// These limits with [`Limits::time_budget`] set to `budget` (`None`: no limit).
    #[must_use]
    pub fn with_time_budget(mut self, budget: Option<Duration>) -> Self {
        self.time_budget = budget;
        self
    }

    /// These limits with [`Limits::truncate`] set to `truncate`.
    #[must_use]
    pub fn with_truncate(mut self, truncate: bool) -> Self {
        self.truncate = truncate;
        self
    }
}
