//! Precomputed ancestry: for each revision, the set of its ancestors (itself
//! included) as one row of a bit matrix. Alembic recomputes ancestor sets by
//! walking the graph over and over (at every merge of a topological sort, at
//! every step of the head maintainer); with the matrix each such question is
//! a bit test, and building it costs one pass in topological order.

use super::bitset::BitSet;

/// Above this many revisions the matrix (n²/8 bytes) is not built and
/// callers walk the graph instead.
pub(crate) const MAX_CLOSURE_REVISIONS: usize = 12_000;

#[derive(Debug, Clone)]
pub(crate) struct Closure {
    words_per_row: usize,
    bits: Vec<u64>,
}

impl Closure {
    /// `order` lists every revision after all of its parents.
    pub(crate) fn build<'a>(
        n: usize,
        order: &[usize],
        parents: impl Fn(usize) -> &'a [usize],
    ) -> Closure {
        let words_per_row = n.div_ceil(64);
        let mut bits = vec![0u64; words_per_row * n];
        for &i in order {
            let (row_start, row_end) = (i * words_per_row, (i + 1) * words_per_row);
            bits[row_start + i / 64] |= 1u64 << (i % 64);
            for &p in parents(i) {
                let p_start = p * words_per_row;
                for w in 0..words_per_row {
                    let word = bits[p_start + w];
                    bits[row_start + w] |= word;
                }
            }
            debug_assert!(row_end <= bits.len());
        }
        Closure {
            words_per_row,
            bits,
        }
    }

    /// Whether `ancestor` is an ancestor of `of` (or `of` itself).
    pub(crate) fn contains(&self, of: usize, ancestor: usize) -> bool {
        self.bits[of * self.words_per_row + ancestor / 64] & (1u64 << (ancestor % 64)) != 0
    }

    /// Adds the ancestors of `of` to `set`.
    pub(crate) fn union_into(&self, of: usize, set: &mut BitSet) {
        let row = &self.bits[of * self.words_per_row..(of + 1) * self.words_per_row];
        set.union_words(row);
    }
}
