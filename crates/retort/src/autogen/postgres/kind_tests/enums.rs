//! The enums kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::enums::*;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::migration::uses_added_labels;
use crate::autogen::postgres::model::*;
use crate::autogen::postgres::ops::*;

fn mood(values: &[&str]) -> Enum {
    Enum {
        name: "public.mood".into(),
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

fn alter(from: &[&str], to: &[&str]) -> EnumOp {
    EnumOp::Alter {
        from: mood(from),
        to: mood(to),
        columns: vec![],
    }
}

#[test]
fn create_and_drop() {
    let create = EnumOp::Create(mood(&["sad", "it's ok"]));
    assert_eq!(
        create.render(),
        vec!["CREATE TYPE public.mood AS ENUM ('sad', 'it''s ok');"]
    );
    assert_eq!(create.describe(), "add enum public.mood");
    assert_eq!(create.danger(), None);
    assert_eq!(create.inverse().render(), vec!["DROP TYPE public.mood;"]);
    assert_eq!(create.inverse().inverse(), create);
    assert_eq!(create.inverse().danger().unwrap(), "drops enum public.mood");
}

#[test]
fn enum_changes() {
    assert_eq!(
        enum_change(&mood(&["a", "b"]), &mood(&["a", "x", "b"])),
        EnumChange::AddValues
    );
    assert_eq!(
        enum_change(&mood(&["a", "b"]), &mood(&["a", "c"])),
        EnumChange::RenameValues
    );
    assert_eq!(
        enum_change(&mood(&["a", "b"]), &mood(&["b", "a"])),
        EnumChange::Rebuild
    );
    assert_eq!(
        enum_change(&mood(&["a", "b"]), &mood(&["a"])),
        EnumChange::Rebuild
    );
}

#[test]
fn add_value_keeps_order() {
    let op = alter(&["sad", "happy"], &["meh", "sad", "ok", "happy"]);
    assert_eq!(
        op.render(),
        vec![
            "ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'sad';",
            "ALTER TYPE public.mood ADD VALUE 'ok' AFTER 'sad';"
        ]
    );
    assert_eq!(
        op.describe(),
        "change enum public.mood from (sad, happy) to (meh, sad, ok, happy)"
    );
    assert_eq!(op.danger(), None);
    assert_eq!(op.inverse().inverse(), op);
}

#[test]
fn rename_value_keeps_the_rows() {
    let op = alter(&["a", "b"], &["a", "c"]);
    assert_eq!(
        op.render(),
        vec!["ALTER TYPE public.mood RENAME VALUE 'b' TO 'c';"]
    );
    assert_eq!(
        op.danger().unwrap(),
        "renames labels of enum public.mood (b -> c): rows keep their value under the new label"
    );
    assert_eq!(
        op.inverse().render(),
        vec!["ALTER TYPE public.mood RENAME VALUE 'c' TO 'b';"]
    );
}

#[test]
fn removing_a_label_rebuilds_the_type() {
    let mut from = schema();
    from.enums
        .insert("public.mood".into(), mood(&["sad", "happy"]));
    let mut column = column("m", "mood");
    column.default = Some("'sad'::mood".into());
    from.tables
        .insert("public.t".into(), table("public.t", vec![column]));
    let mut to = from.clone();
    to.enums.insert("public.mood".into(), mood(&["happy"]));
    let ops = diff(&from, &to);
    assert_eq!(
        sql(&ops),
        vec![
            "ALTER TYPE public.mood RENAME TO mood__retort_old;",
            "CREATE TYPE public.mood AS ENUM ('happy');",
            "ALTER TABLE public.t ALTER COLUMN m DROP DEFAULT;",
            "ALTER TABLE public.t ALTER COLUMN m TYPE public.mood USING m::text::public.mood;",
            "DROP TYPE public.mood__retort_old;",
        ]
    );
    assert_eq!(
        ops[0].danger().unwrap(),
        "removes labels from enum public.mood: rows holding them make it fail"
    );
}

#[test]
fn a_renamed_label_is_renamed_where_it_is_used() {
    let mut from = schema();
    from.enums.insert("public.mood".into(), mood(&["a", "b"]));
    let mut c = column("m", "mood");
    c.default = Some("'b'::mood".into());
    from.tables
        .insert("public.t".into(), table("public.t", vec![c]));
    let mut to = from.clone();
    to.enums.insert("public.mood".into(), mood(&["a", "c"]));
    to.tables
        .get_mut("public.t")
        .unwrap()
        .columns
        .get_mut("m")
        .unwrap()
        .default = Some("'c'::mood".into());
    // The default follows the label: nothing else to do.
    assert_eq!(
        sql(&diff(&from, &to)),
        vec!["ALTER TYPE public.mood RENAME VALUE 'b' TO 'c';"]
    );
}

#[test]
fn an_added_label_used_later_needs_a_commit() {
    let add = Op::Enum(alter(&["a"], &["a", "b"]));
    let check = Op::Constraint(ConstraintOp::Add {
        table: "public.t".into(),
        constraint: check("t_m_check", "CHECK ((m <> 'b'::mood))"),
    });
    assert!(uses_added_labels(&[add.clone(), check.clone()]));
    assert!(!uses_added_labels(&[check, add]));
}
