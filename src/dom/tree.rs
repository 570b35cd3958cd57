//! The tree html5ever builds into: gleaner's arena of nodes linked by index, with each
//! element's facts worked out as it is made (html5ever's `TreeSink`).

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, Attribute, QualName};

use super::{Data, Node, NodeId, DOCUMENT, NONE};
use crate::element::{element_facts, ElemFacts};
use crate::hints::HintCache;

/// A detached `<div>`, whose name answers the tree builder should it ever ask for the name
/// of a node that is not an element.
const NAME_FALLBACK: NodeId = 1;

/// html5ever's tree builder writes into this.
pub(super) struct Sink {
    pub(super) nodes: RefCell<Vec<Node>>,
    /// Present when the walk will read this tree: each element's [`ElemFacts`] are worked
    /// out as it is built, with this thread's hint cache.
    pub(super) hints: Option<RefCell<HintCache>>,
    /// Elements and comments created so far, shared with the parse loop that stops past
    /// the limit.
    elements: Rc<Cell<usize>>,
    /// Whether an element of React's streamed rendering was made ([`move_streamed`] has
    /// work to do).
    pub(super) streamed: Cell<bool>,
}

impl Sink {
    pub(super) fn new(elements: Rc<Cell<usize>>, capacity: usize, facts: bool) -> Self {
        let mut nodes = Vec::with_capacity(capacity);
        nodes.push(Node::new(Data::Document));
        nodes.push(Node::new(Data::Element {
            name: QualName::new(None, ns!(html), local_name!("div")),
            attrs: Vec::new(),
            template: NONE,
            facts: ElemFacts::default(),
        }));
        Sink {
            nodes: RefCell::new(nodes),
            hints: facts.then(|| RefCell::new(HintCache::take_thread_cache())),
            elements,
            streamed: Cell::new(false),
        }
    }

    fn push(&self, data: Data) -> NodeId {
        Self::push_into(&mut self.nodes.borrow_mut(), data)
    }

    /// Adds a parentless node of `data` and gives its id.
    fn push_into(nodes: &mut Vec<Node>, data: Data) -> NodeId {
        nodes.push(Node::new(data));
        (nodes.len() - 1) as NodeId
    }

