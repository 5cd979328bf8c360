# The command line's own words: prefixes, prompts, summaries.

error-prefix = error:{" "}
interrupted-after-finish = interrupted after the run had finished
cli-warning-prefix = warning:{" "}

# Shared by several commands.
cli-no-version-location = no version location is configured
cli-no-migration-file = no migration file for revision '{ $revision }'
cli-cannot-write-file = cannot write { $path }: { $error }
cli-x-expects-key-value = -x expects KEY=VALUE, got '{ $pair }'
cli-server-notice = server { $line }
cli-nothing-to-do = Nothing to do: the database is already there.
cli-lock-retries-range = must be a whole number from 0 to { $max }, not `{ $text }`

# upgrade, downgrade, stamp, ensure_version
cli-database-target = Database: { $target }
cli-running-step = Running { $step }
cli-running-step-with-message = Running { $step }, { $message }
cli-exec-upgrade-only = `-- CMD` (entrypoint mode) is for `upgrade` only
cli-progress-position = revision { $position } of { $total }:

# Entrypoint mode (upgrade ... -- CMD)
cli-exec-not-with-sql = `-- CMD` starts a program after migrating the database; it cannot go with --sql
cli-skip-switch-set = { $name } is set: not migrating
cli-skip-switch-invalid = { $name }={ $value }: expected true or false (also 1/0, yes/no, on/off)
cli-cannot-start-program = cannot start { $program }: { $error }

# Downgrade data-loss prompt and backups made before a run
cli-backup-made = Backup: { $path } ({ $size } bytes)
cli-backup-removed = Removed old backup { $path } (backup_keep)
cli-data-loss-warning = this downgrade drops data:
cli-data-loss-question = Run the downgrade and lose this data? [y/N]{" "}

# The rename question of revision --autogenerate
cli-rename-cannot-ask = cannot ask about renames: { $error }
cli-rename-candidate = { $description }.
cli-rename-question = Is it a rename (--rename { $request })? [y/N]{" "}

# init, revision, merge, edit
cli-creating = Creating { $path }
cli-init-next-step = Edit retort.toml to point at your database, then: retort revision -m "first"
cli-generating-done = Generating { $path } ...  done
cli-no-schema-changes = No changes in schema detected.
cli-edit-no-current = No current revisions
cli-edit-no-files = No revision files indicated by symbol '{ $symbol }'
cli-editor-cannot-start = cannot start editor '{ $editor }': { $error }
cli-editor-failed = editor '{ $editor }' exited with { $status }

# check, diff, erd, revision --autogenerate
cli-check-in-sync = No changes: the database matches the target schema.
cli-diff-no-changes = No changes.
cli-detected-change = Detected { $change }

# pending
cli-pending-up-to-date = { $head }: up to date
cli-pending-count = { $head }: { $count } pending
cli-pending-no-revisions = no revisions
cli-pending-at-every-head = The database is at every head.

# backups
cli-backups-cannot-read = cannot read the backup directory { $directory }: { $error }
cli-backups-none = No backups in { $directory }
cli-backups-in = in { $directory }
cli-backups-column-file = FILE
cli-backups-column-database = DATABASE
cli-backups-column-time = TIME (UTC)
cli-backups-column-revision = REVISION
cli-backups-column-size = SIZE

# verify
cli-verify-all-passed = All { $count } revision(s) passed.
cli-verify-status-fail = FAIL
cli-verify-status-ok = ok
cli-verify-status-no-op = no-op
cli-verify-not-reached = not reached (an upgrade before them failed): { $revisions }
cli-verify-target-not-reached = target schema: not compared (the walk did not reach every head)
cli-verify-target-in-sync = target schema: the heads match it
cli-verify-target-differs = target schema: the heads differ from it; to match it would take:
cli-verify-upgrade-fails = upgrade fails:
cli-verify-irreversible = irreversible: no downgrade SQL (write it, or mark the section `-- retort:downgrade no-op`)
cli-verify-irreversible-leaves = irreversible: no downgrade SQL (write it, or mark the section `-- retort:downgrade no-op`); undoing its upgrade would take:
cli-verify-no-op-clean = downgrade declared no-op; it leaves nothing behind
cli-verify-no-op-leaves = downgrade declared no-op; it leaves behind (undoing it would take):
cli-verify-downgrade-fails = downgrade fails:
cli-verify-downgrade-differs = downgrade leaves the schema different from before the upgrade; going back would take:
cli-verify-not-repeatable = upgrade fails when run again after its downgrade:

# current, graph
cli-not-at-all-heads = Database is not on all head revisions
cli-graph-unknown-current = the database is at revision '{ $revision }', which no migration file defines
cli-graph-bad-format = --format must be svg, mermaid or dot, not '{ $format }'

# completions, man
cli-man-no-subcommand = no subcommand `{ $name }`; one of: { $names }
cli-man-cannot-render = cannot render the manual page: { $error }
cli-cannot-write-stdout = cannot write to stdout: { $error }

# import alembic
cli-import-no-cwd = cannot read the current directory: { $error }
cli-import-bad-dialect = --dialect { $dialect }: expected postgresql or sqlite
cli-import-which-dialect = which SQL to write: pass --dialect postgresql|sqlite, or set `url` in { $path }
cli-import-done = Imported { $count } Alembic revision(s) into { $directory } (heads: { $heads }).
cli-import-read-rows = { $revision } { $path }: { $direction }() read rows during the import ({ $reads })
cli-import-review = { $count } revision(s) hold SQL recorded from data read on a scratch database; review them (each file says what at its top):
cli-import-irreversible = { $count } revision(s) cannot be downgraded (Alembic's downgrade() raises or does nothing); they are written as irreversible:
cli-import-python-left = The Python files are left where they are; retort reads only the .sql files.
cli-import-baseline-written = Wrote the baseline of { $head } (the schema of { $count } Alembic revision(s)) to { $path }.
cli-import-baseline-no-data = A baseline holds the schema only: rows the history inserted (seed data) are not in it; add them to its upgrade section if a new database needs them.

# Ctrl-C and SIGTERM
cli-signals-cannot-catch = cannot catch Ctrl-C; an interrupted run may leave a statement running: { $error }
cli-interrupted = interrupted
cli-interrupted-rolling-back = interrupted: cancelling the running statement and rolling back
cli-interrupt-timed-out = the interrupted run did not stop within { $seconds } s; exiting (the server ends the session's statement and locks when it sees the connection close)
cli-max-failures-invalid = `{ $value }` is not a number of targets (1 or more) or a share of them (such as 5%, more than 0% and at most 100%)
