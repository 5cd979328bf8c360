//! Planner edge cases, with expectations recorded from Alembic 1.20.

use crate::revision_support;

use retort::revision::{
    parse_migrate_argument, Direction, NewRevisionRequest, Revision, RevisionMap,
};
use revision_support::{describe, graph, revisions, rows};

/// Two branches from `cccc3` (one labelled `feat`), a dependency of the
/// other branch on the first base, and a second root labelled `other`.
const FORKED: &str = "aaaa1;bbbb2:aaaa1;cccc3:bbbb2;dddd4:cccc3:feat;eeee5:dddd4;\
                      dddd6:cccc3;eeee7:dddd6::aaaa1;ffff8::other";

fn forked() -> RevisionMap {
    graph(FORKED)
}

#[test]
fn upgrade_heads_from_base_follows_alembic_order() {
    let plan = forked().plan_upgrade(&[], "heads").unwrap();
    assert_eq!(
        describe(&plan),
        [
            "up:aaaa1",
            "INSERT aaaa1",
            "up:ffff8",
            "INSERT ffff8",
            "up:bbbb2",
            "UPDATE aaaa1->bbbb2",
            "up:cccc3",
            "UPDATE bbbb2->cccc3",
            "up:dddd6",
            "UPDATE cccc3->dddd6",
            "up:eeee7",
            "UPDATE dddd6->eeee7",
            "up:dddd4",
            "INSERT dddd4",
            "up:eeee5",
            "UPDATE dddd4->eeee5",
        ]
    );
    assert!(plan.steps[0].starts_without_rows);
    assert!(!plan.steps[1].starts_without_rows);
    let mut heads = plan.final_heads.clone();
    heads.sort();
    assert_eq!(heads, rows(&["eeee5", "eeee7", "ffff8"]));
}

#[test]
fn upgrade_to_a_labelled_branch_head() {
    let plan = forked().plan_upgrade(&[], "feat@head").unwrap();
    assert_eq!(
        describe(&plan),
        [
            "up:aaaa1",
            "INSERT aaaa1",
            "up:bbbb2",
            "UPDATE aaaa1->bbbb2",
            "up:cccc3",
            "UPDATE bbbb2->cccc3",
            "up:dddd4",
            "UPDATE cccc3->dddd4",
            "up:eeee5",
            "UPDATE dddd4->eeee5",
        ]
    );
}

#[test]
fn label_relative_step_from_base_starts_its_own_root() {
    let plan = forked().plan_upgrade(&[], "other@+1").unwrap();
    assert_eq!(describe(&plan), ["up:ffff8", "INSERT ffff8"]);
}

#[test]
fn relative_upgrade_that_walks_off_the_top_is_an_error() {
    let err = forked().plan_upgrade(&rows(&["dddd4"]), "+2").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Relative revision +2 didn't produce 2 migrations"
    );
}

#[test]
fn relative_upgrade_from_several_heads_is_ambiguous() {
    let err = forked()
        .plan_upgrade(&rows(&["eeee5", "eeee7"]), "+1")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Ambiguous upgrade from multiple current revisions"
    );
}

#[test]
fn head_with_several_heads_names_the_argument() {
    let err = forked().plan_upgrade(&[], "head").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Multiple head revisions are present for given argument 'head'; please specify a \
         specific target revision, '<branchname>@head' to narrow to a specific head, or \
         'heads' for all heads"
    );
}

#[test]
fn downgrade_to_base_deletes_the_last_row() {
    let plan = forked().plan_downgrade(&rows(&["eeee5"]), "base").unwrap();
    assert_eq!(
        describe(&plan),
        [
            "down:eeee5",
            "UPDATE eeee5->dddd4",
            "down:dddd4",
            "UPDATE dddd4->cccc3",
            "down:cccc3",
            "UPDATE cccc3->bbbb2",
            "down:bbbb2",
            "UPDATE bbbb2->aaaa1",
            "down:aaaa1",
            "DELETE aaaa1",
        ]
    );
    assert!(plan.final_heads.is_empty());
}

#[test]
fn downgrading_a_revision_with_a_dependency_on_an_ancestor_moves_one_row() {
    let plan = forked().plan_downgrade(&rows(&["eeee7"]), "dddd6").unwrap();
    assert_eq!(describe(&plan), ["down:eeee7", "UPDATE eeee7->dddd6"]);
}

