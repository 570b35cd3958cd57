//! The tree html5ever builds into: gleaner's arena of nodes linked by index, with each
//! element's facts worked out as it is made (html5ever's `TreeSink`).

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::fmt;
use std::rc::Rc;

use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, Attribute, LocalName, Namespace, QualName};

use super::{Dom, Element, Extra, Node, NodeId, Ns, What, DOCUMENT, NONE};
use crate::element::{element_facts, may_name_wrapper_language, names_ingredient, ElemFacts};
use crate::hints::HintCache;

/// A detached `<div>`, whose name answers the tree builder should it ever ask for the name
/// of a node that is not an element; [`FALLBACK_ELEMENT`] is its record.
const NAME_FALLBACK: NodeId = 1;
/// The record of [`NAME_FALLBACK`], the tree's first element.
const FALLBACK_ELEMENT: usize = 0;

/// The namespaces an element's [`Ns`] stands for.
static HTML: Namespace = ns!(html);
static SVG: Namespace = ns!(svg);
static MATHML: Namespace = ns!(mathml);

/// html5ever's tree builder writes into this.
pub(super) struct Sink {
    pub(super) dom: RefCell<Dom>,
    /// Present when the walk will read this tree: each element's [`ElemFacts`] are worked
    /// out as it is built, with this thread's hint cache.
    pub(super) hints: Option<RefCell<HintCache>>,
    /// Elements and comments created so far, shared with the parse loop that stops past
    /// the limit.
    elements: Rc<Cell<usize>>,
    /// The elements of React's streamed rendering, with their slots ([`move_streamed`]).
    pub(super) streamed: RefCell<Vec<(u32, NodeId)>>,
}

/// An element's name as the tree builder asks for it.
pub(super) struct Name<'a> {
    ns: &'static Namespace,
    local: Ref<'a, LocalName>,
}

impl fmt::Debug for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{{{}}}:{}", self.ns, &*self.local)
    }
}

impl ElemName for Name<'_> {
    fn ns(&self) -> &Namespace {
        self.ns
    }

    fn local_name(&self) -> &LocalName {
        &self.local
    }
}

impl Ns {
    /// The namespace of an element made in `ns`; the tree builder makes elements in HTML,
    /// SVG and MathML only.
    fn of(ns: &Namespace) -> Self {
        if *ns == ns!(svg) {
            Ns::Svg
        } else if *ns == ns!(mathml) {
            Ns::MathMl
        } else {
            Ns::Html
        }
    }

    fn namespace(self) -> &'static Namespace {
        match self {
            Ns::Html => &HTML,
            Ns::Svg => &SVG,
            Ns::MathMl => &MATHML,
        }
    }
}

impl Dom {
    /// Adds a parentless node that is `what`, and gives its id.
    fn push_node(&mut self, what: What) -> NodeId {
        self.nodes.push(Node::new(what));
        (self.nodes.len() - 1) as NodeId
    }

    /// Adds a parentless text node.
    fn push_text(&mut self, text: StrTendril) -> NodeId {
        self.texts.push(text);
        self.push_node(What::text(self.texts.len() - 1))
    }

    /// Adds a parentless element.
    fn push_element(&mut self, name: LocalName, ns: Ns, facts: ElemFacts, extra: Extra) -> NodeId {
        let extra = if extra.attrs.is_empty() && extra.template.is_none() {
            NONE
        } else {
            self.extras.push(extra);
            (self.extras.len() - 1) as u32
        };
        self.elements.push(Element {
            name,
            facts,
            extra,
            ns,
        });
        self.push_node(What::element(self.elements.len() - 1))
    }

    /// Appends `text` to `id` if it is a text node.
    fn merge_text(&mut self, id: NodeId, text: &str) -> bool {
        if id == NONE {
            return false;
        }
        let what = self.nodes[id as usize].what;
        if what.kind() != What::TEXT {
            return false;
        }
        self.texts[what.index()].push_slice(text);
        true
    }

