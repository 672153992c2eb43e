//! Exchange with the tools around a workspace: fact-checkers' ClaimReview JSON-LD
//! ([`claimreview`]), Google Fact Check Tools API responses ([`factcheck`]), and the table that
//! maps fact-checkers' rating labels onto the project's scale ([`ratings`]).

pub mod ratings;
