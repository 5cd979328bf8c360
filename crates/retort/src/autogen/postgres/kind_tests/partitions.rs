//! The partitions kind: its ops, and where the diff puts them.

use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::partitions::*;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::model::*;
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
