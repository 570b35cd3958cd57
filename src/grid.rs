//! Where an element stands in a table (its table, row and cell), and which rows are rows
//! of data: shared by the classifier, which keeps a table's rows together, and the
//! assembly, which joins a row's parts.

use crate::block::{ancestors, Block, BlockKind, Elem};
use crate::tag::Tag;

/// Longest text (in characters) of a cell of a row of data; a longer cell makes the row
/// layout, whose blocks stay apart.
pub const MAX_CELL_CHARS: usize = 1500;
/// Most lines (paragraphs, list items, line breaks) a cell of a row of data holds.
pub const MAX_CELL_LINES: usize = 24;

/// The nearest table around element `e`.
pub(crate) fn table_of(elems: &[Elem], e: u32) -> Option<u32> {
    ancestors(elems, e).find(|&a| elems[a as usize].tag == Tag::Table)
}

/// The cells (`<td>` and `<th>` children) of the row `tr` when it is a row of data: two
/// cells or more hold text, none holds a table or a code block, none more than
/// [`MAX_CELL_CHARS`] characters or [`MAX_CELL_LINES`] lines.
pub(crate) fn data_row_cells(elems: &[Elem], blocks: &[Block], tr: u32) -> Option<Vec<u32>> {
    let cells: Vec<u32> = cells(elems, tr).collect();
    let mut filled = 0;
    for &c in &cells {
        let (a, z) = elems[c as usize].blocks;
        let held = &blocks[a as usize..z as usize];
        let chars: usize = held.iter().map(|b| b.text.chars().count()).sum();
        let lines: usize = held.iter().map(|b| b.text.lines().count()).sum();
        let nested = held.iter().any(|b| {
            matches!(b.kind, BlockKind::Code | BlockKind::TableRow)
                || ancestors(elems, b.elem)
                    .take_while(|&e| e != c)
                    .any(|e| elems[e as usize].tag == Tag::Table)
        });
        if nested || chars > MAX_CELL_CHARS || lines > MAX_CELL_LINES {
            return None;
        }
        filled += usize::from(!held.is_empty());
    }
    (filled >= 2).then_some(cells)
}

/// The cells of the row `tr`: its `<td>` and `<th>` children, in order.
pub(crate) fn cells(elems: &[Elem], tr: u32) -> impl Iterator<Item = u32> + '_ {
    let end = elems[tr as usize].end as usize;
    let mut child = tr as usize + 1;
    std::iter::from_fn(move || {
        while child < end {
            let c = &elems[child];
            let at = child;
            child = (c.end as usize).max(child + 1);
            if c.parent == tr && matches!(c.tag, Tag::Td | Tag::Th) {
                return Some(at as u32);
            }
        }
        None
    })
}

/// The cell (a `<td>` or `<th>` child of a `<tr>`) around element `e`, within its
/// nearest table, and that cell's row.
pub(crate) fn cell_of(elems: &[Elem], e: u32) -> Option<(u32, u32)> {
    ancestors(elems, e)
        .take_while(|&a| elems[a as usize].tag != Tag::Table)
        .find(|&a| {
            matches!(elems[a as usize].tag, Tag::Td | Tag::Th)
                && elems[elems[a as usize].parent as usize].tag == Tag::Tr
        })
        .map(|c| (c, elems[c as usize].parent))
}
