//! Executes a [`crate::revision::Plan`] against a live database: the lock,
//! transactions, each section, the version table and the applied-migration log.
