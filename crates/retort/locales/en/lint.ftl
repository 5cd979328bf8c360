# lint
# Everything `retort lint` prints to a person, and the findings `upgrade`
# and `revision --autogenerate` print. `--json` is always the English.

## A finding, in full (`retort lint`) or on one line (`upgrade`, autogenerate).

lint-finding = { $file }:{ $line }: { $severity } { $code } { $name }: { $message }
lint-severity-error = error
lint-severity-warning = warning
lint-finding-statement = statement: { $statement }
lint-finding-lock = lock: { $lock }: { $blocks }
lint-finding-why = why: { $why }
lint-finding-fix = safe way:

## The closing line of `retort lint`.

lint-summary = { $errors } error(s), { $warnings } warning(s) in { $statements } statement(s)
lint-summary-allowed = , { $count } allowed by retort:allow
lint-summary-sqlite = ; SQLite project: only the rules that are not about PostgreSQL's locks ran
lint-summary-sqlite-skipped = , and { $count } statement(s) in SQLite syntax PostgreSQL's grammar does not read were skipped
lint-summary-postgres = ; PostgreSQL { $version } (from { $source })
lint-version-from-server = the server
lint-version-from-default = the default
lint-version-from-no-project = default

## `retort lint --explain CODE`.

lint-explain-level = Default level: { $level }
lint-explain-level-style = Default level: { $level } (a style rule: turn it on in retort.toml's [lint])
lint-explain-why = Why: { $why }
lint-explain-fix = The safe way:
lint-explain-sqlite = Applies to SQLite projects too.

## Errors and notices of the command.

lint-pending-takes-no-revision = --pending lints the revisions the database has not applied; it takes no revision
lint-unknown-rule = no lint rule is called `{ $code }`; `retort lint --explain` lists them
lint-cannot-read = cannot read { $path }: { $error }
lint-config-unknown-rule = names no lint rule; the rules are: { $rules }
lint-config-unknown-rule-near = names no lint rule (did you mean `{ $near }`?); the rules are: { $rules }
lint-upgrade-heading = lint: { $errors } error(s), { $warnings } warning(s) in the revisions to apply:
lint-upgrade-hint = (`retort lint --pending` shows the lock each takes, why it matters and the safe way; `-- retort:allow CODE reason` above a statement accepts it)
lint-autogenerate-heading = lint: { $errors } error(s), { $warnings } warning(s) in { $path }:
lint-autogenerate-hint = (`retort lint { $path }` shows the lock each takes, why it matters and the safe way)

## `-- retort:allow` comments that do not work (R090).

lint-allow-names-no-rule = names no rule: write `-- retort:allow CODE reason`
lint-allow-unknown-rule = names `{ $rule }`, which is no rule's code or name (`retort lint --explain` lists them)
lint-allow-no-reason = gives no reason: write why the statement is safe here, after the rule (`-- retort:allow { $rules } <reason>`); the finding stands

## Locks and whom they block, shared by several rules.

lint-lock-access-exclusive = ACCESS EXCLUSIVE on { $table }
lint-blocks-table-rewrite = blocks reads and writes for the whole table rewrite
lint-blocks-every-row-checked = blocks reads and writes while every row is checked
lint-blocks-rename = blocks reads and writes for a moment (the rename itself is instant)

## What each rule found.

lint-r000-hit = PostgreSQL's grammar cannot read this statement: { $error }
lint-r001-create-index = CREATE { $unique }INDEX on existing table { $table } without CONCURRENTLY
lint-r001-create-index-lock = SHARE on { $table }
lint-r001-create-index-blocks = blocks INSERT, UPDATE and DELETE on the table for the whole index build
lint-r001-drop-index = DROP INDEX { $indexes } without CONCURRENTLY
lint-r001-drop-index-lock = ACCESS EXCLUSIVE on the index's table
lint-r001-drop-index-blocks = blocks reads and writes of the table until the transaction ends
lint-r001-reindex = REINDEX { $kind } { $name } without CONCURRENTLY
lint-r001-reindex-lock = ACCESS EXCLUSIVE on the index (SHARE on the table) of { $name }
lint-r001-reindex-blocks = blocks writes of the table, and reads that use the index, for the whole rebuild
lint-r002-hit = { $what } inside a transaction: PostgreSQL refuses it and the migration fails; mark the section `no-transaction`
lint-r002-create-index-on = CREATE INDEX CONCURRENTLY on { $table }
lint-r002-statement = { $statement }
lint-r003-hit = ADD COLUMN { $column } on existing table { $table } rewrites the table: { $reason }
lint-r003-adds-identity = it adds an identity column
lint-r003-adds-generated = it adds a stored generated column
lint-r003-adds-serial = it adds a serial column (its default calls nextval())
lint-r003-volatile-default = its DEFAULT calls { $functions }(), volatile (or not known to be stable), so every row gets its own value
lint-r003-default-before-11 = before PostgreSQL 11 (the migrations run on { $version }) any DEFAULT is written into every row
lint-r004-hit = ADD COLUMN { $column } NOT NULL without a DEFAULT on existing table { $table }: fails as soon as the table has a row
lint-r005-hit = SET NOT NULL on { $table }.{ $column } scans the whole table: no validated CHECK (col IS NOT NULL) in the linted migrations proves it first
lint-r005-hit-before-12 = SET NOT NULL on { $table }.{ $column } scans the whole table (before PostgreSQL 12 even a validated CHECK does not spare the scan)
lint-r006-hit = ALTER COLUMN { $column } TYPE { $new } on existing table { $table }: { $detail }
lint-r006-using = a USING clause computes every row
lint-r006-not-binary-coercible = { $old } to { $new } is not binary-coercible
lint-r006-unknown-type = the column's current type is not in the linted migrations; unless it is a binary-coercible change to { $new }, every row is rewritten
lint-r006-blocks = blocks reads and writes for the whole table rewrite and index rebuild
lint-r007-hit = ADD CONSTRAINT{ $name } { $kind } on existing table { $table } without NOT VALID: every row is checked under the lock
lint-r007-foreign-key-lock = SHARE ROW EXCLUSIVE on { $table } and { $referenced }
lint-r007-foreign-key-blocks = blocks INSERT, UPDATE and DELETE on both tables while every row is checked
lint-r008-hit = VALIDATE CONSTRAINT { $constraint } on { $table } in the transaction that added it NOT VALID: the scan runs under the ADD's lock
lint-r008-lock = ACCESS EXCLUSIVE (CHECK) or SHARE ROW EXCLUSIVE (FOREIGN KEY) on { $table }, held since the ADD
lint-r008-blocks = blocks writes (and for a CHECK reads) while every row is checked
lint-r009-hit = ADD { $constraint } on existing table { $table } builds its index under the table's lock
lint-r009-blocks = blocks reads and writes for the whole index build
lint-r010-hit = RENAME of table { $table } to { $new }: queries of the running application that name { $table } fail
lint-r011-hit = RENAME COLUMN { $table }.{ $column } to { $new }: queries of the running application that name the column fail
lint-r012-hit = DROP TABLE { $tables }: its rows are lost, and queries of the running application fail
lint-r012-blocks = blocks reads and writes until the transaction ends
lint-r013-hit = DROP COLUMN { $table }.{ $column }: its values are lost, and queries that name it fail
lint-r013-blocks = blocks reads and writes for a moment (no rewrite)
lint-r014-hit = DROP SCHEMA { $schemas }: its objects are lost
lint-r014-hit-cascade = DROP SCHEMA { $schemas } CASCADE: every table in it is dropped with its rows
lint-r015-hit = TRUNCATE { $tables } CASCADE also empties every table that refers to them
lint-r015-lock = ACCESS EXCLUSIVE on { $tables } and every table referring to them
lint-r015-blocks = blocks reads and writes of all of them until the transaction ends
lint-r016-hit = { $statement } rewrites { $tables }
lint-r016-hit-every-table = { $statement } rewrites every table
lint-r016-lock-every-table = ACCESS EXCLUSIVE on every table
lint-r016-blocks = blocks reads and writes for the whole rewrite
lint-r017-hit = DDL on existing { $what } with no lock_timeout: while it waits for its lock, every query of the table waits behind it
lint-r017-table = table { $table }
lint-r017-table-of-index = the table of index { $index }
lint-r017-lock = a strong lock on { $what }, queued behind running transactions
lint-r017-blocks = blocks every later query of the table while it waits
lint-r018-add-value = ALTER TYPE { $type_name } ADD VALUE '{ $value }' inside a transaction: PostgreSQL { $version } refuses it (allowed from 12)
lint-r018-uses-new-value = uses enum value '{ $value }', added in the same transaction: PostgreSQL refuses it until the ADD VALUE commits
lint-r019-hit = `{ $name }` is { $bytes } bytes; PostgreSQL keeps `{ $kept }`
lint-style-prefer = column { $column } is { $type_name }: prefer { $prefer }
lint-r104-prefer = text (with a CHECK on length if needed)

## Each rule's one-line summary and why it matters (`--explain`, `why:`):
## the same words as the rule's own, which the README's table shows.

lint-r000-summary = A statement PostgreSQL's grammar cannot read
lint-r000-why = retort lints statements with PostgreSQL's own parser (libpg_query). A statement it cannot read is not guessed at: it would fail on the server too, or it uses syntax of another database.
lint-r001-summary = CREATE INDEX, DROP INDEX or REINDEX without CONCURRENTLY on an existing table
lint-r001-why = A plain CREATE INDEX holds a SHARE lock for the whole build: every INSERT, UPDATE and DELETE on the table waits, for minutes on a large table. DROP INDEX and REINDEX take ACCESS EXCLUSIVE, which blocks reads too. The CONCURRENTLY forms let the application keep working (they cannot run in a transaction block, so the section is marked no-transaction).
lint-r002-summary = CREATE/DROP INDEX CONCURRENTLY or REINDEX CONCURRENTLY inside a transaction
lint-r002-why = PostgreSQL refuses the CONCURRENTLY forms inside a transaction block ("cannot run inside a transaction block"): the migration fails when it runs. retort runs a section in a transaction unless its marker says no-transaction.
lint-r003-summary = ADD COLUMN with a volatile default (or serial, identity, stored generated; any default before PG 11)
lint-r003-why = From PostgreSQL 11 a non-volatile DEFAULT is stored once and ADD COLUMN is instant. A volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval() of a serial, an identity or a stored generated column) must be computed for every row: the table is rewritten under ACCESS EXCLUSIVE, and nothing reads or writes it until the rewrite ends. Before PostgreSQL 11 any default rewrites.
lint-r004-summary = ADD COLUMN ... NOT NULL without a DEFAULT on an existing table
lint-r004-why = The existing rows would hold NULL in the new column, so PostgreSQL refuses the statement ("column contains null values") as soon as the table has one row: the migration passes on an empty development database and fails in production.
lint-r005-summary = ALTER COLUMN ... SET NOT NULL without a validated CHECK (col IS NOT NULL) first
lint-r005-why = SET NOT NULL reads every row to prove there is no NULL, holding ACCESS EXCLUSIVE: nothing reads or writes the table meanwhile. From PostgreSQL 12 it skips the scan when a validated CHECK (col IS NOT NULL) already proves it, and that CHECK can be added NOT VALID and validated without blocking.
lint-r006-summary = ALTER COLUMN ... TYPE that rewrites the table and its indexes
lint-r006-why = Changing a column's type rewrites every row and rebuilds every index on the table under ACCESS EXCLUSIVE: nothing reads or writes it until that ends. Only changes PostgreSQL knows are binary-coercible skip the rewrite: varchar(n) to text or to unconstrained or wider varchar, text to varchar, numeric(p,s) to numeric(q,s) with q >= p or to numeric, varbit(n) to a wider varbit, cidr to inet. A USING clause always rewrites.
lint-r007-summary = ADD CHECK or ADD FOREIGN KEY on an existing table without NOT VALID
lint-r007-why = Adding a CHECK or FOREIGN KEY checks every existing row while holding the lock: ACCESS EXCLUSIVE for a CHECK (no reads or writes), SHARE ROW EXCLUSIVE on both tables for a FOREIGN KEY (no writes to either). Added NOT VALID, the constraint applies to new rows at once; VALIDATE CONSTRAINT later checks the old rows under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes.
lint-r008-summary = VALIDATE CONSTRAINT in the same transaction as the NOT VALID ADD CONSTRAINT
lint-r008-why = NOT VALID exists so that the scan happens later under a weak lock. In the same transaction, the ADD CONSTRAINT's lock (ACCESS EXCLUSIVE for a CHECK, SHARE ROW EXCLUSIVE for a FOREIGN KEY) is still held while VALIDATE reads every row: the table is blocked exactly as without NOT VALID.
lint-r009-summary = ADD PRIMARY KEY or ADD UNIQUE on an existing table without USING INDEX
lint-r009-why = The constraint builds its unique index while holding ACCESS EXCLUSIVE: nothing reads or writes the table for the whole build. Build the index CONCURRENTLY first, then attach it with USING INDEX, which only takes the lock for a moment (for a primary key, the columns must already be NOT NULL, or SET NOT NULL scans).
lint-r010-summary = Renaming an existing table
lint-r010-why = During a rolling deploy the old version of the application still runs, and every query it sends with the old name fails from the moment the migration commits. Renames need a transition: keep both names working until no old code runs.
lint-r011-summary = Renaming an existing column
lint-r011-why = During a rolling deploy the old version of the application still runs, and every query it sends with the old name fails from the moment the migration commits. Renames need a transition: keep both names working until no old code runs.
lint-r012-summary = DROP TABLE of an existing table (data loss)
lint-r012-why = The rows are gone when the migration commits, and no downgrade brings them back. The running application's queries of the table fail at once. Drop a table only after the code stopped using it, in a release of its own, with a backup.
lint-r013-summary = DROP COLUMN of an existing table (data loss)
lint-r013-why = The column's values are gone when the migration commits, and no downgrade brings them back. The running application's queries that name the column (or use SELECT * with an ORM that maps every column) fail. Stop using the column in one release, drop it in a later one.
lint-r014-summary = DROP SCHEMA (data loss; with CASCADE, of every table in it)
lint-r014-why = DROP SCHEMA ... CASCADE removes every table, view and function in the schema, rows included, without naming them; no downgrade brings them back. Without CASCADE it fails unless the schema is empty.
lint-r015-summary = TRUNCATE ... CASCADE (empties every table with a foreign key to it)
lint-r015-why = CASCADE also truncates every table that has a foreign key to the named ones, and the tables referring to those, without naming them: a migration meant to clear a lookup table can empty the orders table. It holds ACCESS EXCLUSIVE on all of them.
lint-r016-summary = VACUUM FULL or CLUSTER in a migration
lint-r016-why = Both rewrite the whole table (and its indexes) holding ACCESS EXCLUSIVE: nothing reads or writes it until they finish, for minutes to hours on a large table. VACUUM cannot run inside a transaction either. Routine maintenance does not belong in a migration.
lint-r017-summary = DDL on an existing table without a lock_timeout set first
lint-r017-why = A DDL statement queues for its lock behind any long query or idle transaction on the table, and every query that arrives after it queues behind the DDL: a statement that would take milliseconds stops the application for as long as the oldest transaction lasts. With lock_timeout the migration fails fast instead and can be retried. Reported once per section; retort's migration_lock_timeout setting sets it for every statement.
lint-r018-summary = ALTER TYPE ... ADD VALUE inside a transaction before PG 12, or its value used in the same transaction
lint-r018-why = Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block: the migration fails. From 12 it can, but the new value cannot be used until the transaction commits ("unsafe use of new value"): a later statement of the same transaction that writes it fails.
lint-r019-summary = A table, column, index or constraint name over 63 bytes
lint-r019-why = PostgreSQL keeps the first 63 bytes of a name and drops the rest with only a NOTICE. Two long names sharing their first 63 bytes collide, and tools that compare the schema with the code (autogenerate, ORMs) see a name that is not the one written, and report differences forever.
lint-r090-summary = A `-- retort:allow` comment without a known rule or without a reason
lint-r090-why = A suppression is a decision the next reader must be able to check: it names the rule it silences and says why the statement is safe here. One that does not suppresses nothing.
lint-r101-summary = integer or smallint columns (and serial) rather than bigint
lint-r101-why = A 4-byte integer key runs out at 2.1 billion, and widening it later rewrites the table and every index under ACCESS EXCLUSIVE. bigint costs 4 bytes a row.
lint-r102-summary = serial columns rather than identity columns
lint-r102-why = serial makes a sequence the column does not own in the SQL standard's sense: its permissions, ownership and dump/restore behave apart from the table. GENERATED ... AS IDENTITY is the standard form and keeps the sequence tied to the column.
lint-r103-summary = timestamp (without time zone) rather than timestamptz
lint-r103-why = timestamp without time zone stores a wall-clock reading with no zone: the same instant written from two servers or sessions in different zones compares wrong, and daylight-saving changes create duplicates and gaps. timestamptz stores an instant.
lint-r104-summary = varchar(n) or char(n) rather than text
lint-r104-why = In PostgreSQL varchar(n) is text with a length check, no faster or smaller; raising the limit later is an ALTER that takes ACCESS EXCLUSIVE, and char(n) pads with blanks. text with a CHECK on length, if one is needed, can be changed without a rewrite.

