# run

## The migration lock

run-interrupted-waiting-for-lock = while waiting for the migration lock; nothing was changed
run-lock-timeout-retry = { $revision }: a statement waited longer than migration_lock_timeout for a table lock; rolled back, running it again in { $pause } s (retry { $attempt } of { $retries })
run-lock-wait-ended-by-server-timeout = HINT: this ended the wait for the migration lock, not a migration: the server's lock_timeout or statement_timeout applies to retort's session; bound the wait with --lock-timeout (lock_timeout in retort.toml) instead
run-while-waiting-for-lock = while waiting for the migration lock: { $message }

## Running a plan: what failed, and where the database stands

run-plan-start-mismatch = the version table holds [{ $heads }] but the plan starts from [{ $start }]; read the heads under the lock and plan from them
run-plan-revision-without-file = the plan names revision { $revision }, which no migration file has
run-interrupted-between-steps = between two steps
run-connection-lost = the connection to the server was lost
run-interrupted-statement-cancelled = interrupted; the statement running was cancelled: { $message }
run-connection-lost-nothing-committed = the connection to the server was lost; PostgreSQL rolls back the open transaction of a lost connection, so nothing of { $steps } was committed
run-open-transaction-rolled-back = the open transaction was rolled back
run-step-rolled-back = its transaction was rolled back: nothing of { $step } was applied
run-run-rolled-back = the run's transaction was rolled back: none of { $steps } is applied
run-transaction-ended-by-migration = retort's transaction was no longer open on the server: a statement of the migration ended it, so what ran before the failure may be committed; the version table below was read again from the database
run-rollback-failed = the rollback failed: { $reason }
run-committed-earlier = committed earlier in this run, and still applied: { $steps }
run-invalid-index-left = the failed concurrent build left INVALID index { $indexes } behind (pg_index.indisvalid is false); a rerun would fail with "already exists". Drop it before running the command again:
    { $statements }
run-hint-migration-lock-timeout = HINT: the lock timeout hit: the statement waited more than migration_lock_timeout ({ $seconds } s) for a lock another session holds; see pg_locks for the holder, or set migration_lock_retries
run-hint-server-lock-timeout = HINT: the lock timeout hit: the server's lock_timeout ended the statement's wait for a lock another session holds
run-hint-statement-timeout = HINT: the statement ran longer than migration_statement_timeout ({ $seconds } s)
run-no-transaction-nothing-committed = this section is `no-transaction`, so each statement committed on its own, and none before the failing one ran, so nothing of it is committed; the version table was not changed for { $revision }. Fix the statement and run the command again
run-no-transaction-earlier-committed = this section is `no-transaction`, so each statement committed on its own: the statements before the failing one and stay committed, though the version table was not changed for { $revision }. Before running the command again, undo them by hand or make them safe to repeat (IF NOT EXISTS / IF EXISTS)
run-no-transaction-committed-at = this section is `no-transaction`, so each statement committed on its own: the statements at { $file }:{ $lines } ran before the failing one and stay committed, though the version table was not changed for { $revision }. Before running the command again, undo them by hand or make them safe to repeat (IF NOT EXISTS / IF EXISTS)
# A step of a run: "upgrade r1", "stamp r3".
run-step = { $action } { $revision }
# "a, b and c": the items but the last, joined by run-list-separator.
run-list-and = { $rest } and { $last }
run-list-separator = {", "}

## Advice beside a server error

