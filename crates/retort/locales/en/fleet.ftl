# fleet

## Listing the targets: targets files, `targets` items, a query's rows

fleet-cannot-read-targets-file = cannot read the targets file { $path }: { $reason }
# A mistake on a line of a targets file: "targets.txt line 3: ...".
fleet-line-problem = { $origin } line { $line }: { $problem }
fleet-names-no-database = names no database
fleet-too-many-words = `{ $text }` has more than a URL and a schema (a line is `URL` or `URL SCHEMA`)
fleet-schema-only-postgres = { $url } names a schema, which only PostgreSQL targets have
fleet-targets-item = { $table } `targets` item { $item }: { $problem }
fleet-query-no-database = { $table } has a `query` but no database to run it on: set `query_url`, or the project's `url`
fleet-query-failed = { $table } `query` on { $url }: { $error }
fleet-row-no-value = row { $row } has no value in its first column
fleet-row-problem = row { $row }: { $problem }
fleet-row-sqlite-needs-urls = row { $row } names `{ $name }`: a query on SQLite must give URLs
# How a tenant schema target is named: "postgresql://u:***@h/db schema tenant_1".
fleet-target-in-schema = { $url } schema { $schema }
fleet-check-no-tenant-schema = check compares whole databases; a tenant schema is not compared

## [fleet] in retort.toml (each after "`fleet.KEY` ")

fleet-config-must-not-be-table = must not be a table
fleet-config-must-be-target-list = must be a list of strings (`URL` or `URL SCHEMA`), not { $found }
fleet-config-must-be-whole-number = must be a whole number, not { $found }
fleet-config-query-gives = must be "databases" or "schemas", not `{ $found }`
fleet-config-count-range = must be from 1 to 1024, not { $found }
fleet-config-query-url-without-query = { $table } sets `query_url` but no `query`
fleet-config-no-targets = { $table } lists no targets: give `targets`, `targets_file` or `query`

## Servers refused

fleet-cockroach-refused = this server is CockroachDB ({ $server }), whose advisory locks do not lock: two retort runs at once could both apply a migration, and its DDL is not transactional as PostgreSQL's is. retort does not migrate CockroachDB; use its own schema change tooling, or run `retort upgrade --sql` and apply the script with one process

## The command line

fleet-option-needs-fleet = { $flag } is for fleet runs: add --fleet [NAME] or --targets FILE
fleet-no-sql-or-exec = --sql and `-- CMD` run on one database, not a fleet
fleet-no-sql = --sql runs on one database, not a fleet
fleet-no-check-heads = --check-heads is for one database; on a fleet, `pending --fleet` exits 3 when any target is behind
fleet-no-targets = the fleet lists no targets: nothing to run on
fleet-unknown-no-fleets = { $path } has no { $wanted } listing targets (nor any fleet): add one, or pass --targets FILE
fleet-unknown-known = { $path } has no { $wanted } listing targets; it has { $known }
fleet-header = Fleet: { $count } { $count ->
    [one] target
   *[other] targets
}, { $jobs } at a time
fleet-header-canaries = Fleet: { $count } { $count ->
    [one] target
   *[other] targets
}, { $jobs } at a time, { $canaries } first as canaries
fleet-interrupted-skipped = with { $count } target(s) not started (skipped)
fleet-downgrade-drops-data = this downgrade drops data ({ $losses }); on a fleet pass --yes to allow it
fleet-backup-made = Backup: { $path }

## The live line and the report

# The live line's first word, before "done/total".
fleet-live-targets = targets
fleet-live-progress = { $failed } failed, { $rate } targets/s
fleet-target-failed = { $target }: failed: { $error }
fleet-target-behind = { $target }: { $count } pending (at { $heads })
fleet-target-heads = { $target }: { $heads }
fleet-no-revision = no revision
# "200 targets: 150 moved, 48 already there, 2 failed, 0 skipped (3.1 s, 64.5 targets/s)"; the parts are joined by run-list-separator.
fleet-summary = { $count } { $count ->
    [one] target
   *[other] targets
}: { $parts } ({ $seconds } s, { $rate } targets/s)
fleet-summary-moved = { $count } moved
fleet-summary-at-target = { $count } already there
fleet-summary-behind = { $count } behind
fleet-summary-failed = { $count } failed
fleet-summary-skipped = { $count } skipped
