//! A recipe's ingredients, as its JSON-LD lists them or its microdata marks them
//! (`recipeIngredient`), join the article wherever the page shows them: in a list or table
//! beside the steps, under a header the classes name, with each ingredient linked to a shop.

use std::collections::HashSet;

use super::Label;
use crate::block::{ancestors, Block, BlockKind, Elem};
use crate::hints;
use crate::tag::Tag;

/// Longest block (characters) read as one ingredient's line.
const INGREDIENT_MAX_CHARS: u32 = 200;
/// Least lines of an element that match ingredients for the element to join the article.
const MIN_MATCHED_LINES: usize = 2;
/// How far up from a line its list or table is looked for.
const LIST_MAX_LEVELS: usize = 4;
/// The names that keep an element out even when it lists the ingredients (a hidden copy,
/// a shopping-list dialog, an advertisement).
const NEVER: hints::Hints = hints::HIDDEN | hints::MODAL | hints::AD | hints::PROMO | hints::COOKIE;

/// The words of a line, lower-cased, each run of letters and digits one word, with a space
/// on either side: "1 Pck.\tDr. Oetker" and "1 pck. dr. oetker" are one key.
fn key(s: &str) -> String {
    let mut k = String::from(" ");
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        k.push_str(&w.to_lowercase());
        k.push(' ');
    }
    k
}

/// Whether a line's key is an ingredient's: the same words, or one holding the other's
/// words whole when the held one has two words or more.
fn is_ingredient(line: &str, ingredients: &HashSet<String>) -> bool {
    let words = |k: &str| k.split(' ').filter(|w| !w.is_empty()).count();
    line.len() > 1
        && (ingredients.contains(line)
            || ingredients.iter().any(|i| {
                (words(i) >= 2 && line.contains(i.as_str()))
                    || (words(line) >= 2 && i.contains(line))
            }))
}

