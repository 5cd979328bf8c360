//! The functions kind: its ops, and where the diff puts them.

use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::functions::*;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::ops::*;

#[test]
fn create_and_drop() {
    let create = FunctionOp::Create(function("public.f()", "integer", "", "1"));
    assert_eq!(
        create.render(),
        vec![
            "CREATE OR REPLACE FUNCTION public.f() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;"
        ]
    );
    assert_eq!(create.describe(), "add function public.f()");
    assert_eq!(create.danger(), None);
    assert_eq!(create.inverse().render(), vec!["DROP FUNCTION public.f();"]);
    assert_eq!(create.inverse().danger(), None);
    assert_eq!(create.inverse().inverse(), create);
    let mut procedure = function("public.p()", "", "", "1");
    procedure.procedure = true;
    assert_eq!(
        FunctionOp::Drop(procedure).render(),
        vec!["DROP PROCEDURE public.p();"]
    );
}

#[test]
fn a_new_body_is_replaced_in_place() {
    let op = FunctionOp::Replace {
        from: function("public.f()", "integer", "", "1"),
        to: function("public.f()", "integer", "", "2"),
    };
    assert_eq!(
        op.render(),
        vec![
            "CREATE OR REPLACE FUNCTION public.f() RETURNS integer LANGUAGE sql AS $$ SELECT 2 $$;"
        ]
    );
    assert_eq!(op.describe(), "replace function public.f()");
    assert_eq!(op.danger(), None);
    assert_eq!(op.inverse().inverse(), op);
}

#[test]
fn a_new_result_type_drops_and_creates() {
    let op = FunctionOp::Replace {
        from: function("public.f()", "integer", "", "1"),
        to: function("public.f()", "bigint", "", "1"),
    };
    assert_eq!(
        op.render(),
        vec![
            "DROP FUNCTION public.f();",
            "CREATE OR REPLACE FUNCTION public.f() RETURNS bigint LANGUAGE sql AS $$ SELECT 1 $$;",
        ]
    );
    assert_eq!(
        op.danger().unwrap(),
        "drops and creates public.f() again (CREATE OR REPLACE cannot change its result or \
         arguments): fails if views, defaults or triggers use it"
    );
}

#[test]
fn a_function_a_default_calls_comes_before_its_table() {
    let f = function("public.next_code()", "text", "", "'x'");
    let mut code = column("code", "text");
    code.default = Some("next_code()".into());
    let mut to = schema();
    to.functions.insert(f.signature.clone(), f);
    to.tables
        .insert("public.t".into(), table("public.t", vec![code]));
    let described: Vec<String> = diff(&schema(), &to).iter().map(Op::describe).collect();
    assert_eq!(
        described,
        vec!["add function public.next_code()", "add table public.t"]
    );
    let back: Vec<String> = diff(&to, &schema()).iter().map(Op::describe).collect();
    assert_eq!(
        back,
        vec!["drop table public.t", "drop function public.next_code()"]
    );
}
