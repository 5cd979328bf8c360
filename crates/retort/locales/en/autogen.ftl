# autogen: messages of check, diff, revision --autogenerate, erd and verify.

## What a change does, one line each (check, diff and revision --autogenerate
## list them; a generated file's header always has the English ones).

autogen-add-schema = add schema { $name }
autogen-drop-schema = drop schema { $name }
autogen-add-extension = add extension { $name }
autogen-drop-extension = drop extension { $name }
autogen-add-enum = add enum { $name }
autogen-drop-enum = drop enum { $name }
autogen-change-enum = change enum { $name } from ({ $from }) to ({ $to })
autogen-add-domain = add domain { $name }
autogen-drop-domain = drop domain { $name }
autogen-change-domain = change domain { $name }
autogen-change-domain-type = change domain { $name } from { $from } to { $to }
autogen-add-type = add type { $name }
autogen-drop-type = drop type { $name }
autogen-change-type = change type { $name }
autogen-add-sequence = add sequence { $name }
autogen-drop-sequence = drop sequence { $name }
autogen-change-sequence = change sequence { $name }
autogen-sequence-owned-by = sequence { $name } owned by { $column }
autogen-sequence-owned-by-nothing = sequence { $name } owned by nothing
autogen-rename-sequence = rename sequence { $from } to { $to }
autogen-add-table = add table { $name }
autogen-drop-table = drop table { $name }
autogen-rename-table = rename table { $from } to { $to }
autogen-comment-on-table = comment on table { $name }
autogen-rebuild-table = rebuild table { $name } ({ $reasons })
autogen-add-column = add column { $column }
autogen-drop-column = drop column { $column }
autogen-alter-column = alter column { $column }: { $changes }
autogen-rename-column = rename column { $column } to { $to }
autogen-add-constraint = add constraint { $name } on { $table }
autogen-add-constraint-validated-later = add constraint { $name } on { $table } (NOT VALID, then VALIDATE)
autogen-drop-constraint = drop constraint { $name } on { $table }
autogen-rename-constraint = rename constraint { $from } on { $table } to { $to }
autogen-add-index = add index { $name }
autogen-drop-index = drop index { $name }
autogen-rename-index = rename index { $from } to { $to }
autogen-add-index-on = add index { $name } on { $table }
autogen-drop-index-on = drop index { $name } on { $table }
autogen-add-view = add view { $name }
autogen-drop-view = drop view { $name }
autogen-add-function = add function { $signature }
autogen-drop-function = drop function { $signature }
autogen-replace-function = replace function { $signature }
autogen-add-trigger = add trigger { $name } on { $table }
autogen-drop-trigger = drop trigger { $name } on { $table }
autogen-add-policy = add policy { $name } on { $table }
autogen-drop-policy = drop policy { $name } on { $table }
autogen-row-security-enabled = row level security on { $table }: enabled
autogen-row-security-enabled-forced = row level security on { $table }: enabled, forced
autogen-row-security-disabled = row level security on { $table }: disabled
autogen-row-security-disabled-forced = row level security on { $table }: disabled, forced
autogen-partition-of = partition { $table } of { $parent } { $bound }
autogen-not-null-renamed = NOT NULL constraint { $from } renamed { $to }
autogen-comment-on = comment on { $target }

## Lists inside one line: the items of a list, and the clauses of a
## sentence.

autogen-list-separator = {", "}
autogen-clause-separator = {"; "}

## What changed in an altered column.

autogen-column-type-change = type { $from } -> { $to }
autogen-column-generated-kind = generated kind
autogen-column-default = default
autogen-column-identity = identity
autogen-column-identity-options = identity options
autogen-column-collation = collation
autogen-column-comment = comment

## Why a SQLite table is rebuilt.

autogen-rebuild-change-columns = change column { $columns }
autogen-rebuild-add-columns = add column { $columns }
autogen-rebuild-drop-columns = drop column { $columns }
autogen-rebuild-constraints = change table constraints
autogen-rebuild-options = change table options
autogen-rebuild-definition = change definition

## Why a change may lose data or fail (the WARNING lines).

