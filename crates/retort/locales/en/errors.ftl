# Errors of the library: every kind of Error, as the command line prints it.

error-drift = the database differs from the target schema: { $count } change(s) detected
error-verify-failures = verify found { $count } failure(s)
error-lint-stopped-upgrade = lint found { $count } error-level finding(s) in the revisions to apply; nothing was run ([lint] upgrade = "error"). Fix them, or accept one with `-- retort:allow CODE reason`
error-lint-errors = lint found { $count } error-level finding(s)

## Configuration (retort.toml)

config-positive-integer = must be a positive integer
config-whole-number-up-to = must be a whole number from 0 to { $max }
config-no-database-url = no database URL: pass --url, set DATABASE_URL, or set `url` in { $path }
config-key-problem = `{ $key }` { $problem }
config-unset-variable = uses ${"{"}{ $var }{"}"}, but the environment variable { $var } is not set (nor in a .env beside the configuration; a default is written ${"{"}{ $var }:-default{"}"})
config-unset-x = uses ${"{"}x:{ $key }{"}"}, but no `-x { $key }=VALUE` was given (a default is written ${"{"}x:{ $key }:-default{"}"})
config-unterminated-variable = has a `${"{"}` without its closing `{"}"}`
config-bad-variable-name = has `${"{"}{ $name }{"}"}`, which is not a variable name (letters, digits and `_`)
config-must-be-string = must be a string, not { $found }
config-list-holds = must be a list of strings, but holds { $found }
config-must-be-list = must be a list of strings, not { $found }
config-must-be-boolean-text = must be true or false, not `{ $found }`
config-must-be-boolean = must be true or false, not { $found }
config-must-be-integer-text = must be an integer, not `{ $found }`
config-must-be-integer = must be an integer, not { $found }
config-target-schema-type = holds { $found }: it takes file paths, `sqlalchemy:MODULE:ATTRIBUTE` and `{"{"} command = ["program", "arg"] {"}"}`
config-command-usage = a table in `target_schema` is `{"{"} command = ["program", "arg"] {"}"}`
config-command-other-key = has `{ $found }`: { $usage }
config-command-no-program = names no program: { $usage }
config-must-be-table = must be a table ([{ $key }]), not { $found }
config-backup-keep = must be a whole number: how many backups to keep (0 keeps all)
config-name-a-directory = must name a directory
config-name-a-program = must name a program
config-must-be-duration = must be { $forms }, not { $found }
config-not-found = no { $file } in { $start } or any directory above it; run `retort init`, or name the file with -c or RETORT_CONFIG
config-at-line = { $path } line { $line }: { $message }
config-unknown-key = unknown key `{ $key }` in { $path } line { $line }; { $hint }
config-did-you-mean = did you mean `{ $suggestion }`?
config-known-keys = known keys: { $keys }
config-unknown-env-none = unknown environment `{ $name }`: { $path } has no [env.NAME] tables
config-unknown-env = unknown environment `{ $name }` in { $path }; known: { $known }

## Files and URLs

cannot-read = cannot read { $path }: { $reason }
url-invalid = invalid database URL { $url }: { $reason }
url-invalid-connection-string = invalid connection string { $url }: { $reason }

## Migration files

script-at-line = { $path }:{ $line }: { $message }
script-missing-directory = { $path } does not exist; create it (or run `retort init`), or fix `script_location` / `version_locations`
script-duplicate-revision = revision `{ $id }` is defined twice: in { $first } and in { $second }
script-many-problems = { $count } problems in the migration directory:
    { $list }
script-irreversible-one = revision `{ $revision }` cannot be downgraded: { $path } has no downgrade SQL. Write the SQL that undoes its upgrade or, if there is nothing to undo, mark the section `{ $fix }`. Nothing was run
script-irreversible-item = {"  "}revision `{ $revision }`: { $path } has no downgrade SQL
script-irreversible-many = the downgrade passes through { $count } revisions that cannot be downgraded. Nothing was run:
    { $list }
    Write the SQL that undoes each upgrade or, where there is nothing to undo, mark the section `{ $fix }`

## Databases

