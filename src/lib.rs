#![doc = include_str!("crate-docs.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![warn(missing_debug_implementations)]

pub mod analysis;
#[cfg(feature = "parallel")]
pub mod batch;
mod error;
#[cfg(feature = "eval")]
pub mod eval;
mod extractor;
pub mod gazetteer;
pub mod lexicon;
pub mod link;
pub mod quotes;
pub mod resolve;
pub mod rules;
pub mod segment;
mod span;
pub mod tokenize;

pub use analysis::{Analysis, Entity, EntityKind, FoundBy, Mention, MentionForm, Quote, QuoteKind, Rule};
pub use error::Error;
pub use extractor::{sections, Extractor, ExtractorBuilder, EMBEDDED_LISTS, SECTION_BYTES};
pub use span::{CharOffsets, OffsetUnit, Span};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
