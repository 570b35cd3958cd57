//! The clock the time budget reads: the system's monotonic clock, or on
//! `wasm32-unknown-unknown`, which has none, the clock its host registers.

#[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
pub(crate) use std::time::Instant;

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
pub use host::set_clock;
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
pub(crate) use host::Instant;

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
mod host {
    use std::sync::OnceLock;
    use std::time::Duration;

    static CLOCK: OnceLock<fn() -> f64> = OnceLock::new();

    /// Registers the host's monotonic clock, in milliseconds (JavaScript's
    /// `performance.now()`), for the time budget. `std::time::Instant` panics on this
    /// target; until a clock is registered, time stands still and no time budget is
    /// enforced. The first clock registered stays.
    pub fn set_clock(now_ms: fn() -> f64) {
        let _ = CLOCK.set(now_ms);
    }

    /// A moment of the host's clock, as the time since its origin.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub(crate) struct Instant(Duration);

    impl Instant {
        pub(crate) fn now() -> Self {
            let ms = CLOCK.get().map_or(0.0, |now| now());
            Instant(Duration::try_from_secs_f64(ms / 1000.0).unwrap_or(Duration::ZERO))
        }

        pub(crate) fn checked_add(self, d: Duration) -> Option<Self> {
            self.0.checked_add(d).map(Instant)
        }
    }
}