autogen-danger-drop-schema = drops schema { $name }
autogen-danger-drop-extension = drops extension { $name }
autogen-danger-drop-enum = drops enum { $name }
autogen-danger-rename-enum-labels = renames labels of enum { $name } ({ $renames }): rows keep their value under the new label
autogen-danger-remove-enum-labels = removes labels from enum { $name }: rows holding them make it fail
autogen-danger-drop-domain = drops domain { $name }
autogen-danger-domain-base-type = changes the base type of domain { $name } from { $from } to { $to }: values may not convert
autogen-danger-tighten-domain = tightens domain { $name }: fails if a value breaks it
autogen-danger-drop-type = drops type { $name }
autogen-danger-drop-type-attributes = drops attributes of type { $name }
autogen-danger-drop-sequence = drops sequence { $name }
autogen-danger-drop-table = drops table { $name } and all its rows
autogen-danger-drop-column = drops column { $column } and its data
autogen-danger-add-not-null-column = adds NOT NULL column { $column } without a default: fails if the table has rows (add a default, or add it nullable, fill it, then SET NOT NULL)
autogen-danger-column-type = changes the type of { $column } from { $from } to { $to }: check the USING expression: values that do not convert make it fail
autogen-danger-set-not-null = SET NOT NULL on { $column }: fails if any row holds NULL
autogen-danger-replace-function = drops and creates { $signature } again (CREATE OR REPLACE cannot change its result or arguments): fails if views, defaults or triggers use it
autogen-danger-drop-policy = drops policy { $name } on { $table }: rows it guarded are governed by the remaining policies
autogen-danger-disable-row-security = disables row level security on { $table }: every row becomes visible to those with table privileges
autogen-danger-move-partition = detaches { $table } from { $parent } and attaches it again: rows outside the new bound make it fail
autogen-danger-rebuild-table = rebuilds table { $name } by copying its rows: rows that break the new definition (NOT NULL, CHECK, UNIQUE, foreign keys) make the migration fail
autogen-danger-rebuild-loses-columns = { $rebuild }; the data of dropped column(s) { $columns } is lost

## Drop-and-add pairs that may be renames.

autogen-rename-candidate-table = table { $from } is dropped and { $to } added with the same columns
autogen-rename-candidate-table-types = table { $from } is dropped and { $to } added with the same column types
autogen-rename-candidate-column = { $from } is dropped and { $to } added
autogen-rename-candidate-column-type = { $from } is dropped and { $to } added with the same type

## --rename

autogen-rename-expects = --rename expects OLD_TABLE=NEW_TABLE or TABLE.OLD=NEW, got '{ $text }'
autogen-rename-expects-column = --rename expects TABLE.OLD=NEW, got '{ $text }'
autogen-rename-expects-table = --rename expects OLD_TABLE=NEW_TABLE, got '{ $text }'
autogen-rename-other-schema = --rename { $text }: a table is renamed within its schema; moving it to another is not supported
autogen-rename-no-such-table = --rename { $request }: no table { $from } is dropped and { $to } added
autogen-rename-no-such-column = --rename { $request }: no column { $from } is dropped and { $to } added on that table

## Reading the two sides

autogen-compare-postgres-only = the project's database is PostgreSQL, so a database compared with it must be PostgreSQL too
autogen-compare-sqlite-only = the project's database is SQLite, so --from and --to must name SQLite databases or schema files
autogen-catalog-read-failed = reading the catalog failed: { $error }
autogen-search-path-failed = cannot set the search path: { $error }
autogen-sqlite-schema-read-failed = cannot read the SQLite schema ({ $what }): { $error }
autogen-scratch-create-failed = cannot create the scratch database on { $server } (set dev_url or --dev-url to a server where this user may CREATE DATABASE): { $error }
autogen-scratch-drop-failed = warning: could not drop the scratch database { $name }: { $error }

## The target schema

autogen-target-unreadable = cannot read target schema { $path }: { $error }
autogen-target-sqlalchemy = target schema { $source }
autogen-target-command = target schema command `{ $command }`
autogen-what-failed = { $what }: { $detail }
autogen-python-origin-configured = set by `python` in retort.toml or $VIRTUAL_ENV
autogen-python-origin-default = no `python` in retort.toml, no $VIRTUAL_ENV
autogen-no-python = { $what }: no Python found: { $python } does not exist ({ $origin }); set `python` in retort.toml to the project's interpreter, or activate its virtual environment
autogen-python-failed = { $what }: { $python } failed ({ $status }): { $output }
autogen-target-command-failed = { $what } failed ({ $status }): { $output }
autogen-program-cannot-run = cannot run { $program }: { $error }
autogen-program-timed-out = { $program } did not finish within { $seconds } s, and was stopped (`target_timeout` in retort.toml sets the limit)
autogen-program-no-error-output = (no error output)
autogen-target-does-not-load-at = target schema { $name }:{ $line } does not load: { $error }
autogen-target-rendered-does-not-load =
    target schema { $name } does not load: the rendered SQL, line { $line }: { $error }
    the statement:
    { $statement }
autogen-target-does-not-load = target schema { $name } does not load: { $error }

## verify

verify-no-temporary-directory = cannot make a temporary directory for the scratch database: { $error }
verify-scratch-setup-failed = cannot set up the scratch database: { $error }
