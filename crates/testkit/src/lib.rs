//! Test support: a throwaway PostgreSQL cluster and a fresh database per test.