#[test]
fn downgrade_minus_one_at_a_merge_is_an_ambiguous_walk() {
    let map = graph("a1;b1:a1;b2:a1;m1:b1,b2");
    let err = map.plan_downgrade(&rows(&["m1"]), "-1").unwrap_err();
    assert_eq!(err.to_string(), "Ambiguous walk");
    // Walking up into the merge is fine.
    let plan = map.plan_upgrade(&rows(&["b1", "b2"]), "m1").unwrap();
    assert_eq!(describe(&plan), ["up:m1", "DELETE b1", "UPDATE b2->m1"]);
}

#[test]
fn upgrade_through_a_merge_applies_the_last_parent_branch_first() {
    let map = graph("a1;b1:a1;b2:a1;m1:b1,b2");
    let plan = map.plan_upgrade(&[], "heads").unwrap();
    assert_eq!(
        describe(&plan),
        [
            "up:a1",
            "INSERT a1",
            "up:b2",
            "UPDATE a1->b2",
            "up:b1",
            "INSERT b1",
            "up:m1",
            "DELETE b1",
            "UPDATE b2->m1",
        ]
    );
}

#[test]
fn downgrade_minus_one_with_several_rows_starts_from_the_first_row() {
    let map = forked();
    let plan = map
        .plan_downgrade(&rows(&["eeee7", "eeee5"]), "-1")
        .unwrap();
    assert_eq!(describe(&plan), ["down:eeee7", "UPDATE eeee7->dddd6"]);
    let plan = map
        .plan_downgrade(&rows(&["eeee5", "eeee7"]), "-1")
        .unwrap();
    assert_eq!(describe(&plan), ["down:eeee5", "UPDATE eeee5->dddd4"]);
}

#[test]
fn downgrade_heads_with_several_heads_is_an_error() {
    let err = forked()
        .plan_downgrade(&rows(&["eeee5"]), "heads")
        .unwrap_err();
    assert!(err
        .to_string()
        .starts_with("Multiple head revisions are present for given argument 'heads'"));
}

#[test]
fn stamp_moves_rows_on_the_same_line_and_adds_new_branches() {
    let map = forked();
    let plan = map
        .plan_stamp(&rows(&["bbbb2"]), &rows(&["eeee5"]), false)
        .unwrap();
    assert_eq!(describe(&plan), ["stamp", "UPDATE bbbb2->eeee5"]);
    let plan = map
        .plan_stamp(&rows(&["eeee5"]), &rows(&["ffff8"]), false)
        .unwrap();
    assert_eq!(describe(&plan), ["stamp", "INSERT ffff8"]);
    let plan = map
        .plan_stamp(&rows(&["eeee5", "ffff8"]), &rows(&["base"]), false)
        .unwrap();
    assert_eq!(
        describe(&plan),
        ["stamp", "DELETE eeee5", "stamp", "DELETE ffff8"]
    );
    let plan = map
        .plan_stamp(&rows(&["eeee5"]), &rows(&["ffff8"]), true)
        .unwrap();
    assert!(plan.purge);
    assert_eq!(describe(&plan), ["stamp", "INSERT ffff8"]);
    assert_eq!(plan.final_heads, rows(&["ffff8"]));
}

#[test]
fn offline_ranges_split_as_alembic_splits_them() {
    let up = parse_migrate_argument("a:b", true, Direction::Up).unwrap();
    assert_eq!(
        (up.start.as_deref(), up.destination.as_str()),
        (Some("a"), "b")
    );
    let open = parse_migrate_argument(":b", true, Direction::Up).unwrap();
    assert_eq!(open.start, None);
    assert_eq!(
        parse_migrate_argument("a:b", false, Direction::Up)
            .unwrap_err()
            .to_string(),
        "Range revision not allowed"
    );
    assert_eq!(
        parse_migrate_argument("b", true, Direction::Down)
            .unwrap_err()
            .to_string(),
        "downgrade with --sql requires <fromrev>:<torev>"
    );
    assert!(parse_migrate_argument("a:b:c", true, Direction::Up).is_err());
    let map = forked();
    assert_eq!(
        map.offline_start_heads(Some("eeee"))
            .unwrap_err()
            .to_string(),
        "Can't locate revision identified by 'eeee' (Multiple revisions start with 'eeee': 'eeee5', 'eeee7'...)"
    );
    assert_eq!(
        map.offline_start_heads(Some("eeee5")).unwrap(),
        rows(&["eeee5"])
    );
    assert!(map.offline_start_heads(Some("base")).unwrap().is_empty());
}

fn new_parents(
    map: &RevisionMap,
    heads: &[&str],
    splice: bool,
    labels: &[&str],
    deps: &[&str],
) -> Result<(Vec<String>, Vec<String>), String> {
    let heads = rows(heads);
    let labels = rows(labels);
    let deps = rows(deps);
    map.new_revision_parents(&NewRevisionRequest {
        rev_id: "new000000001",
        heads: &heads,
        splice,
        branch_labels: &labels,
        depends_on: &deps,
    })
    .map(|p| (p.down_revisions, p.depends_on))
    .map_err(|e| e.to_string())
}

