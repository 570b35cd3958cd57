//! Tables among the kept blocks: where each block stands (its table, row and cell), so
//! that the blocks of one row of data become one row of the document, and tables that
//! follow one another stay apart.

use crate::block::{Block, BlockKind, Elem, IN_TABLE};
use crate::document::{ContentBlock, PostMark};
use crate::grid::{cell_of, data_row_cells, table_of};
use crate::md_escape::escape_inline;

/// Where a kept block stands in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// Its table element.
    table: u32,
    /// Its row element.
    tr: u32,
    /// Its cell's index in the row and the row's number of cells, for a block that is a
    /// part of a cell; `None` for a row the walk joined already.
    cell: Option<(u32, u32)>,
}

/// The blocks of `kept` (indices into `blocks`, in order) that stand in a table, by their
/// position in `kept`, with their places: the rows the walk joined, and the parts of
/// cells of rows of data. (A list of the few, not a place for every block: most pages
/// have no table, and some have millions of blocks.)
pub(crate) fn places(
    elems: &[Elem],
    blocks: &[Block],
    kept: impl Iterator<Item = usize>,
) -> Vec<(usize, Place)> {
    // the row last looked at, with its cells when it is a row of data
    let mut last: Option<(u32, Option<Vec<u32>>)> = None;
    let mut place = |i: usize| {
        let b = &blocks[i];
        if b.kind == BlockKind::TableRow {
            let table = table_of(elems, b.elem)?;
            return Some(Place {
                table,
                tr: b.elem,
                cell: None,
            });
        }
        if b.flags & IN_TABLE == 0 {
            return None;
        }
        let (cell, tr) = cell_of(elems, b.elem)?;
        if last.as_ref().is_none_or(|l| l.0 != tr) {
            last = Some((tr, data_row_cells(elems, blocks, tr)));
        }
        let cells = last.as_ref()?.1.as_ref()?;
        let k = cells.iter().position(|&c| c == cell)?;
        Some(Place {
            table: table_of(elems, tr)?,
            tr,
            cell: Some((k as u32, cells.len() as u32)),
        })
    };
    kept.enumerate()
        .filter_map(|(at, i)| place(i).map(|p| (at, p)))
        .collect()
}

/// Joins the runs of kept blocks that are parts of one row's cells into one row block,
/// and marks the first row of each table. `places` gives the place of the blocks that
/// stand in a table, by position, as [`places`] found them; the posts starting at a block
/// (`posts`, in order) start at its row afterwards.
pub(crate) fn join_rows(
    blocks: Vec<ContentBlock>,
    places: &[(usize, Place)],
    posts: &mut [PostMark],
) -> Vec<ContentBlock> {
    if places.is_empty() {
        return blocks;
    }
    // where each block went
    let mut moved: Vec<usize> = Vec::with_capacity(blocks.len());
    let mut out: Vec<ContentBlock> = Vec::with_capacity(blocks.len());
    // the table of the last block written, when it was a row
    let mut last_table: Option<u32> = None;
    let mut places = places.iter().copied().peekable();
    let mut blocks = blocks.into_iter().enumerate().peekable();
    while let Some((at, b)) = blocks.next() {
        moved.push(out.len());
        let Some((_, p)) = places.next_if(|&(k, _)| k == at) else {
            last_table = None;
            out.push(b);
            continue;
        };
        let mut row = match p.cell {
            None => b,
            Some(_) => {
                let mut parts = vec![(b, p)];
                while let Some(&(k, q)) = places.peek() {
                    if blocks.peek().is_none_or(|&(next, _)| next != k)
                        || q.tr != p.tr
                        || q.cell.is_none()
                    {
                        break;
                    }
                    places.next();
                    moved.push(out.len());
                    parts.extend(blocks.next().map(|(_, b)| (b, q)));
                }
                row_of(parts)
            }
        };
        row.table_start = last_table != Some(p.table);
        last_table = Some(p.table);
        out.push(row);
    }
    for post in posts {
        post.block = moved[post.block];
    }
    out
}

/// One row block of the parts of its cells: in its text, cells apart by tabs and the
/// lines of a cell by spaces; in its Markdown, cells by tabs and lines by `\n`.
fn row_of(parts: Vec<(ContentBlock, Place)>) -> ContentBlock {
    let width = parts[0].1.cell.map_or(1, |c| c.1) as usize;
    let tr = parts[0].1.tr;
    let mut texts: Vec<Vec<String>> = vec![Vec::new(); width];
    let mut mds: Vec<Vec<String>> = vec![Vec::new(); width];
    let first = parts[0].0.clone();
    for (b, p) in parts {
        let k = p.cell.map_or(0, |c| c.0) as usize;
        let md = b.markdown.unwrap_or_else(|| escape_inline(&b.text));
        texts[k].push(b.text.replace('\n', " "));
        mds[k].push(md);
    }
    let join = |cells: Vec<Vec<String>>, sep: &str| {
        cells
            .into_iter()
            .map(|c| c.join(sep))
            .collect::<Vec<_>>()
            .join("\t")
    };
    // the row's list item is one around the table, not one inside a cell
    let list = first.list.filter(|l| l.item < tr);
    ContentBlock {
        kind: BlockKind::TableRow,
        text: join(texts, " "),
        markdown: Some(join(mds, "\n")),
        list,
        lang: None,
        quoted: first.quoted,
        quote_start: first.quote_start,
        quote_in_item: first.quote_in_item,
        listed: list.is_some(),
        table_start: false,
    }
}