run-advice-at = {" "}at { $place }
run-advice-as-user = {" "}as database user `{ $user }`
run-advice-no-transaction = this statement cannot run inside a transaction block; run the section outside one by writing its marker as `-- retort:{ $marker } no-transaction` (each statement then commits on its own, so keep that section to such statements)
run-advice-adopt-existing-schema = the version table was empty, yet the database already has this object: its schema was probably made without retort (or by another tool). If the existing schema is what the migrations up to some revision create, adopt it with `retort stamp <that revision>` (e.g. `retort stamp { $revision }` if it matches this revision), then `retort upgrade head`
run-advice-permission-denied = permission denied while running { $step }{ $at }{ $as_user }; grant the privilege this statement needs (or run as the objects' owner) and run the command again
run-advice-deadlock = deadlock: PostgreSQL chose retort's session as the victim while running { $step }{ $at }; another session held locks this statement needed. Run the command again once the competing work is done, or take the locks in the same order in both

## INVALID indexes left by a concurrent build

run-invalid-index-built-at = { $index } (built at { $file }:{ $line })
run-invalid-index-refusal = nothing was run: INVALID index { $indexes } left by an earlier concurrent build that failed or was interrupted (pg_index.indisvalid is false). Building it again would fail with "already exists", or with IF NOT EXISTS keep the broken index. Drop it, then run the command again:
    { $statements }

## Connecting

run-sqlite-in-memory = SQLite in memory
run-sqlite-database = SQLite database { $path }
run-sqlite-cannot-open-lock-file = cannot open the lock file { $path }: { $reason }
run-sqlite-cannot-lock = cannot lock { $path }: { $reason }
run-connect-gave-up = { $reason } (gave up after waiting { $seconds }s)
run-connect-waiting = waiting for the database server at { $target } (up to { $seconds }s) …
run-connect-still-waiting = still waiting for { $target } after { $seconds }s: { $reason }
run-connect-startup-timeout = timeout expired: the server did not finish starting the connection within { $seconds }s ({ $phase }); see connect_timeout
run-connect-timeout = timeout expired: no connection within { $seconds }s; see connect_timeout
run-connect-phase-tls-request = it never answered the TLS request
run-connect-phase-tls-handshake = the TLS handshake did not finish
run-connect-phase-startup = no answer during start-up and authentication
run-connect-timeout-expired = timeout expired
run-connect-too-much-before-ready = the server sent more than { $kib } KiB before the connection was ready; is it a PostgreSQL server?
run-connect-no-tls-on-server = the server does not support TLS, but sslmode requires it

## TLS

run-tls-setup-failed = TLS setup failed: { $reason }
run-tls-cannot-use-client-certificate = cannot use client certificate { $path }: { $reason }
run-tls-cannot-read-root-certificate = cannot read root certificate { $path }: { $reason }
run-tls-no-pem-certificate = no PEM certificate in it
run-tls-cannot-read-client-certificate = cannot read client certificate { $path }: { $reason }
run-tls-cannot-read-client-key = cannot read client key { $path }: { $reason }
# libpq's words "certificate verify failed" stay: people and scripts look for them.
run-tls-certificate-verify-failed = TLS handshake: certificate verify failed: { $reason }
run-tls-handshake-failed = TLS handshake failed: { $reason }

## Connection settings (the URL, the connection string, the libpq environment)

run-setting-invalid = invalid { $label } "{ $value }"{ $origin }: { $expected }
run-setting-origin = {" "}in { $written_as }
run-setting-expected-flag = expected 0 or 1
run-setting-expected-one-of = expected { $names }
run-setting-expected-port = expected a port number from 1 to 65535 (or a comma-separated list of them)
run-setting-expected-ip-addresses = expected numeric IP addresses
run-setting-hostaddr-count = { $written_as } names { $hosts } hosts but { $addresses } hostaddr addresses
run-setting-port-count = { $written_as } names { $hosts } hosts but { $ports } ports
run-setting-no-user = no PostgreSQL user: put one in { $written_as } or set PGUSER
run-setting-expected-sslmode = expected disable, allow, prefer, require, verify-ca or verify-full
run-setting-expected-seconds = expected whole seconds
run-setting-expected-probes = expected a whole number of probes
run-setting-expected-milliseconds = expected whole milliseconds
run-setting-no-tcp-user-timeout = { $label }{ $origin } cannot be honoured: this system has no TCP_USER_TIMEOUT
run-setting-always-utf8 = retort's connections always use UTF8
run-setting-no-gssapi = retort has no GSSAPI support, so only disable or prefer
run-postgres-target = PostgreSQL at { $places } as user "{ $user }", database "{ $dbname }"

## Password file, version table, migration log

run-pgpass-not-a-file = is not a plain file
run-pgpass-too-open = has group or world access; permissions should be u=rw (0600) or less
run-pgpass-warning = WARNING: password file "{ $path }" { $why }
run-no-columns = none
run-not-a-version-table = version_table `{ $name }`: the table { $table } exists but is not a version table (its columns are { $columns }; a version table has exactly one, version_num). Name another table with `version_table` in retort.toml. Nothing was run
run-not-a-log-table = log_table `{ $name }`: the table { $table } exists but is not retort's migration log (it has no { $missing } { $count ->
        [one] column
       *[other] columns
    }; its columns are { $columns }). Name another table with `log_table` in retort.toml. Nothing was run
