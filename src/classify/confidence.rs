//! How sure a verdict is: a score from 0 to 1 from what was kept.

use super::{Label, Weights};
use crate::block::Block;

/// Weight, in the confidence, of the share of the kept text that is prose.
pub const CONFIDENCE_PROSE_WEIGHT: f32 = 0.4;
/// Weight, in the confidence, of the kept blocks' mean length (against
/// [`CONFIDENT_BLOCK_LEN`]): lists of short items (teasers, quotes, links) are doubtful.
pub const CONFIDENCE_BLOCK_WEIGHT: f32 = 0.3;
/// Weight, in the confidence, of the share of the page's text that was kept.
pub const CONFIDENCE_SHARE_WEIGHT: f32 = 0.3;
/// Mean kept block length (weighted characters) from which it no longer lowers the
/// confidence.
pub const CONFIDENT_BLOCK_LEN: f32 = 200.0;
/// Factor on the confidence when a fallback chose the text.
pub const CONFIDENCE_FALLBACK_FACTOR: f32 = 0.7;

/// How sure the verdict is, from 0 to 1. Measured on the corpus, the signs of a good
/// extraction are kept text that is mostly prose, in long blocks, and a fair share of
/// the page's text; a result shorter than [`Weights::min_article_len`] or from a fallback
/// is doubtful.
pub(crate) fn confidence(blocks: &[Block], labels: &[Label], fallback: bool, w: &Weights) -> f32 {
    let (mut total, mut kept, mut kept_prose, mut kept_blocks) = (0.0f32, 0.0f32, 0.0f32, 0u32);
    for (b, l) in blocks.iter().zip(labels) {
        if b.hints & crate::hints::PANEL != 0 && !w.reveal_panels {
            // hidden on this page: no part of it
            continue;
        }
        let len = b.stats.weighted_len();
        total += len;
        if l.is_content() {
            kept += len;
            kept_blocks += 1;
            if w.is_prose(b) {
                kept_prose += len;
            }
        }
    }
    if kept <= 0.0 {
        return 0.0;
    }
    let mean_block = kept / kept_blocks as f32;
    let mut c = CONFIDENCE_PROSE_WEIGHT * (kept_prose / kept)
        + CONFIDENCE_BLOCK_WEIGHT * (mean_block / CONFIDENT_BLOCK_LEN).min(1.0)
        + CONFIDENCE_SHARE_WEIGHT * (kept / total.max(1.0));
    c *= (kept / w.min_article_len).min(1.0).sqrt();
    if fallback {
        c *= CONFIDENCE_FALLBACK_FACTOR;
    }
    c.clamp(0.0, 1.0)
}
