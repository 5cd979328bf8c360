//! The partitions kind: its ops, and where the diff puts them.

use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::partitions::*;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::model::*;
use super::support::*;
use crate::autogen::postgres::ops::*;

fn partition(name: &str, parent: &str, bound: &str) -> Table {
    let mut t = table(name, vec![]);
    t.partition_of = Some(PartitionOf {
        parent: parent.into(),
        bound: bound.into(),
    });
    t
}

fn parent(name: &str) -> Table {
    let mut t = table(name, vec![column("at", "date")]);
    t.partition_by = Some("RANGE (at)".into());
    t
}

#[test]
fn a_moved_partition_is_detached_and_attached() {
    let op = PartitionOp::Move {
        table: "public.m_a".into(),
        from: PartitionOf {
            parent: "public.m".into(),
            bound: "FOR VALUES IN (1)".into(),
        },
        to: PartitionOf {
            parent: "public.m".into(),
            bound: "FOR VALUES IN (1, 2)".into(),
        },
        not_null_renames: Vec::new(),
    };
    assert_eq!(
        op.render(),
        vec![
            "ALTER TABLE public.m DETACH PARTITION public.m_a;",
            "ALTER TABLE public.m ATTACH PARTITION public.m_a FOR VALUES IN (1, 2);",
        ]
    );
    assert_eq!(
        op.describe(),
        "partition public.m_a of public.m FOR VALUES IN (1, 2)"
    );
    assert_eq!(
        op.danger().unwrap(),
        "detaches public.m_a from public.m and attaches it again: rows outside the new \
         bound make it fail"
    );
    assert_eq!(
        op.inverse().render()[1],
        "ALTER TABLE public.m ATTACH PARTITION public.m_a FOR VALUES IN (1);"
    );
    assert_eq!(op.inverse().inverse(), op);
}

#[test]
fn partitions_come_after_their_parent_and_go_before_it() {
    let mut to = schema();
    to.tables.insert(
        "public.a_part".into(),
        partition("public.a_part", "public.z", "DEFAULT"),
    );
    to.tables.insert("public.z".into(), parent("public.z"));
    let described: Vec<String> = diff(&schema(), &to).iter().map(Op::describe).collect();
    assert_eq!(
        described,
        vec!["add table public.z", "add table public.a_part"]
    );
    let back: Vec<String> = diff(&to, &schema()).iter().map(Op::describe).collect();
    assert_eq!(
        back,
        vec!["drop table public.a_part", "drop table public.z"]
    );
}

#[test]
fn a_change_of_partitioning_replaces_the_table_and_its_partitions() {
    let mut from = schema();
    from.tables.insert("public.m".into(), parent("public.m"));
    from.tables.insert(
        "public.m_all".into(),
        partition("public.m_all", "public.m", "DEFAULT"),
    );
    let mut to = from.clone();
    to.tables.get_mut("public.m").unwrap().partition_by = Some("LIST (at)".into());
    assert_eq!(
        replaced_tables(&from, &to),
        ["public.m".to_string(), "public.m_all".to_string()].into()
    );
    let described: Vec<String> = diff(&from, &to).iter().map(Op::describe).collect();
    assert_eq!(
        described,
        vec![
            "drop table public.m_all",
            "drop table public.m",
            "add table public.m",
            "add table public.m_all",
        ]
    );
}

/// `public.m` partitioned on `at` (NOT NULL, named as PostgreSQL 18
/// names it) with partition `public.m_a`, and `public.n` likewise.
fn named_tree(parent_of_a: &str, a_name: Option<&str>) -> Schema {
    let mut s = schema();
    s.not_null_names = true;
    for name in ["public.m", "public.n"] {
        let mut p = parent(name);
        let at = p.columns.get_mut("at").unwrap();
        at.not_null = true;
        at.not_null_name = Some(format!("{}_at_not_null", &name["public.".len()..]));
        s.tables.insert(name.into(), p);
    }
    let mut a = partition("public.m_a", parent_of_a, "DEFAULT");
    if let Some(own) = a_name {
        a.partition_not_null_names.insert("at".into(), own.into());
    }
    s.tables.insert("public.m_a".into(), a);
    s
}

#[test]
fn a_partition_takes_its_new_parents_not_null_names_while_detached() {
    // Moved from m to n: it keeps m's name, and n's is the target's.
    let ops = diff(&named_tree("public.m", None), &named_tree("public.n", None));
    assert_eq!(
        sql(&ops),
        vec![
            "ALTER TABLE public.m DETACH PARTITION public.m_a;",
            "ALTER TABLE public.m_a RENAME CONSTRAINT m_at_not_null TO n_at_not_null;",
            "ALTER TABLE public.n ATTACH PARTITION public.m_a DEFAULT;",
        ]
    );
    assert_eq!(
        sql(&inverses(&ops))[1],
        "ALTER TABLE public.m_a RENAME CONSTRAINT n_at_not_null TO m_at_not_null;"
    );
    // Same parent, a name of its own (attached with it) against the parent's.
    let own = named_tree("public.m", Some("m_a_at_not_null"));
    assert_eq!(
        sql(&diff(&own, &named_tree("public.m", None))),
        vec![
            "ALTER TABLE public.m DETACH PARTITION public.m_a;",
            "ALTER TABLE public.m_a RENAME CONSTRAINT m_a_at_not_null TO m_at_not_null;",
            "ALTER TABLE public.m ATTACH PARTITION public.m_a DEFAULT;",
        ]
    );
    // Created with its own name, which PARTITION OF would not give it.
    let mut without_a = own.clone();
    without_a.tables.remove("public.m_a");
    assert_eq!(
        sql(&diff(&without_a, &own)),
        vec![
            "CREATE TABLE public.m_a PARTITION OF public.m (\n    at WITH OPTIONS CONSTRAINT \
             m_a_at_not_null NOT NULL\n) DEFAULT;"
        ]
    );
}
