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
/// lines of prose (paragraphs; a list of short lines is not prose)...
pub const PROSE_COLUMN_MIN_LINES: usize = 2;
/// ...each at least this many characters long...
pub const PROSE_LINE_MIN_CHARS: usize = 80;
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

/// Whether the row `tr` is a page's columns, not data: a column of prose beside a column
/// of links (an old layout's menu, article and related links side by side in one row), or
/// beside anything when no other row of its table holds data (an article's column beside
/// its date, a photo or an ad).
fn page_columns(elems: &[Elem], blocks: &[Block], tr: u32) -> bool {
    let (links, prose) = columns(elems, blocks, tr);
    prose && (links || lone_row(elems, blocks, tr))
}

/// Whether a cell of the row `tr` is a column of prose: at least [`PROSE_COLUMN_MIN_LINES`]
/// lines of [`PROSE_LINE_MIN_CHARS`] characters or more, and at most
/// [`PROSE_COLUMN_MAX_LINK_SHARE`] of its characters linked.
pub(crate) fn has_prose_column(elems: &[Elem], blocks: &[Block], tr: u32) -> bool {
    columns(elems, blocks, tr).1
}

/// Whether a cell of the row `tr` is a column of links, and whether one is a column of
/// prose.
fn columns(elems: &[Elem], blocks: &[Block], tr: u32) -> (bool, bool) {
    let (mut link_column, mut prose_column) = (false, false);
    for c in cells(elems, tr) {
        let (a, z) = elems[c as usize].blocks;
        let held = &blocks[a as usize..z as usize];
        let (solid, linked) = held
            .iter()
            .fold((0, 0), |(s, l), b| (s + b.stats.chars, l + b.link_chars));
        let link_share = linked as f32 / solid.max(1) as f32;
        // its lines, and those long enough for prose, in one pass
        let (mut lines, mut prose_lines) = (0, 0);
        for l in held.iter().flat_map(|b| b.text.lines()) {
            lines += 1;
            prose_lines += usize::from(l.chars().count() >= PROSE_LINE_MIN_CHARS);
        }
        link_column |= lines >= LINK_COLUMN_MIN_LINES && link_share >= LINK_COLUMN_MIN_LINK_SHARE;
        prose_column |=
            prose_lines >= PROSE_COLUMN_MIN_LINES && link_share <= PROSE_COLUMN_MAX_LINK_SHARE;
    }
    (link_column, prose_column)
}

/// Most elements of a table [`lone_row`] looks through for another row of data; past
/// them, the row is taken for one of many.
pub const LONE_ROW_SCAN: usize = 4096;

/// Whether no other row of the table of row `tr` has two cells or more that hold text
/// (the rows of nested tables are not the table's; a cell holding one still counts as
/// holding text). The rows after it are looked at first, then those before it.
fn lone_row(elems: &[Elem], blocks: &[Block], tr: u32) -> bool {
    let Some(table) = table_of(elems, tr) else {
        return false;
    };
    let (table, tr) = (table as usize, tr as usize);
    let after = elems[tr].end as usize..elems[table].end as usize;
    let before = table + 1..tr;
    let mut budget = LONE_ROW_SCAN;
    for range in [after, before] {
        let mut e = range.start;
        while e < range.end {
            if budget == 0 {
                return false;
            }
            budget -= 1;
            let el = &elems[e];
            if el.tag == Tag::Table {
                e = (el.end as usize).max(e + 1);
                continue;
            }
            if el.tag == Tag::Tr && filled_cells(elems, blocks, e as u32) >= 2 {
                return false;
            }
            e += 1;
        }
    }
    true
}

