//! The command's one worker pool: items read in order on the calling thread, worked on by
//! every core, and their results handed on in the items' order, with a bounded number in
//! flight so that memory does not grow with the input.

use std::collections::BTreeMap;
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// Items in flight ahead of the next result to hand on, per worker: bounds the memory held
/// while a slow item is worked on and the others go on.
const WINDOW_PER_JOB: usize = 16;

/// Runs `work` on every item of `items` on `jobs` threads and gives each result to `emit`,
/// with the item's index, in the order of the items. `items` is read on the calling thread
/// (it may do input); `emit` runs under a lock, one result at a time.
pub fn ordered<T, R>(
    items: impl Iterator<Item = T>,
    jobs: usize,
    work: impl Fn(T) -> R + Sync,
    emit: impl FnMut(usize, R) + Send,
) where
    T: Send,
    R: Send,
{
    let jobs = jobs.max(1);
    let window = jobs * WINDOW_PER_JOB;
    // results waiting for their turn, and the index of the next one to hand on
    let ready: Mutex<(usize, BTreeMap<usize, R>)> = Mutex::new((0, BTreeMap::new()));
    let room = Condvar::new();
    let emit = Mutex::new(emit);
    let deliver = |i: usize, result: R| {
        let mut r = ready.lock().unwrap_or_else(|p| p.into_inner());
        r.1.insert(i, result);
        let mut emit = emit.lock().unwrap_or_else(|p| p.into_inner());
        while let Some(result) = {
            let k = r.0;
            r.1.remove(&k)
        } {
            emit(r.0, result);
            r.0 += 1;
        }
        drop(emit);
        drop(r);
        room.notify_all();
    };
    let (tx, rx) = sync_channel::<(usize, T)>(jobs * 2);
    let rx = Mutex::new(rx);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let next = rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                let Ok((i, item)) = next else { break };
                deliver(i, work(item));
            });
        }
        for (i, item) in items.enumerate() {
            // wait while too many items are ahead of the next one to hand on
            let mut r = ready.lock().unwrap_or_else(|p| p.into_inner());
            while i >= r.0 + window {
                r = room
                    .wait_timeout(r, Duration::from_millis(100))
                    .unwrap_or_else(|p| p.into_inner())
                    .0;
            }
            drop(r);
            if tx.send((i, item)).is_err() {
                break;
            }
        }
        drop(tx);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_items() {
        let mut got = Vec::new();
        // later items finish first: the order must still be the items'
        ordered(
            0..200u64,
            4,
            |i| {
                std::thread::sleep(Duration::from_micros((200 - i) * 10));
                i * 2
            },
            |k, r| got.push((k, r)),
        );
        let want: Vec<(usize, u64)> = (0..200).map(|i| (i as usize, i * 2)).collect();
        assert_eq!(got, want);
    }
}