    /// Unlinks `id` from its parent and siblings.
    pub(super) fn detach(&mut self, id: NodeId) {
        let nodes = &mut self.nodes;
        let (parent, prev, next) = {
            let n = &nodes[id as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev as usize].next = next;
        } else {
            nodes[parent as usize].first_child = next;
        }
        if next != NONE {
            nodes[next as usize].prev = prev;
        } else {
            nodes[parent as usize].last_child = prev;
        }
        let n = &mut nodes[id as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    /// Links the parentless `id` as the last child of `parent`.
    fn link_last(&mut self, parent: NodeId, id: NodeId) {
        let nodes = &mut self.nodes;
        let last = nodes[parent as usize].last_child;
        {
            let n = &mut nodes[id as usize];
            n.parent = parent;
            n.prev = last;
            n.next = NONE;
        }
        if last != NONE {
            nodes[last as usize].next = id;
        } else {
            nodes[parent as usize].first_child = id;
        }
        nodes[parent as usize].last_child = id;
    }

    /// Links the parentless `id` just before `sibling`, which has a parent.
    pub(super) fn link_before(&mut self, sibling: NodeId, id: NodeId) {
        let nodes = &mut self.nodes;
        let (parent, prev) = {
            let s = &nodes[sibling as usize];
            (s.parent, s.prev)
        };
        {
            let n = &mut nodes[id as usize];
            n.parent = parent;
            n.prev = prev;
            n.next = sibling;
        }
        nodes[sibling as usize].prev = id;
        if prev != NONE {
            nodes[prev as usize].next = id;
        } else {
            nodes[parent as usize].first_child = id;
        }
    }
}

impl Sink {
    pub(super) fn new(elements: Rc<Cell<usize>>, capacity: usize, facts: bool) -> Self {
        let mut dom = Dom::with_capacity(capacity);
        dom.push_node(What::document());
        dom.push_element(
            local_name!("div"),
            Ns::Html,
            ElemFacts::default(),
            Extra::default(),
        );
        Sink {
            dom: RefCell::new(dom),
            hints: facts.then(|| RefCell::new(HintCache::take_thread_cache())),
            elements,
            streamed: RefCell::new(Vec::new()),
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Self;
    type ElemName<'a> = Name<'a>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Name<'a> {
        let dom = self.dom.borrow();
        let what = dom.nodes[*target as usize].what;
        // the tree builder asks only for elements' names
        let i = if what.kind() == What::ELEMENT {
            what.index()
        } else {
            FALLBACK_ELEMENT
        };
        let ns = dom.elements[i].ns.namespace();
        Name {
            ns,
            local: Ref::map(dom, |dom| &dom.elements[i].name),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.elements.set(self.elements.get() + 1);
        let ns = Ns::of(&name.ns);
        let mut slot = 0;
        let (facts, attrs) = match &self.hints {
            Some(cache) if ns == Ns::Html => {
                let facts;
                (facts, slot) = element_facts(&mut cache.borrow_mut(), &name.local, &attrs);
                let mut ingredient = false;
                let mut code_wrapper = false;
                for a in &attrs {
                    if a.name.local == local_name!("itemtype") {
                        add_microdata_types(&mut self.dom.borrow_mut().microdata_types, &a.value);
                    } else if a.name.local == local_name!("itemprop") {
                        ingredient = names_ingredient(&a.value);
                    } else if a.name.local == local_name!("class")
                        && name.local == local_name!("div")
                    {
                        code_wrapper = may_name_wrapper_language(&a.value);
                    }
                }
                // the walk reads the attributes of a few elements only; the others go now,
                // while they are in the processor's cache
                // a section named by its id keeps it, to be compared with its heading, a
                // recipe's ingredient its microdata, and a code block's wrapper its language
                let attrs = if keeps_attrs(&name.local)
                    || facts.is(ElemFacts::ID_HINTS)
                    || ingredient
                    || code_wrapper
                {
                    attrs
                } else {
                    Vec::new()
                };
                (facts, attrs)
            }
            // a formula: its text and TeX are read, and the attributes that say how
            Some(_) if ns == Ns::MathMl => {
                let attrs = if matches!(&*name.local, "math" | "annotation") {
                    attrs
                } else {
                    Vec::new()
                };
                (ElemFacts::default(), attrs)
            }
            Some(_) => (ElemFacts::foreign(), Vec::new()),
            None => (ElemFacts::default(), attrs),
        };
        let mut dom = self.dom.borrow_mut();
        let template = flags.template.then(|| dom.push_node(What::document()));
        let id = dom.push_element(name.local, ns, facts, Extra { attrs, template });
        if slot != 0 {
            self.streamed.borrow_mut().push((slot, id));
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        // comments count toward the node limit too: a page of nothing but comments is
        // bounded like one of elements
        self.elements.set(self.elements.get() + 1);
        self.dom.borrow_mut().push_node(What::other())
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.elements.set(self.elements.get() + 1);
        self.dom.borrow_mut().push_node(What::other())
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let parent = *parent;
        let mut dom = self.dom.borrow_mut();
        match child {
            NodeOrText::AppendText(text) => {
                if dom
                    .element(parent)
                    .is_some_and(|e| e.facts.is(crate::element::ElemFacts::TEXT_UNUSED))
                {
                    return;
                }
                let last = dom.nodes[parent as usize].last_child;
                if !dom.merge_text(last, &text) {
                    let id = dom.push_text(text);
                    dom.link_last(parent, id);
                }
            }
            NodeOrText::AppendNode(id) => dom.link_last(parent, id),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.dom.borrow().nodes[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public: StrTendril,
        _system: StrTendril,
    ) {
        let mut dom = self.dom.borrow_mut();
        let id = dom.push_node(What::other());
        dom.link_last(DOCUMENT, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let dom = self.dom.borrow();
        dom.element(*target)
            .filter(|e| e.extra != NONE)
            .and_then(|e| dom.extras[e.extra as usize].template)
            // only asked of templates, which always have their fragment
            .unwrap_or(NAME_FALLBACK)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let sibling = *sibling;
        let mut dom = self.dom.borrow_mut();
        if dom.nodes[sibling as usize].parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendText(text) => {
                let prev = dom.nodes[sibling as usize].prev;
                if !dom.merge_text(prev, &text) {
                    let id = dom.push_text(text);
                    dom.link_before(sibling, id);
                }
            }
            NodeOrText::AppendNode(id) => {
                dom.detach(id);
                dom.link_before(sibling, id);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        /// Most attributes a repeated `<html>` or `<body>` tag brings together.
        const MAX_MERGED_ATTRS: usize = 256;
        let mut dom = self.dom.borrow_mut();
        let dom = &mut *dom;
        let what = dom.nodes[*target as usize].what;
        if what.kind() != What::ELEMENT {
            return;
        }
        let e = &mut dom.elements[what.index()];
        if e.extra == NONE {
            dom.extras.push(Extra::default());
            e.extra = (dom.extras.len() - 1) as u32;
        }
        let have = &mut dom.extras[e.extra as usize].attrs;
        let before = have.len();
        for a in attrs {
            if have.len() >= MAX_MERGED_ATTRS {
                break;
            }
            if !have.iter().any(|h| h.name == a.name) {
                have.push(a);
            }
        }
        // a second <html> or <body> tag added attributes: read them again (only then: a
        // thousand bare <body> tags must not re-read a giant class a thousand times)
        if let Some(cache) = &self.hints {
            if e.ns == Ns::Html && have.len() > before {
                e.facts = element_facts(&mut cache.borrow_mut(), &e.name, have).0;
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.dom.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let (node, new_parent) = (*node, *new_parent);
        let mut dom = self.dom.borrow_mut();
        while dom.nodes[node as usize].first_child != NONE {
            let c = dom.nodes[node as usize].first_child;
            dom.detach(c);
            dom.link_last(new_parent, c);
        }
    }
}

/// Puts the content of a streamed page where the page's script would: each hidden
/// `<div id="S:n">`'s children replace the `<template id="B:n">` placeholder, and both go.
/// `streamed` lists the elements of the streamed rendering with their slots.
pub(super) fn move_streamed(dom: &mut Dom, streamed: &[(u32, NodeId)]) {
    let mut placeholders: std::collections::HashMap<u32, NodeId> = Default::default();
    let mut contents: Vec<(u32, NodeId)> = Vec::new();
    for &(slot, id) in streamed {
        if slot % 2 == 0 {
            placeholders.insert(slot / 2 - 1, id);
        } else {
            contents.push((slot / 2 - 1, id));
        }
    }
    for (n, content) in contents {
        let Some(&place) = placeholders.get(&n) else {
            continue;
        };
        if dom.nodes[place as usize].parent == NONE || dom.nodes[content as usize].parent == NONE {
            continue;
        }
        while dom.nodes[content as usize].first_child != NONE {
            let c = dom.nodes[content as usize].first_child;
            dom.detach(c);
            dom.link_before(place, c);
        }
        dom.detach(place);
        dom.detach(content);
    }
}

/// Most microdata types kept.
const MAX_MICRODATA_TYPES: usize = 64;

/// Counts the schema.org types an `itemtype` names (`https://schema.org/Product`, several
/// space-separated; the older data-vocabulary.org's too) in `types`.
fn add_microdata_types(types: &mut Vec<(String, u32)>, itemtype: &str) {
    for url in itemtype.split_ascii_whitespace() {
        let Some((host, name)) = url.trim_end_matches('/').rsplit_once('/') else {
            continue;
        };
        if !(host.ends_with("schema.org") || host.ends_with("data-vocabulary.org"))
            || name.is_empty()
        {
            continue;
        }
        if let Some((_, n)) = types.iter_mut().find(|(t, _)| t == name) {
            *n += 1;
        } else if types.len() < MAX_MICRODATA_TYPES {
            types.push((name.to_string(), 1));
        }
    }
}

/// Elements whose attributes [`crate::walk`] reads after the parse (besides their
/// [`ElemFacts`]); `<html>` and `<body>` also take attributes from repeated tags.
fn keeps_attrs(local: &html5ever::LocalName) -> bool {
    matches!(
        *local,
        local_name!("a")
            | local_name!("img")
            | local_name!("pre")
            | local_name!("code")
            | local_name!("ol")
            | local_name!("time")
            | local_name!("meta")
            | local_name!("link")
            | local_name!("base")
            | local_name!("script")
            | local_name!("html")
            | local_name!("body")
    )
}

#[cfg(test)]
mod tests {
    use crate::dom::{parse, View, DOCUMENT};

    /// The page's text, in tree order.
    fn texts(html: &str) -> Vec<String> {
        let dom = parse(html, usize::MAX, None);
        let mut out = Vec::new();
        let mut stack = vec![DOCUMENT];
        while let Some(n) = stack.pop() {
            if let Some(t) = dom.text(n) {
                out.push(t.to_string());
            }
            stack.extend(dom.children_rev(n));
        }
        out
    }

    #[test]
    fn streamed_content_takes_its_placeholders_place() {
        let html = r#"<body><p>one</p><template id="B:0"></template><p>three</p>
            <template id="P:1"></template><div hidden id="S:0"><p>two</p></div>
            <template id="P:2e"></template><p>five</p><div hidden id="S:1"><p>four</p></div>
            <div hidden id="S:9"><p>no place</p></div><div hidden id="S:2e"><p>ten</p></div>"#;
        let t: Vec<String> = texts(html)
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .collect();
        // React numbers its boundaries and segments in hexadecimal
        assert_eq!(
            t,
            ["one", "two", "three", "four", "ten", "five", "no place"]
        );
    }

    #[test]
    fn microdata_types_are_counted() {
        let dom = parse(
            r#"<div itemscope itemtype="https://schema.org/Product"><span itemtype="http://schema.org/Offer  http://schema.org/Offer/"></span>
            <b itemtype="http://data-vocabulary.org/Review"></b><i itemtype="https://example.com/Thing"></i><u itemtype="Product"></u></div>"#,
            usize::MAX,
            None,
        );
        let want = [("Product", 1), ("Offer", 2), ("Review", 1)];
        let want: Vec<(String, u32)> = want.iter().map(|(t, n)| (t.to_string(), *n)).collect();
        assert_eq!(dom.microdata_types, want);
    }

    #[test]
    fn the_tree_keeps_the_attributes_the_walk_reads() {
        let dom = parse(
            "<html lang=de><p class=x id=y>a <a href=/b class=c>b</a></p><ol start=3></ol><ul><li itemprop=recipeIngredient class=i>1 egg</li><li itemprop=name>Scones</li></ul><div class='highlight-python notranslate'></div><div class=highlight></div>",
            usize::MAX,
            None,
        );
        let kept: Vec<(String, usize)> = (0..dom.nodes.len() as u32)
            .filter_map(|n| match dom.view(n) {
                View::Element(e, attrs) => Some((e.name.to_string(), attrs.len())),
                _ => None,
            })
            .skip(1) // the fallback node
            .collect();
        let want = [
            ("html", 1),
            ("head", 0),
            ("body", 0),
            ("p", 0),
            ("a", 2),
            ("ol", 1),
            ("ul", 0),
            ("li", 2),
            ("li", 0),
            ("div", 1),
            ("div", 0),
        ];
        assert_eq!(
            kept,
            want.map(|(n, k)| (n.to_string(), k)).to_vec(),
            "the class and id of <p> are read into its facts, then dropped; a recipe's ingredient keeps its microdata, a code block's wrapper the class naming its language"
        );
    }
}
