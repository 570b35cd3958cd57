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

/// A cell is a column of links (a layout's menu or its list of related pages) when it
/// holds at least this many lines...
pub const LINK_COLUMN_MIN_LINES: usize = 2;
/// ...and at least this share of its characters is inside links.
pub const LINK_COLUMN_MIN_LINK_SHARE: f32 = 0.7;
/// A cell is a column of prose (a layout's article) when it holds at least this many
/// lines (paragraphs, a headline and its lead)...
pub const PROSE_COLUMN_MIN_LINES: usize = 2;
/// ...at least this many characters outside links...
pub const PROSE_COLUMN_MIN_CHARS: u32 = 150;
/// ...and at most this share of its characters is inside links.
pub const PROSE_COLUMN_MAX_LINK_SHARE: f32 = 0.2;

/// The nearest table around element `e`.
pub(crate) fn table_of(elems: &[Elem], e: u32) -> Option<u32> {
    ancestors(elems, e).find(|&a| elems[a as usize].tag == Tag::Table)
}

/// The cells (`<td>` and `<th>` children) of the row `tr` when it is a row of data: two
/// cells or more hold text, none holds a table or a code block, none more than
/// [`MAX_CELL_CHARS`] characters or [`MAX_CELL_LINES`] lines, and the row is not a page's
/// columns ([`page_columns`]).
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
    (filled >= 2 && !page_columns(elems, blocks, tr)).then_some(cells)
}

/// Whether the row `tr` is a page's columns, not data: a column of links beside a column
/// of prose (an old layout's menu, article and related links side by side in one row).
pub(crate) fn page_columns(elems: &[Elem], blocks: &[Block], tr: u32) -> bool {
    let (mut link_column, mut prose_column) = (false, false);
    for c in cells(elems, tr) {
        let (a, z) = elems[c as usize].blocks;
        let held = &blocks[a as usize..z as usize];
        let lines: usize = held.iter().map(|b| b.text.lines().count()).sum();
        let (solid, linked) = held
            .iter()
            .fold((0, 0), |(s, l), b| (s + b.stats.chars, l + b.link_chars));
        let link_share = linked as f32 / solid.max(1) as f32;
        link_column |= lines >= LINK_COLUMN_MIN_LINES && link_share >= LINK_COLUMN_MIN_LINK_SHARE;
        prose_column |= lines >= PROSE_COLUMN_MIN_LINES
            && solid.saturating_sub(linked) >= PROSE_COLUMN_MIN_CHARS
            && link_share <= PROSE_COLUMN_MAX_LINK_SHARE;
    }
    link_column && prose_column
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;
    use crate::limits::Limits;
    use crate::walk::{walk, Page};

    fn page(html: &str) -> Page {
        walk(
            &parse(html, usize::MAX, None),
            &Limits::default(),
            None,
            false,
        )
    }

    /// Whether the first row of `html` is a row of data: the walk joined it into one
    /// block, or its cells' blocks make a row of data.
    fn first_row_is_data(html: &str) -> bool {
        let p = page(html);
        let tr = p.elems.iter().position(|e| e.tag == Tag::Tr).unwrap() as u32;
        p.blocks.iter().any(|b| b.kind == BlockKind::TableRow)
            || data_row_cells(&p.elems, &p.blocks, tr).is_some()
    }

    const STORY: &str =
        "The river ferry between Eastbank and the old harbour will run again from the \
        first of May, the county council confirmed on Friday.<br><br>The service stopped last \
        autumn after an inspection found rust in the hull of the only boat.";

    #[test]
    fn a_column_of_links_beside_a_column_of_prose_is_layout() {
        let menu = "<a href=/>Front page</a><br><a href=/local>Local news</a>";
        assert!(!first_row_is_data(&format!(
            "<table><tr><td>{menu}</td><td>{STORY}</td></tr></table>"
        )));
        // links in blocks of their own, beside paragraphs that are each one line
        let menu = "<p><a href=/>Front page</a></p><p><a href=/local>Local news</a></p>";
        assert!(!first_row_is_data(&format!(
            "<table><tr><td>{menu}</td><td>{STORY}</td></tr></table>"
        )));
        // the same prose beside a cell of text, or beside one link, is a row of data (a
        // term and its description; a product's name and what it is)
        assert!(first_row_is_data(&format!(
            "<table><tr><td>Ferry</td><td>{STORY}</td></tr></table>"
        )));
        assert!(first_row_is_data(&format!(
            "<table><tr><td><a href=/f>Ferry</a></td><td>{STORY}</td></tr></table>"
        )));
        // and a row of links beside one paragraph is a row of data (downloads and notes)
        assert!(first_row_is_data(
            "<table><tr><td><a href=/w>Windows</a><br><a href=/m>Mac</a></td><td>The river ferry will run again from the first of May, the council said, and the service stopped last autumn after an inspection.</td></tr></table>"
        ));
    }
}
