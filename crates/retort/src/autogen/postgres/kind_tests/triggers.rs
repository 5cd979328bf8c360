//! The triggers kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::kinds::triggers::*;
use crate::autogen::postgres::model::*;

fn audit(when: &str) -> Trigger {
    Trigger {
        name: "audit".into(),
        table: "public.t".into(),
        definition: format!(
            "CREATE TRIGGER audit {when} INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.log()"
        ),
    }
}

#[test]
fn create_and_drop() {
    let create = TriggerOp::Create(audit("AFTER"));
    assert_eq!(
        create.render(),
        vec![
            "CREATE TRIGGER audit AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.log();"
        ]
    );
    assert_eq!(create.describe(), "add trigger audit on public.t");
    assert_eq!(create.danger(), None);
    assert_eq!(
        create.inverse().render(),
        vec!["DROP TRIGGER audit ON public.t;"]
    );
    assert_eq!(create.inverse().danger(), None);
    assert_eq!(create.inverse().inverse(), create);
}

#[test]
fn a_changed_trigger_is_dropped_first_and_created_last() {
    let mut from = schema();
    from.tables.insert(
        "public.t".into(),
        table("public.t", vec![column("n", "integer")]),
    );
    let mut to = from.clone();
    from.triggers
        .insert("public.t audit".into(), audit("AFTER"));
    to.triggers.insert("public.t audit".into(), audit("BEFORE"));
    to.tables
        .get_mut("public.t")
        .unwrap()
        .columns
        .insert("m".into(), column("m", "integer"));
    assert_eq!(
        sql(&diff(&from, &to)),
        vec![
            "DROP TRIGGER audit ON public.t;",
            "ALTER TABLE public.t ADD COLUMN m integer;",
            "CREATE TRIGGER audit BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.log();",
        ]
    );
}