    /// Unlinks `id` from its parent and siblings.
    pub(super) fn detach(nodes: &mut [Node], id: NodeId) {
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
    fn link_last(nodes: &mut [Node], parent: NodeId, id: NodeId) {
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
    pub(super) fn link_before(nodes: &mut [Node], sibling: NodeId, id: NodeId) {
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

    /// Appends `text` to `id` if it is a text node.
    fn merge_text(nodes: &mut [Node], id: NodeId, text: &str) -> bool {
        if id == NONE {
            return false;
        }
        match &mut nodes[id as usize].data {
            Data::Text(t) => {
                t.push_slice(text);
                true
            }
            _ => false,
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Self;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| {
            match &nodes[*target as usize].data {
                Data::Element { name, .. } => name,
                // the tree builder asks only for elements' names
                _ => match &nodes[NAME_FALLBACK as usize].data {
                    Data::Element { name, .. } => name,
                    _ => unreachable!("the fallback node is an element"),
                },
            }
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.elements.set(self.elements.get() + 1);
        let (facts, attrs) = match &self.hints {
            Some(cache) if name.ns == ns!(html) => {
                let facts = element_facts(&mut cache.borrow_mut(), &name.local, &attrs);
                if facts.slot != 0 {
                    self.streamed.set(true);
                }
                // the walk reads the attributes of a few elements only; the others go now,
                // while they are in the processor's cache
                let attrs = if attrs_read(&name.local) {
                    attrs
                } else {
                    Vec::new()
                };
                (facts, attrs)
            }
            Some(_) => (ElemFacts::foreign(), Vec::new()),
            None => (ElemFacts::default(), attrs),
        };
        let template = if flags.template {
            self.push(Data::Document)
        } else {
            NONE
        };
        self.push(Data::Element {
            name,
            attrs,
            template,
            facts,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        // comments count toward the node limit too: a page of nothing but comments is
        // bounded like one of elements
        self.elements.set(self.elements.get() + 1);
        self.push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.elements.set(self.elements.get() + 1);
        self.push(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let parent = *parent;
        let mut nodes = self.nodes.borrow_mut();
        match child {
            NodeOrText::AppendText(text) => {
                if let Data::Element { facts, .. } = &nodes[parent as usize].data {
                    if facts.text_unused {
                        return;
                    }
                }
                let last = nodes[parent as usize].last_child;
                if !Self::merge_text(&mut nodes, last, &text) {
                    let id = Self::push_into(&mut nodes, Data::Text(text));
                    Self::link_last(&mut nodes, parent, id);
                }
            }
            NodeOrText::AppendNode(id) => Self::link_last(&mut nodes, parent, id),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.nodes.borrow()[*element as usize].parent != NONE;
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
        let id = self.push(Data::Other);
        Self::link_last(&mut self.nodes.borrow_mut(), DOCUMENT, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        match &self.nodes.borrow()[*target as usize].data {
            Data::Element { template, .. } if *template != NONE => *template,
            // only asked of templates, which always have their fragment
            _ => NAME_FALLBACK,
        }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let sibling = *sibling;
        let mut nodes = self.nodes.borrow_mut();
        if nodes[sibling as usize].parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendText(text) => {
                let prev = nodes[sibling as usize].prev;
                if !Self::merge_text(&mut nodes, prev, &text) {
                    let id = Self::push_into(&mut nodes, Data::Text(text));
                    Self::link_before(&mut nodes, sibling, id);
                }
            }
            NodeOrText::AppendNode(id) => {
                Self::detach(&mut nodes, id);
                Self::link_before(&mut nodes, sibling, id);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        /// Most attributes a repeated `<html>` or `<body>` tag brings together.
        const MAX_MERGED_ATTRS: usize = 256;
        if let Data::Element {
            name,
            attrs: have,
            facts,
            ..
        } = &mut self.nodes.borrow_mut()[*target as usize].data
        {
            let before = have.len();
            for a in attrs {
                if have.len() >= MAX_MERGED_ATTRS {
                    break;
                }
                if !have.iter().any(|h| h.name == a.name) {
                    have.push(a);
                }
            }
            // a second <html> or <body> tag added attributes: read them again (only then:
            // a thousand bare <body> tags must not re-read a giant class a thousand times)
            if let Some(cache) = &self.hints {
                if name.ns == ns!(html) && have.len() > before {
                    *facts = element_facts(&mut cache.borrow_mut(), &name.local, have);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let (node, new_parent) = (*node, *new_parent);
        let mut nodes = self.nodes.borrow_mut();
        while nodes[node as usize].first_child != NONE {
            let c = nodes[node as usize].first_child;
            Self::detach(&mut nodes, c);
            Self::link_last(&mut nodes, new_parent, c);
        }
    }
}

/// Puts the content of a streamed page where the page's script would: each hidden
/// `<div id="S:n">`'s children replace the `<template id="B:n">` placeholder, and both go.
pub(super) fn move_streamed(nodes: &mut [Node]) {
    let mut placeholders: std::collections::HashMap<u32, NodeId> = Default::default();
    let mut contents: Vec<(u32, NodeId)> = Vec::new();
    for (id, node) in nodes.iter().enumerate() {
        if let Data::Element { facts, .. } = &node.data {
            match facts.slot {
                0 => {}
                s if s % 2 == 0 => {
                    placeholders.insert(s / 2 - 1, id as NodeId);
                }
                s => contents.push((s / 2 - 1, id as NodeId)),
            }
        }
    }
    for (n, content) in contents {
        let Some(&place) = placeholders.get(&n) else {
            continue;
        };
        if nodes[place as usize].parent == NONE || nodes[content as usize].parent == NONE {
            continue;
        }
        while nodes[content as usize].first_child != NONE {
            let c = nodes[content as usize].first_child;
            Sink::detach(nodes, c);
            Sink::link_before(nodes, place, c);
        }
        Sink::detach(nodes, place);
        Sink::detach(nodes, content);
    }
}

/// Elements whose attributes [`crate::walk`] reads after the parse (besides their
/// [`ElemFacts`]); `<html>` and `<body>` also take attributes from repeated tags.
fn attrs_read(local: &html5ever::LocalName) -> bool {
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
            | local_name!("script")
            | local_name!("html")
            | local_name!("body")
    )
}

#[cfg(test)]
mod tests {
    use crate::dom::{parse, Data, DOCUMENT};

    /// The page's text, in tree order.
    fn texts(html: &str) -> Vec<String> {
        let dom = parse(html, usize::MAX, None);
        let mut out = Vec::new();
        let mut stack = vec![DOCUMENT];
        while let Some(n) = stack.pop() {
            if let Data::Text(t) = &dom.node(n).data {
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
            <div hidden id="S:1"><p>four</p></div><div hidden id="S:9"><p>no place</p></div>"#;
        let t: Vec<String> = texts(html)
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .collect();
        assert_eq!(t, ["one", "two", "three", "four", "no place"]);
    }

    #[test]
    fn the_tree_keeps_the_attributes_the_walk_reads() {
        let dom = parse(
            "<html lang=de><p class=x id=y>a <a href=/b class=c>b</a></p><ol start=3></ol>",
            usize::MAX,
            None,
        );
        let kept: Vec<(String, usize)> = dom
            .nodes
            .iter()
            .filter_map(|n| match &n.data {
                Data::Element { name, attrs, .. } => Some((name.local.to_string(), attrs.len())),
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
        ];
        assert_eq!(
            kept,
            want.map(|(n, k)| (n.to_string(), k)).to_vec(),
            "the class and id of <p> are read into its facts, then dropped"
        );
    }
}