## Each rule's safe way, as SQL: only its `--` comments are translated.

lint-r000-fix =
    -- Fix the syntax; `psql` or the server's error message points at the same place.
lint-r001-fix =
    -- retort:upgrade no-transaction
    CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_customer_id ON orders (customer_id);
    DROP INDEX CONCURRENTLY IF EXISTS ix_orders_old;
    REINDEX INDEX CONCURRENTLY ix_orders_customer_id;  -- PostgreSQL 12+
lint-r002-fix =
    -- retort:upgrade no-transaction
    CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_customer_id ON orders (customer_id);
lint-r003-fix =
    ALTER TABLE orders ADD COLUMN token uuid;                 -- instant
    ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();  -- new rows
    -- then backfill existing rows in batches, in later transactions:
    UPDATE orders SET token = gen_random_uuid() WHERE id BETWEEN 1 AND 10000 AND token IS NULL;
lint-r004-fix =
    ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';  -- instant from PG 11
    -- or: add it nullable, backfill in batches, then
    ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
    ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;  -- a later transaction
    ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
lint-r005-fix =
    ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
    -- in a later transaction (another migration, or transaction_per_migration = true):
    ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
    ALTER TABLE orders ALTER COLUMN status SET NOT NULL;  -- no scan (PG 12+)
    ALTER TABLE orders DROP CONSTRAINT orders_status_not_null;
