//! The element kinds gleaner tells apart, from an element's name: below the element
//! facts and the blocks that use them.

use html5ever::local_name;

/// The element kinds gleaner tells apart; everything else is [`Tag::Other`] (inline) or
/// [`Tag::Block`] (an unknown block-level element).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
#[allow(missing_docs)]
pub enum Tag {
    Html,
    Body,
    Div,
    Section,
    Article,
    Main,
    P,
    H(u8),
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Table,
    Tr,
    Td,
    Th,
    Caption,
    Figure,
    Figcaption,
    Header,
    Footer,
    Nav,
    Aside,
    Form,
    A,
    Code,
    Em,
    Strong,
    Img,
    Time,
    Block,
    #[default]
    Other,
}

impl Tag {
    /// The tag for an HTML local name.
    pub fn from_name(name: &html5ever::LocalName) -> Tag {
        match *name {
            local_name!("html") => Tag::Html,
            local_name!("body") => Tag::Body,
            local_name!("div") => Tag::Div,
            local_name!("section") => Tag::Section,
            local_name!("article") => Tag::Article,
            local_name!("main") => Tag::Main,
            local_name!("p") => Tag::P,
            local_name!("h1") => Tag::H(1),
            local_name!("h2") => Tag::H(2),
            local_name!("h3") => Tag::H(3),
            local_name!("h4") => Tag::H(4),
            local_name!("h5") => Tag::H(5),
            local_name!("h6") => Tag::H(6),
            local_name!("ul") | local_name!("menu") | local_name!("dir") => Tag::Ul,
            local_name!("ol") => Tag::Ol,
            local_name!("li") => Tag::Li,
            local_name!("dl") => Tag::Dl,
            local_name!("dt") => Tag::Dt,
            local_name!("dd") => Tag::Dd,
            local_name!("blockquote") => Tag::Blockquote,
            local_name!("pre")
            | local_name!("listing")
            | local_name!("xmp")
            | local_name!("plaintext") => Tag::Pre,
            local_name!("table") => Tag::Table,
            local_name!("tr") => Tag::Tr,
            local_name!("td") => Tag::Td,
            local_name!("th") => Tag::Th,
            local_name!("caption") => Tag::Caption,
            local_name!("figure") => Tag::Figure,
            local_name!("figcaption") => Tag::Figcaption,
            local_name!("header") => Tag::Header,
            local_name!("footer") => Tag::Footer,
            local_name!("nav") => Tag::Nav,
            local_name!("aside") => Tag::Aside,
            local_name!("form") => Tag::Form,
            local_name!("a") => Tag::A,
            local_name!("code") | local_name!("kbd") | local_name!("samp") | local_name!("tt") => {
                Tag::Code
            }
            local_name!("em") | local_name!("i") | local_name!("cite") | local_name!("dfn") => {
                Tag::Em
            }
            local_name!("strong") | local_name!("b") => Tag::Strong,
            local_name!("img") => Tag::Img,
            local_name!("time") => Tag::Time,
            local_name!("address")
            | local_name!("center")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("fieldset")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("legend")
            | local_name!("summary")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("frameset")
            | local_name!("noframes")
            | local_name!("search")
            | local_name!("output") => Tag::Block,
            _ => Tag::Other,
        }
    }

    /// A short lower-case name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Tag::Html => "html",
            Tag::Body => "body",
            Tag::Div => "div",
            Tag::Section => "section",
            Tag::Article => "article",
            Tag::Main => "main",
            Tag::P => "p",
            Tag::H(1) => "h1",
            Tag::H(2) => "h2",
            Tag::H(3) => "h3",
            Tag::H(4) => "h4",
            Tag::H(5) => "h5",
            Tag::H(_) => "h6",
            Tag::Ul => "ul",
            Tag::Ol => "ol",
            Tag::Li => "li",
            Tag::Dl => "dl",
            Tag::Dt => "dt",
            Tag::Dd => "dd",
            Tag::Blockquote => "blockquote",
            Tag::Pre => "pre",
            Tag::Table => "table",
            Tag::Tr => "tr",
            Tag::Td => "td",
            Tag::Th => "th",
            Tag::Caption => "caption",
            Tag::Figure => "figure",
            Tag::Figcaption => "figcaption",
            Tag::Header => "header",
            Tag::Footer => "footer",
            Tag::Nav => "nav",
            Tag::Aside => "aside",
            Tag::Form => "form",
            Tag::A => "a",
            Tag::Code => "code",
            Tag::Em => "em",
            Tag::Strong => "strong",
            Tag::Img => "img",
            Tag::Time => "time",
            Tag::Block => "block",
            Tag::Other => "inline",
        }
    }

    /// Whether the element starts a new block of text.
    pub fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::A | Tag::Code | Tag::Em | Tag::Strong | Tag::Img | Tag::Time | Tag::Other
        )
    }
}