#[test]
fn new_revision_parents_follow_alembic_rules() {
    let map = forked();
    assert_eq!(
        new_parents(&map, &[], false, &[], &[]).unwrap_err(),
        "Multiple heads are present; please specify the head revision on which the new \
         revision should be based, or perform a merge."
    );
    assert_eq!(
        new_parents(&map, &["cccc3"], false, &[], &[]).unwrap_err(),
        "Revision cccc3 is not a head revision; please specify --splice to create a new \
         branch from this revision"
    );
    assert_eq!(
        new_parents(&map, &["cccc3"], true, &[], &[]).unwrap(),
        (rows(&["cccc3"]), vec![])
    );
    assert_eq!(
        new_parents(&map, &["feat@head"], false, &[], &["eeee7", "feat", "ffff"]).unwrap(),
        (rows(&["eeee5"]), rows(&["eeee7", "feat", "ffff8"]))
    );
    assert_eq!(
        new_parents(&map, &["feat@head"], false, &["feat"], &[]).unwrap_err(),
        "Branch name 'feat' in revision new000000001 already used by revision dddd4"
    );
    assert_eq!(
        new_parents(&map, &["eeee5", "eeee5"], false, &[], &[]).unwrap_err(),
        "Duplicate head revisions specified"
    );
    assert_eq!(
        new_parents(&map, &["heads"], false, &[], &[]).unwrap().0,
        rows(&["eeee5", "eeee7", "ffff8"])
    );
    assert_eq!(
        new_parents(&map, &["base"], false, &[], &[]).unwrap().0,
        Vec::<String>::new()
    );
    assert_eq!(
        new_parents(&map, &["ddd"], false, &[], &[]).unwrap_err(),
        "Can't locate revision identified by 'ddd' (Multiple revisions start with 'ddd': 'dddd4', 'dddd6'...)"
    );
    assert_eq!(
        new_parents(&map, &["feat@-1"], true, &[], &[]).unwrap().0,
        rows(&["dddd4"])
    );
    // Alembic fails with an assertion here (one head walks below base).
    assert!(new_parents(&map, &["-1"], false, &[], &[]).is_err());
}

#[test]
fn broken_graphs_are_reported_with_the_revisions_involved() {
    let err = |spec: &str| RevisionMap::new(revisions(spec)).unwrap_err().to_string();
    assert_eq!(err("a1;a1"), "Revision a1 is present more than once");
    assert_eq!(
        err("a1;b1:zz"),
        "Revision zz referenced from b1 is not present"
    );
    assert_eq!(
        err("a1;b1:a1::nope"),
        "Dependency nope of revision b1 is not present"
    );
    assert_eq!(err("a1;b1:b1"), "Self-loop is detected in revisions (b1)");
    assert_eq!(
        err("a1;b1:c1;c1:b1"),
        "Cycle is detected in revisions (b1, c1)"
    );
    assert_eq!(
        err("a1:c1;b1:a1;c1:b1"),
        "Cycle is detected in revisions (a1, b1, c1)"
    );
    assert_eq!(
        err("a1;b1:a1::c1;c1:a1::b1"),
        "Dependency cycle is detected in revisions (a1, b1, c1)"
    );
    assert_eq!(
        err("a1::x;b1:a1:x"),
        "Branch name 'x' in revision b1 already used by revision a1"
    );
    assert_eq!(
        err("a1;b1:a1:a1"),
        "Branch name 'a1' in revision b1 already used by revision a1"
    );
    assert_eq!(
        err("a-1"),
        "Character(s) '-' not allowed in revision identifier 'a-1'"
    );
    assert!(RevisionMap::new(Vec::<Revision>::new()).unwrap().is_empty());
}

#[test]
fn applied_revisions_follow_parents_and_dependencies() {
    let map = forked();
    let ids = |rows: &[&str]| -> Vec<String> {
        map.applied_revisions(rows)
            .iter()
            .map(|r| r.id.clone())
            .collect()
    };
    assert_eq!(
        ids(&["eeee7"]),
        rows(&["aaaa1", "bbbb2", "cccc3", "dddd6", "eeee7"])
    );
    assert_eq!(
        ids(&["dddd4", "ffff8", "nope"]),
        rows(&["aaaa1", "bbbb2", "cccc3", "dddd4", "ffff8"])
    );
    assert!(ids(&[]).is_empty());
}