lint-r006-fix =
    -- Widen instead of retyping when you can:
    ALTER TABLE orders ALTER COLUMN note TYPE text;  -- from varchar(n): no rewrite
    -- Otherwise: add a column of the new type, backfill it in batches, switch
    -- the application, then drop the old column.
    ALTER TABLE orders ADD COLUMN amount_new numeric(12,2);
lint-r007-fix =
    ALTER TABLE orders ADD CONSTRAINT orders_customer_fk
        FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
    -- in a later transaction (another migration):
    ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
lint-r008-fix =
    -- migration 1:
    ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
    -- migration 2 (its own transaction: transaction_per_migration = true, or a
    -- no-transaction section):
    ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;
lint-r009-fix =
    -- retort:upgrade no-transaction
    CREATE UNIQUE INDEX CONCURRENTLY orders_number_key ON orders (number);
    ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE USING INDEX orders_number_key;
lint-r010-fix =
    -- expand: new name, old name kept as a view
    ALTER TABLE orders RENAME TO purchases;
    CREATE VIEW orders AS SELECT * FROM purchases;
    -- contract, once no old code runs (a later migration):
    DROP VIEW orders;
lint-r011-fix =
    -- expand: add the new column, write both, backfill, switch readers
    ALTER TABLE orders ADD COLUMN placed_at timestamptz;
    UPDATE orders SET placed_at = created WHERE placed_at IS NULL;  -- in batches
    -- contract, once no old code runs (a later migration):
    ALTER TABLE orders DROP COLUMN created;
