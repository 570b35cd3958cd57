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
    /// Extraction took longer than the configured time budget.
    #[error("extraction took longer than its time budget of {budget:?}")]
    TimeBudgetExceeded {
        /// The budget.
        budget: std::time::Duration,
    },
    /// The page URL given in the options could not be parsed.
    #[error("invalid page URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// Why it was rejected.
        reason: String,
    },
    /// The input is not a web page: an executable, an image, compressed data that does not
    /// inflate, or bytes with control characters where a page has text.
    #[error("input is not a web page: {why}")]
    NotHtml {
        /// What it looks like instead.
        why: String,
    },
}

impl Error {
    /// The error's stable number, the same in every front end: the C library's
    /// `gleaner_status`, Python's `Error.status`, JavaScript's `GleanerError.code`.
    pub fn code(&self) -> u32 {
        match self {
            Error::InputTooLarge { .. } => 100,
            Error::TooManyNodes { .. } => 101,
            Error::InvalidUrl { .. } => 102,
            Error::TimeBudgetExceeded { .. } => 103,
            Error::NotHtml { .. } => 106,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_went_wrong() {
        let e = Error::InputTooLarge { size: 20, max: 10 };
        assert_eq!(
            e.to_string(),
            "input of 20 bytes exceeds the limit of 10 bytes"
        );
        assert_eq!(
            Error::TooManyNodes { max: 5 }.to_string(),
            "page has more than 5 elements"
        );
        let e = Error::TimeBudgetExceeded {
            budget: std::time::Duration::from_millis(1500),
        };
        assert_eq!(
            e.to_string(),
            "extraction took longer than its time budget of 1.5s"
        );
        let e = Error::InvalidUrl {
            url: "x".into(),
            reason: "relative URL without a base".into(),
        };
        assert!(e.to_string().contains("\"x\""));
        let e = Error::NotHtml {
            why: "an ELF executable".into(),
        };
        assert_eq!(e.to_string(), "input is not a web page: an ELF executable");
    }
}