db-connect = could not connect to { $target }: { $reason }
db-lock-timeout = timed out after { $waited } waiting for the migration lock on { $what }; another migration is running
db-not-built = this build of retort cannot connect to { $database }: it was built without the `{ $feature }` feature
db-interrupted = interrupted { $detail }

## Backups

backup-failed = backup failed, so nothing was changed: { $reason }
backup-prompt-failed = cannot ask about the downgrade's data loss, so nothing was changed: { $reason }
backup-declined = downgrade cancelled: nothing was changed

## Revisions (worded as Alembic words them)

revision-unknown = Can't locate revision identified by '{ $argument }' ({ $reason })
revision-ambiguous-prefix = Multiple revisions start with '{ $prefix }': { $candidates }...
revision-cycle = { $kind } is detected in revisions ({ $revisions })
revision-cycle-kind-cycle = Cycle
revision-cycle-kind-dependency-cycle = Dependency cycle
revision-cycle-kind-self-loop = Self-loop
revision-cycle-kind-dependency-self-loop = Dependency self-loop
revision-missing-dependency = Dependency { $missing } of revision { $referenced_by } is not present
revision-missing-parent = Revision { $missing } referenced from { $referenced_by } is not present
revision-no-such-branch = No such branch: '{ $label }'
revision-no-such-revision-or-branch = No such revision or branch '{ $id }'{ $hint }
revision-short-prefix-hint = ; please ensure at least four characters are present for partial revision identifier matches
revision-not-on-branch = Revision { $revision } is not a member of branch '{ $branch }'
revision-no-such-revision = No such revision '{ $id }'
revision-bad-starting-revision = Starting revision '{ $revision }' does not name a revision

## More configuration

config-duration-forms = a number of seconds, 0 or more (e.g. 30 or 2.5), or a number with a unit: 500ms, 30s, 5m, 1h
config-not-a-duration = must be { $forms }; got `{ $found }`
config-server-timeout-range = must be from 0.001 to { $max } seconds, not { $found }
config-env-not-table = `env` must be a table of [env.NAME] tables
config-env-entry-not-table = `env.{ $name }` must be a table ([env.{ $name }])
config-lint-postgres-version = `lint.postgres_version` must be a PostgreSQL major version such as 15, not { $found }
config-lint-upgrade = `lint.upgrade` must be "warn", "error" or "off", not { $found }
config-lint-rule-level = `lint.{ $rule }` sets a rule's level: { $levels }, not { $found }
config-dotenv-line = cannot read `{ $line }`: expected NAME=value
config-table-empty = must not be empty
config-version-table-too-long = is { $bytes } bytes long; PostgreSQL keeps only the first { $max } bytes of a name, so the table would be `{ $table }` and its primary key `{ $primary_key }` would become `{ $key }`, the same name. Use a name of at most { $allowed } bytes
config-log-table-too-long = is { $bytes } bytes long; PostgreSQL keeps only the first { $max } bytes of a name (`{ $truncated }`). Use a shorter name
config-log-table-same = is `{ $name }`, the version table's name too; the log of applied migrations needs a table of its own
config-bad-glob = `{ $pattern }` is not a glob pattern: { $reason }
config-sqlalchemy-no-attribute = `{ $text }` has no attribute: it is written `sqlalchemy:MODULE:ATTRIBUTE`, e.g. `sqlalchemy:app.models:Base.metadata`
config-sqlalchemy-not-dotted = `{ $text }` is not a module and an attribute (dotted Python names): it is written `sqlalchemy:MODULE:ATTRIBUTE`, e.g. `sqlalchemy:app.models:Base.metadata`
config-describe-models = SQLAlchemy models { $module }:{ $attribute }
config-describe-command = command `{ $command }`

## Reading migration files