lint-r012-fix =
    -- first release: stop reading and writing the table; later migration:
    -- retort:allow R012 unused since release 42, backed up in s3://backups/orders_old
    DROP TABLE orders_old;
lint-r013-fix =
    -- first release: the application no longer reads or writes the column; later:
    -- retort:allow R013 unused since release 42
    ALTER TABLE orders DROP COLUMN legacy_code;
lint-r014-fix =
    -- Drop what is in the schema explicitly, each in a release after its last use:
    DROP TABLE reporting.daily_totals;
    DROP SCHEMA reporting;  -- RESTRICT: fails if anything is left
lint-r015-fix =
    -- Name every table you mean to empty; without CASCADE PostgreSQL refuses
    -- if another table still refers to them.
    TRUNCATE import_staging, import_staging_rows;
lint-r016-fix =
    -- Plain VACUUM (no lock on readers or writers), outside a transaction:
    -- retort:upgrade no-transaction
    VACUUM (ANALYZE) orders;
    -- or rebuild online with the pg_repack extension, outside migrations.
lint-r017-fix =
    SET lock_timeout = '5s';
    ALTER TABLE orders ADD COLUMN note text;
    -- or once for the project, in retort.toml:
    -- migration_lock_timeout = "5s"   (with migration_lock_retries = 3)
lint-r018-fix =
    -- retort:upgrade no-transaction
    ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';
    -- use 'refunded' in a later migration (or after the statement, outside a transaction)
lint-r019-fix =
    -- Keep names to 63 bytes; abbreviate the long part:
    CREATE INDEX ix_orders_customer_created ON orders (customer_id, created_at);
lint-r090-fix =
    -- retort:allow R001 the table holds 40 rows; the lock lasts milliseconds
    CREATE INDEX ix_small_lookup ON small_lookup (code);
lint-r101-fix =
    CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, quantity bigint);
lint-r102-fix =
    CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
lint-r103-fix =
    CREATE TABLE events (happened_at timestamptz NOT NULL DEFAULT now());
lint-r104-fix =
    CREATE TABLE users (email text NOT NULL CHECK (length(email) <= 320));