/// Labels content the lists and tables outside the article that show at least
/// [`MIN_MATCHED_LINES`] of the recipe's `ingredients`, with the heading just before each.
pub(crate) fn join_ingredients(
    elems: &[Elem],
    blocks: &[Block],
    ingredients: &[String],
    labels: &mut [Label],
) {
    if ingredients.is_empty() || !labels.iter().any(|l| l.is_content()) {
        return;
    }
    let keys: HashSet<String> = ingredients.iter().map(|i| key(i)).collect();
    // each matching line's list, table or parent, counted
    let mut lists: Vec<(u32, usize)> = Vec::new();
    for (b, l) in blocks.iter().zip(labels.iter()) {
        if l.is_content()
            || b.stats.chars > INGREDIENT_MAX_CHARS
            || !is_ingredient(&key(&b.text), &keys)
        {
            continue;
        }
        let list = ancestors(elems, b.elem)
            .take(LIST_MAX_LEVELS)
            .find(|&a| {
                matches!(
                    elems[a as usize].tag,
                    Tag::Ul | Tag::Ol | Tag::Table | Tag::Dl
                )
            })
            .unwrap_or(elems[b.elem as usize].parent);
        match lists.last_mut() {
            Some((e, n)) if *e == list => *n += 1,
            _ => lists.push((list, 1)),
        }
    }
    for (e, n) in lists {
        let el = &elems[e as usize];
        if n < MIN_MATCHED_LINES
            || ancestors(elems, e).any(|a| elems[a as usize].hints & NEVER != 0)
        {
            continue;
        }
        let (from, to) = (el.blocks.0 as usize, el.blocks.1 as usize);
        for l in &mut labels[from..to] {
            if matches!(
                l,
                Label::OutsideArticle | Label::ShortEdge | Label::LinkList | Label::Hinted(_)
            ) {
                *l = Label::Content;
            }
        }
        // the group's heading ("Ingredients", "For the dough:")
        if from > 0
            && matches!(blocks[from - 1].kind, BlockKind::Heading(_))
            && labels[from - 1] == Label::OutsideArticle
        {
            labels[from - 1] = Label::Content;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A recipe's steps, in a box of their own.
    const STEPS: &str = "<div class=steps><p>Mix the flour, the sugar and the salt in a large bowl, then rub in the cold butter until the mixture looks like fine breadcrumbs.</p><p>Add the milk a little at a time and knead the dough until it is smooth, then leave it to rest in a cool place for half an hour.</p></div>";

    /// The text gleaner extracts from `html`.
    fn text(html: String) -> String {
        crate::extractor::Extractor::new()
            .extract(html.as_bytes())
            .unwrap()
            .text()
            .to_string()
    }

    #[test]
    fn a_recipes_ingredients_join_its_steps() {
        // the ingredients in a table under a box named like a header, each linked to a
        // shop, beside the steps; the recipe's JSON-LD lists them
        let rows = "<tr><td>300 g</td><td><a href=/shop/1>plain flour</a></td></tr><tr><td>1 pinch</td><td><a href=/shop/2>sea salt</a></td></tr><tr><td>200 ml</td><td><a href=/shop/3>whole milk</a></td></tr>";
        let ld = r#"{"@type":"Recipe","name":"Scones","recipeIngredient":["300 g plain flour","1 pinch sea salt","200 ml whole milk"]}"#;
        let page = |ld: &str| {
            format!(
                "<html><head><script type=application/ld+json>{ld}</script></head><body><div class=recipe-header><h2>Ingredients</h2><table>{rows}</table></div>{STEPS}</body></html>"
            )
        };
        let with = text(page(ld));
        assert!(
            with.contains("plain flour") && with.contains("Ingredients"),
            "{with}"
        );
        assert!(with.contains("Mix the flour"), "{with}");
        let without = text(page("{}"));
        assert!(!without.contains("plain flour"), "{without}");
    }

    #[test]
    fn a_recipes_microdata_marks_its_ingredients() {
        // no JSON-LD: schema.org microdata marks each ingredient, on a row (schema.org's
        // older `ingredients`) or on the text inside a list item (`recipeIngredient`)
        let rows = "<table><tr itemprop=ingredients><td>300 g</td><td><a href=/shop/1>plain flour</a></td></tr><tr itemprop=ingredients><td>1 pinch</td><td><a href=/shop/2>sea salt</a></td></tr><tr><td>Serves</td><td><a href=/shop/3>four people</a></td></tr></table>";
        let items = "<ul><li><a href=/shop/1><span itemprop=recipeIngredient>300 g plain flour</span></a></li><li><a href=/shop/2><span itemprop=recipeIngredient>1 pinch sea salt</span></a></li></ul>";
        for (ingredients, unmarked) in [(rows, Some("four people")), (items, None)] {
            let page = |marked: bool| {
                let list = if marked {
                    ingredients.to_string()
                } else {
                    ingredients.replace("itemprop=", "data-x=")
                };
                format!(
                    "<body itemscope itemtype=https://schema.org/Recipe><div class=recipe-header><h2>Ingredients</h2>{list}</div>{STEPS}</body>"
                )
            };
            let with = text(page(true));
            assert!(
                with.contains("plain flour") && with.contains("sea salt"),
                "{with}"
            );
            // the table joins whole, its unmarked row too
            if let Some(row) = unmarked {
                assert!(with.contains(row), "{with}");
            }
            let without = text(page(false));
            assert!(!without.contains("plain flour"), "{without}");
        }
    }

    #[test]
    fn lines_match_ingredients_by_their_words() {
        let keys: HashSet<String> = ["1 Pck. Dr. Oetker Vanillin-Zucker", "Salz", "300 g Mehl"]
            .iter()
            .map(|i| key(i))
            .collect();
        assert!(is_ingredient(
            &key("1 Pck.\tDr. Oetker Vanillin-Zucker"),
            &keys
        ));
        assert!(is_ingredient(&key("300 g Mehl (Type 405)"), &keys));
        assert!(is_ingredient(&key("Salz"), &keys));
        // a word inside another word is no match
        assert!(!is_ingredient(&key("300 g Mehlspeise"), &keys));
        assert!(!is_ingredient(&key("Pfeffer"), &keys));
    }
}