script-markers-lower-case = {" "}(markers are lower case)
script-unknown-marker = unknown section marker `{ $name }`; expected `-- { $upgrade }` or `-- { $downgrade }` (or a lint suppression, `-- { $allow } CODE reason`){ $hint }
script-unknown-marker-option = unknown option `{ $option }` on `-- { $name }`; known options: { $known }
script-near-miss-marker = `{ $line }` looks like a section marker but is not one; write `-- { $marker }` (a `--` comment, `retort:` and the section's name, in lower case), or reword the comment
script-not-utf8 = the file is not valid UTF-8
script-marker-twice = `-- { $marker }` appears a second time (first on line { $first })
script-sql-before-marker = SQL before the first section marker; put it after `-- { $upgrade }` or `-- { $downgrade }` (the header holds only `--` comment lines)
script-header-twice = `{ $key }` is given a second time (first on line { $first })
script-no-marker = no section marker in the file; a migration needs `-- { $upgrade }` and/or `-- { $downgrade }`
script-missing-revision-id = missing `-- { $key }: ...` header line before the first section marker
script-no-op-with-sql = `-- { $marker } { $no_op }` declares that the section does nothing, but it holds SQL; remove `{ $no_op }` or the SQL
script-malformed-header = malformed header line; expected `-- { $key }: value`
script-named-twice = `{ $key }` names `{ $item }` more than once; the repeat is ignored
script-key-empty = `{ $key }` is empty
script-revision-id-too-long = revision id `{ $id }` in `{ $key }` is { $length } characters long; at most 32 fit Alembic's version table
script-revision-id-characters = revision id `{ $id }` in `{ $key }` may only hold letters, digits and `_`
script-empty-item = `{ $key }` has an empty item in `{ $value }`
script-item-with-space = `{ $key }` item `{ $item }` holds a space; separate items with commas
script-python-migration = a Python migration, which retort does not read (an Alembic revision; `retort import alembic` converts them); move it out of the versions directory
script-file-name-not-utf8 = { $path }: the file name is not valid UTF-8; rename the file
script-broken-link = { $path } is a symbolic link to { $target }, which cannot be read ({ $reason }); fix or remove the link
script-via-link = , a symbolic link to { $target },
script-kind-directory = a directory
script-kind-not-regular = not a regular file
script-not-a-file = { $path }{ $followed } is { $what }; a migration must be a file (rename it if it is not one)
script-transaction-control = `{ $statement }` in the { $section } section of revision `{ $revision }`, which runs inside retort's transaction: it would end that transaction half-way and commit part of the run behind retort's back. Remove it (retort begins and commits the transaction itself), or run the section outside a transaction by writing its marker (line { $marker_line }) as `-- retort:{ $section } no-transaction`. Nothing was run
script-unknown-placeholder = unknown placeholder `${"{"}{ $name }{"}"}`; known: { $known }

## Database URLs and connection strings

url-written-as-url = the database URL
url-written-as-connection-string = the connection string
url-unknown-scheme = unknown scheme `{ $scheme }`; supported: { $supported }
url-not-utf8 = { $what } is not valid UTF-8 once percent-decoded
url-part-user = the user name
url-part-password = the password
url-part-database = the database name
url-part-parameter-name = a query parameter name
url-part-parameter-value = a query parameter value
url-part-host = a host name
url-at-after-query = an `@` after the `?`: percent-encode `?` and `@` in the user name, password and parameters (%3F, %40)
url-parameter-without-value = a query parameter has no `=value`
url-ipv6-unclosed = an IPv6 host has no closing `]`
url-ipv6-trailing = unexpected text after an IPv6 host's `]`
url-invalid-port = invalid port (expected 1-65535)
url-empty-host = empty host in a host list
url-sqlite-parameters = query parameters are not supported for sqlite URLs
url-keyword-value-expected = expected KEYWORD=VALUE pairs; put a value that contains spaces in single quotes (password='...')
url-keyword-without-equals = a word without `=` follows the value of `{ $key }`; put a value that contains spaces in single quotes ({ $key }='...')
url-quoted-value-unclosed-key = the quoted value of `{ $key }` has no closing `'`
url-quoted-value-unclosed = a quoted value has no closing `'`
url-unknown-after-password = a keyword retort does not know follows the value of `password`; put a password that contains spaces in single quotes (password='...')
url-service-hint = {" "}(pg_service.conf is not read: write the settings out)
url-known-parameters-hint = ; retort understands { $known }
url-unsupported-parameter = unsupported connection parameter "{ $key }" in { $written_as }{ $hint }

## Revision graph and walks (worded as Alembic words them)

revision-new-revision-cannot-based-below = A new revision cannot be based on below the bases
revision-revision-id-may-not-empty = A revision id may not be empty
revision-duplicate-head-revisions-specified = Duplicate head revisions specified
revision-revision-present-more-than-once = Revision { $id } is present more than once
revision-dependency-does-not-name-revision = Dependency '{ $dep }' does not name a revision
revision-branch-name-revision-already-used = Branch name '{ $label }' in revision { $id } already used by revision { $owner }
revision-revision-has-empty-revision-id = A revision has an empty Revision ID
revision-stamp-merge-needs-destination = A stamp merge needs a destination
revision-stamp-unmerge-needs-source = A stamp unmerge needs a source
revision-cannot-insert-version-version-table = Cannot insert version '{ $v }': the version table already has it
revision-cannot-delete-version-version-table = Cannot delete version '{ $v }': the version table does not have it
revision-cannot-update-version-version-table = Cannot update version '{ $from }' to '{ $to }': the version table already has '{ $to }'
revision-cannot-update-version-version-table-2 = Cannot update version '{ $from }' to '{ $to }': the version table does not have '{ $from }'
revision-cannot-merge-into-no-parent = Cannot merge into { $id }: no parent row to replace
revision-stamp-step-needs-exactly-one = A stamp step needs exactly one { $what } revision
revision-ambiguous-walk = Ambiguous walk
revision-walked-too-far = Walked too far
revision-ambiguous-upgrade-from-multiple-current = Ambiguous upgrade from multiple current revisions
revision-not-valid-downgrade-target-from = Not a valid downgrade target from current heads
revision-cannot-walk-up-from-below = Cannot walk up from below the bases
revision-expected-downgrade-target-string-form = Expected downgrade target in string form
revision-no-current-revisions-count-from = No current revisions to count from
revision-current-revision-resolved-nothing = A current revision resolved to nothing
revision-relative-range-start-resolved-nothing = Relative range start resolved to nothing
revision-revision-ordering-left-revisions-behind = Revision ordering left revisions behind; the graph is inconsistent
revision-cannot-tell-which-current-revision = Cannot tell which current revision is on branch '{ $label }'
revision-revision-does-not-name-exactly = Revision { $branch } does not name exactly one branch
revision-range-revision-not-allowed = Range revision not allowed
revision-downgrade-sql-requires-fromrev-torev = downgrade with --sql requires <fromrev>:<torev>
revision-stamp-operation-sql-only-supports = Stamp operation with --sql only supports a single starting revision at a time
revision-revision-range-must-have-form = Revision range '{ $arg }' must have the form <fromrev>:<torev>
revision-history-range-requires-start-end = History range requires [start]:[end], [start]:, or :[end]
revision-history-range-must-have-exactly = History range '{ $r }' must have exactly one ':'
revision-range-not-ancestor = Requested range { $start }:{ $end } does not refer to ancestor/descendant revisions along the same branch
revision-multiple-heads-for-argument = Multiple head revisions are present for given argument '{ $head_arg }'; please specify a specific target revision, '<branchname>@{ $head_arg }' to narrow to a specific head, or 'heads' for all heads
revision-multiple-heads-new-revision = Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.
revision-not-upgrade-target = Destination { $end } is not a valid upgrade target from current head(s)
revision-not-downgrade-target = Destination { $end } is not a valid downgrade target from current head(s)
revision-multiple-heads-single-target = Multiple heads are present; please specify a single target revision
revision-characters-not-allowed = Character(s) '{ $characters }' not allowed in revision identifier '{ $id }'
revision-not-a-head-splice = Revision { $id } is not a head revision; please specify --splice to create a new branch from this revision
revision-overlaps = Requested revision { $target } overlaps with other requested revisions { $overlaps }
revision-update-ambiguous = Can't do an UPDATE for { $id } because the down revision is ambiguous
revision-stamp-above-and-below = Stamp target { $id } is both above and below the current heads
revision-relative-did-not-produce = Relative revision { $text } didn't produce { $count } migrations
config-type-string = a string
config-type-integer = an integer
config-type-float = a float
config-type-boolean = a boolean
config-type-array = an array
config-type-table = a table
config-type-array-of-tables = an array of tables
config-type-nothing = nothing
config-type-date = a date
revision-stamp-source = source
revision-stamp-destination = destination