run-version-update-not-one-row = online migration expected to match one row when updating '{ $from }' to '{ $to }' in '{ $table }'; { $found } found
run-version-delete-not-one-row = online migration expected to match one row when deleting '{ $revision }' in '{ $table }'; { $found } found
run-diff-as-it-ran = as it ran
run-diff-as-it-is-now = as it is now
run-diff-more-lines = … { $count } more lines

## A failed step, as the error says it

run-statement-at-line = line { $line }: { $message }
run-action-upgrade = upgrade
run-action-downgrade = downgrade
run-action-stamp = stamp
run-action-commit = commit
run-failed-at = { $step } failed at { $file }:{ $line }: { $message }
run-failed-in-section = { $step } failed in { $file } (section starting at line { $line }): { $message }
run-failed-in = { $step } failed in { $file }: { $message }
run-failed = { $step } failed: { $message }
run-version-table-empty = the version table is now empty
run-version-table-reread-empty = the version table, read again on a new connection, is now empty
run-version-table-holds = the version table now holds: { $rows }
run-version-table-reread-holds = the version table, read again on a new connection, now holds: { $rows }
run-version-table-unknown = what the version table holds is unknown: { $reason }
run-hint = hint: { $hint }
run-edited-migrations = applied migrations were edited after they ran (pass --allow-edited to accept the new text):
run-edited-migration = { $file }: revision { $revision } ran with upgrade checksum { $logged }, the file now has { $current }
run-edited-no-text-logged = (the log holds only checksums for this run, not the text, so what changed cannot be shown)

## Backups and data loss

run-loss-rows = { $count ->
        [one] 1 row
       *[other] { $count } rows
    }
run-loss-rows-uncounted = rows that could not be counted
run-loss-table = table { $table } ({ $rows }) is dropped by { $revision } at { $file }:{ $line }
run-loss-column = column { $table }.{ $column } ({ $rows } with a value) is dropped by { $revision } at { $file }:{ $line }
run-backup-of-failed = backup of { $path } failed: { $reason }
run-backup-locked-too-long = the database stayed locked by another connection for { $seconds } seconds
run-pg-dump-version-no-answer = `{ $program } --version` did not answer within { $seconds } seconds
run-pg-dump-version-unreadable = `{ $program } --version` did not say its version ({ $status }): { $output }
run-pg-dump-too-old = { $program } is pg_dump { $dump_version }, older than the server (PostgreSQL { $server_version }); install pg_dump { $server_version } or newer and name it with `pg_dump` in retort.toml
run-pg-dump-not-found-install = pg_dump not found ({ $program }): install PostgreSQL's client programs ({ $server_version } or newer), or name the program with `pg_dump = "/path/to/pg_dump"` in retort.toml
run-pg-dump-not-found = pg_dump not found ({ $program })
run-cannot-run-program = cannot run { $program }: { $reason }
run-pg-dump-failed = pg_dump of { $target } failed ({ $status }): { $output }
run-backup-prune-failed = could not remove old backups in { $directory } (backup_keep = { $keep }): { $reason }
run-backup-cannot-write-directory = cannot write to the backup directory { $directory }: { $reason }
run-backup-cannot-read-server-version = cannot read the server's version: { $reason }
run-backup-server-version-unknown = the server did not say its version
run-backup-no-sqlite-feature = cannot back up { $path }: retort was built without the `sqlite` feature

## Planning a run, the connection given, a new project

# Alembic's words.
run-purge-with-sql = Can't use --purge with --sql mode
run-range-not-allowed = Range revision not allowed
run-target-not-up-to-date = Target database is not up to date.
run-no-migration-file = no migration file for revision '{ $revision }'
run-reconnect-failed = the connection was lost and a new one failed: { $reason }
run-cannot-use-given-connection = cannot use the connection given to retort: { $reason }
run-init-location-not-relative = the migration directory must be a relative path inside the project, not `{ $path }`
run-init-project-exists = { $path } already exists; this directory already holds a retort project
run-init-directory-not-empty = directory { $path } is not empty; name another migration directory (retort init DIR)
run-cannot-write = cannot write { $path }: { $reason }
run-backup-sqlite-in-memory = `backup` is on, but the database is SQLite in memory: there is no file to back up (turn `backup` off for this environment)
run-given-connection-in-transaction = the connection given to retort is inside a transaction; retort runs its own transactions, so hand it a connection outside one
run-unknown-head = revision '{ $revision }' is what the database's version table { $table } holds, but no migration file in { $directories } has it. Restore the file (from version control, or the branch that added it), or, if it is gone for good, set the table to the revision the schema really matches: `retort stamp --purge <revision>`
