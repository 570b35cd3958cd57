//! The errors extraction can give.

/// What went wrong while extracting a page.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than the configured limit.
    #[error("input of {size} bytes exceeds the limit of {max} bytes")]
    InputTooLarge {
        /// The input's size in bytes.
        size: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// The page has more elements than the configured limit.
    #[error("page has more than {max} elements")]
    TooManyNodes {
        /// The limit.
        max: usize,
    },
    /// The page URL given in the options could not be parsed.
    #[error("invalid page URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// Why it was rejected.
        reason: String,
    },
}