/// How many cells of the row `tr` hold text: of a row the walk joined into one block, the
/// fields of its text (apart by tabs) that do.
fn filled_cells(elems: &[Elem], blocks: &[Block], tr: u32) -> usize {
    let (a, z) = elems[tr as usize].blocks;
    if let [row] = &blocks[a as usize..z as usize] {
        if row.kind == BlockKind::TableRow && row.elem == tr {
            return row
                .text
                .split('\t')
                .filter(|f| f.chars().any(char::is_alphanumeric))
                .count();
        }
    }
    cells(elems, tr)
        .filter(|&c| {
            let (a, z) = elems[c as usize].blocks;
            blocks[a as usize..z as usize]
                .iter()
                .any(|b| b.text.chars().any(char::is_alphanumeric))
        })
        .count()
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
    use crate::walk::walk_html as page;

    /// Whether the first row of `html` is a row of data: the walk joined it into one
    /// block, or its cells' blocks make a row of data.
    fn first_row_is_data(html: &str) -> bool {
        let p = page(html);
        let tr = p.elems.iter().position(|e| e.tag == Tag::Tr).unwrap() as u32;
        p.blocks
            .iter()
            .any(|b| b.kind == BlockKind::TableRow && b.elem == tr)
            || data_row_cells(&p.elems, &p.blocks, tr).is_some()
    }

    const STORY: &str =
        "The river ferry between Eastbank and the old harbour will run again from the \
        first of May, the county council confirmed on Friday.<br><br>The service stopped last \
        autumn after an inspection found rust in the hull of the only boat.";

    #[test]
    fn a_column_of_prose_beside_links_or_in_a_lone_row_is_layout() {
        let menu = "<a href=/>Front page</a><br><a href=/local>Local news</a>";
        assert!(!first_row_is_data(&format!(
            "<table><tr><td>{menu}</td><td>{STORY}</td></tr></table>"
        )));
        // links in blocks of their own, beside paragraphs that are each one line
        let menu = "<p><a href=/>Front page</a></p><p><a href=/local>Local news</a></p>";
        assert!(!first_row_is_data(&format!(
            "<table><tr><td>{menu}</td><td>{STORY}</td></tr></table>"
        )));
        // the same prose beside a cell of text, or beside one link, in a table of such
        // rows is a row of data (a term and its description; a product's name and what it
        // is)
        let next = "<tr><td>Bus</td><td>The bus runs every hour.</td></tr>";
        assert!(first_row_is_data(&format!(
            "<table><tr><td>Ferry</td><td>{STORY}</td></tr>{next}</table>"
        )));
        assert!(first_row_is_data(&format!(
            "<table><tr><td><a href=/f>Ferry</a></td><td>{STORY}</td></tr>{next}</table>"
        )));
        // a column of prose beside anything, when no other row of the table holds data
        assert!(!first_row_is_data(&format!(
            "<table><tr><td>March 3, 2004</td><td>{STORY}</td></tr></table>"
        )));
        assert!(first_row_is_data(&format!(
            "<table><tr><td>March 3, 2004</td><td>{STORY}</td></tr>\
            <tr><td>March 4, 2004</td><td>The ferry ran.</td></tr></table>"
        )));
        // a title row whose spacer cell is empty is no row of data
        assert!(!first_row_is_data(&format!(
            "<table><tr><td>March 3, 2004</td><td>{STORY}</td></tr>\
            <tr><td>Valley Gazette</td><td></td></tr></table>"
        )));
        // a list of short lines is no column of prose (a product's features)
        let features = "Full support for PhysX<br>SLI Ready<br>GPU Boost 2.0<br>Adaptive \
            vertical sync<br>Surround ready<br>Three displays on one card";
        assert!(first_row_is_data(&format!(
            "<table><tr><td>Features</td><td>{features}</td></tr></table>"
        )));
        // and a row of links beside one paragraph is a row of data (downloads and notes)
        assert!(first_row_is_data(
            "<table><tr><td><a href=/w>Windows</a><br><a href=/m>Mac</a></td><td>The river ferry will run again from the first of May, the council said, and the service stopped last autumn after an inspection.</td></tr></table>"
        ));
    }
}
