//! Renders a [`crate::revision::Plan`] as one SQL script (`--sql`).
