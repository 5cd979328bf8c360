//! The comments kind: its ops, and where the diff puts them.

use super::support::*;
use crate::autogen::postgres::diff;
use crate::autogen::postgres::kinds::comments::*;
use crate::autogen::postgres::kinds::test_support::*;
use crate::autogen::postgres::ops::*;

fn comment(target: &str, from: Option<&str>, to: Option<&str>) -> CommentOp {
    CommentOp::Set {
        target: target.into(),
        from: from.map(str::to_string),
        to: to.map(str::to_string),
    }
}

#[test]
fn set_and_clear() {
    let set = comment("VIEW public.v", None, Some("it's a view"));
    assert_eq!(
        set.render(),
        vec!["COMMENT ON VIEW public.v IS 'it''s a view';"]
    );
    assert_eq!(set.describe(), "comment on view public.v");
    assert_eq!(
        set.inverse().render(),
        vec!["COMMENT ON VIEW public.v IS NULL;"]
    );
    assert_eq!(set.inverse().inverse(), set);
    assert_eq!(set.danger(), None);
}

#[test]
fn a_comment_on_a_new_object_comes_after_it() {
    let mut to = schema();
    to.views.insert("public.v".into(), view("public.v", &[]));
    to.comments.insert("VIEW public.v".into(), "v".into());
    assert_eq!(
        sql(&diff(&schema(), &to)),
        vec![
            "CREATE VIEW public.v AS\n SELECT 1;",
            "COMMENT ON VIEW public.v IS 'v';",
        ]
    );
}

#[test]
fn a_comment_on_a_dropped_object_is_cleared_first() {
    let mut from = schema();
    from.views.insert("public.v".into(), view("public.v", &[]));
    from.comments.insert("VIEW public.v".into(), "v".into());
    let ops = diff(&from, &schema());
    assert_eq!(
        sql(&ops),
        vec!["COMMENT ON VIEW public.v IS NULL;", "DROP VIEW public.v;",]
    );
    // The downgrade puts it back once the view exists again.
    assert_eq!(
        sql(&inverses(&ops)),
        vec![
            "CREATE VIEW public.v AS\n SELECT 1;",
            "COMMENT ON VIEW public.v IS 'v';",
        ]
    );
}

#[test]
fn a_changed_comment_is_set_in_place() {
    let mut from = schema();
    from.schemas.insert("app".into());
    let mut to = from.clone();
    from.comments.insert("SCHEMA app".into(), "old".into());
    to.comments.insert("SCHEMA app".into(), "new".into());
    assert_eq!(
        diff(&from, &to),
        vec![Op::Comment(comment("SCHEMA app", Some("old"), Some("new")))]
    );
    from.comments.clear();
    assert_eq!(
        sql(&diff(&to, &from)),
        vec!["COMMENT ON SCHEMA app IS NULL;"]
    );
}
