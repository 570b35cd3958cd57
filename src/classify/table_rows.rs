//! The rows of a kept table stay together: a head row goes with the row after it, a row
//! between two kept rows of its table is kept, as are the rows the article's edge cut
//! off after a kept one, and the parts of a row of data go with the row.

use std::ops::Range;

use super::Label;
use crate::block::{Block, BlockKind, Elem, IN_TABLE};
use crate::grid::{cell_of, cells, data_row_cells, table_of};
use crate::hints;
use crate::tag::Tag;

/// One row of data among the blocks: a row the walk joined, or the run of blocks that
/// are parts of the cells of one row.
struct Row {
    /// Its blocks.
    blocks: Range<usize>,
    /// Its table element.
    table: u32,
    /// Its row element.
    tr: u32,
}

/// Labels [`Label::Content`] the table rows dropped for their own text alone (short,
/// mostly links, at the article's edge) that the kept rows of their table hold with
/// them:
/// - a head row (every cell a `<th>`) whose next row is kept, and the rows between two
///   kept rows of their table, however many: a column's names read as navigation on
///   their own, a run of rows whose every cell is a link as a list of links, yet the
///   table loses its meaning without them;
/// - a row cut off as the article's short edge (with its links) after a kept row of
///   its table;
/// - the parts of a row of data one of whose parts is kept (a cell of links, a name that
///   links to its page, a button's label beside the row's values);
/// - in such a row, the hidden text that is all its cell holds (an icon's words for
///   screen readers).
///
/// Blocks dropped for their names (an ad, a widget; a header's name is the table's own)
/// or as a stock phrase stay dropped.
pub(super) fn keep_table_rows(elems: &[Elem], blocks: &[Block], labels: &mut [Label]) {
    let rows = rows(elems, blocks);
    let kept = |labels: &[Label], r: &Row| labels[r.blocks.clone()].iter().any(|l| l.is_content());
    // whether a later row of the same table is kept, before any row is relabelled
    let mut kept_later = vec![false; rows.len()];
    for k in (0..rows.len().saturating_sub(1)).rev() {
        let n = &rows[k + 1];
        kept_later[k] = n.table == rows[k].table && (kept(labels, n) || kept_later[k + 1]);
    }
    for k in 0..rows.len() {
        let r = &rows[k];
        let before = k
            .checked_sub(1)
            .and_then(|p| rows.get(p))
            .filter(|p| p.table == r.table);
        let after = rows.get(k + 1).filter(|n| n.table == r.table);
        let kept_before = before.is_some_and(|p| kept(labels, p));
        let kept_after = after.is_some_and(|n| kept(labels, n));
        let own = &mut labels[r.blocks.clone()];
        let keep_all = own.iter().any(|l| l.is_content())
            || (kept_after && is_head_row(elems, r.tr))
            || (kept_before && kept_later[k])
            || (kept_before
                && own
                    .iter()
                    .all(|l| matches!(l, Label::ShortEdge | Label::LinkList | Label::Content))
                && own.contains(&Label::ShortEdge));
        if keep_all {
            for (i, l) in r.blocks.clone().zip(own.iter_mut()) {
                if droppable(*l)
                    || (*l == Label::Hinted(hints::HIDDEN) && alone_in_cell(elems, blocks, i))
                {
                    *l = Label::Content;
                }
            }
        }
    }
}

/// Whether block `i` is the only block of its cell: a cell whose one text is hidden
/// says with it what an icon shows ("Yes" for screen readers beside a check mark).
fn alone_in_cell(elems: &[Elem], blocks: &[Block], i: usize) -> bool {
    cell_of(elems, blocks[i].elem).is_some_and(|(cell, _)| {
        let (a, z) = elems[cell as usize].blocks;
        z == a + 1
    })
}

/// Whether a block labelled `l` was dropped for its own text alone, or as a header or
/// byline: inside a table, "header" names the table's head, not the page's, and a name
/// ("author", "product-name") is the row's data.
fn droppable(l: Label) -> bool {
    match l {
        Label::OutsideArticle | Label::ShortEdge | Label::LinkList => true,
        Label::Hinted(h) => h & !(hints::HEADER | hints::BYLINE) == 0,
        _ => false,
    }
}

/// The rows of data among the blocks, in order: the rows the walk joined, and the runs
/// of parts of one row's cells when that row is a row of data ([`data_row_cells`]).
fn rows(elems: &[Elem], blocks: &[Block]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        if b.kind == BlockKind::TableRow {
            if let Some(table) = table_of(elems, b.elem) {
                rows.push(Row {
                    blocks: i..i + 1,
                    table,
                    tr: b.elem,
                });
            }
            i += 1;
            continue;
        }
        let Some(tr) = part_of_row(elems, b) else {
            i += 1;
            continue;
        };
        let end = (i..blocks.len())
            .find(|&j| part_of_row(elems, &blocks[j]) != Some(tr))
            .unwrap_or(blocks.len());
        if let (Some(table), Some(_)) = (table_of(elems, tr), data_row_cells(elems, blocks, tr)) {
            rows.push(Row {
                blocks: i..end,
                table,
                tr,
            });
        }
        i = end;
    }
    rows
}

/// The row whose cell holds block `b`, for a block that is a part of a cell (not a row
/// the walk joined).
fn part_of_row(elems: &[Elem], b: &Block) -> Option<u32> {
    if b.flags & IN_TABLE == 0 || b.kind == BlockKind::TableRow {
        return None;
    }
    cell_of(elems, b.elem).map(|(_, tr)| tr)
}

/// Whether the row `tr` has cells, every one a `<th>`.
fn is_head_row(elems: &[Elem], tr: u32) -> bool {
    let mut cells = cells(elems, tr).peekable();
    cells.peek().is_some() && cells.all(|c| elems[c as usize].tag == Tag::Th)
}
