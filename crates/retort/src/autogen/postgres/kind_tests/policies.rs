//! The policies kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::policies::*;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::model::*;

fn own_rows() -> Policy {
    Policy {
        name: "own_rows".into(),
        table: "public.t".into(),
        permissive: true,
        command: "SELECT".into(),
        roles: vec!["PUBLIC".into()],
        using: Some("(owner = CURRENT_USER)".into()),
        with_check: None,
    }
}

#[test]
fn create_and_drop() {
    let create = PolicyOp::Create(own_rows());
    assert_eq!(
        create.render(),
        vec![
            "CREATE POLICY own_rows ON public.t AS PERMISSIVE FOR SELECT TO PUBLIC \
             USING ((owner = CURRENT_USER));"
        ]
    );
    assert_eq!(create.describe(), "add policy own_rows on public.t");
    assert_eq!(create.danger(), None);
    assert_eq!(
        create.inverse().render(),
        vec!["DROP POLICY own_rows ON public.t;"]
    );
    assert_eq!(create.inverse().inverse(), create);
    assert_eq!(
        create.inverse().danger().unwrap(),
        "drops policy own_rows on public.t: rows it guarded are governed by the remaining \
         policies"
    );
    let mut restrictive = own_rows();
    restrictive.permissive = false;
    restrictive.command = "INSERT".into();
    restrictive.using = None;
    restrictive.with_check = Some("true".into());
    assert_eq!(
        PolicyOp::Create(restrictive).render(),
        vec![
            "CREATE POLICY own_rows ON public.t AS RESTRICTIVE FOR INSERT TO PUBLIC \
             WITH CHECK (true);"
        ]
    );
}

#[test]
fn row_security_switches() {
    let off = RowSecurity {
        enabled: false,
        forced: false,
    };
    let on = RowSecurity {
        enabled: true,
        forced: true,
    };
    let op = PolicyOp::SetRowSecurity {
        table: "public.t".into(),
        from: off,
        to: on,
    };
    assert_eq!(
        op.render(),
        vec![
            "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;",
            "ALTER TABLE public.t FORCE ROW LEVEL SECURITY;",
        ]
    );
    assert_eq!(
        op.describe(),
        "row level security on public.t: enabled, forced"
    );
    assert_eq!(op.danger(), None);
    assert_eq!(
        op.inverse().render(),
        vec![
            "ALTER TABLE public.t DISABLE ROW LEVEL SECURITY;",
            "ALTER TABLE public.t NO FORCE ROW LEVEL SECURITY;",
        ]
    );
    assert_eq!(
        op.inverse().danger().unwrap(),
        "disables row level security on public.t: every row becomes visible to those with \
         table privileges"
    );
    assert_eq!(op.inverse().inverse(), op);
}

#[test]
fn a_new_table_with_row_security_and_a_policy() {
    let mut t = table("public.t", vec![column("owner", "text")]);
    t.row_security = true;
    let mut to = schema();
    to.tables.insert("public.t".into(), t);
    to.policies.insert("public.t own_rows".into(), own_rows());
    assert_eq!(
        sql(&diff(&schema(), &to)),
        vec![
            "CREATE TABLE public.t (\n    owner text\n);",
            "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;",
            "CREATE POLICY own_rows ON public.t AS PERMISSIVE FOR SELECT TO PUBLIC \
             USING ((owner = CURRENT_USER));",
        ]
    );
}
