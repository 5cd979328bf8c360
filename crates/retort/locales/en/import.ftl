# import: messages of `retort import alembic`. What the converted files
# say stays English (teams share the files).

import-no-revisions = the Alembic history has no revisions; nothing to import
import-revision-not-writable = revision { $revision } ({ $path }) cannot be written as a retort migration: { $error }
import-header-differs = revision { $revision } ({ $path }): its converted header does not read back the same
import-no-ini = { $path } does not exist; run from the directory holding alembic.ini, or pass --ini FILE, or --versions DIR for a versions directory
import-cannot-read = cannot read { $path }: { $error }
import-not-a-versions-directory = { $path } is not a directory of Alembic revisions
import-heads-differ = the converted history's heads ({ $converted }) differ from Alembic's ({ $alembic }); nothing was written
import-files-exist =
    { $count } file(s) the import would write already exist; nothing was written (--force replaces them):
    { $files }

## The Python helper that reads the Alembic history

import-cannot-run-python = cannot run Python `{ $python }`: { $error }. Set `python` in retort.toml to the interpreter that has the project's Alembic, or activate its virtual environment (VIRTUAL_ENV)
import-python-failed = running Python `{ $python }` failed: { $error }
import-helper-failed =
    the Alembic import helper failed in `{ $python }` ({ $status }):
    { $output }
import-helper-answer-unreadable = the Alembic import helper gave an answer retort cannot read: { $error }
import-no-alembic = Alembic cannot be loaded by `{ $python }`: { $error }. Install Alembic there (`pip install alembic`), or set `python` in retort.toml to the interpreter of the project
import-alembic-error = Alembic: { $error }
import-history-unloadable = cannot load the Alembic history: { $error }
import-error-in-file = in { $file }
import-traceback = traceback (last lines):

## --baseline

import-baseline-not-writable = the baseline of { $head } cannot be written as a retort migration: { $error }
import-baseline-header-differs = the baseline of { $head }: its header does not read back the same
import-and-more = and { $count } more
import-baseline-shared-history = --baseline: heads { $first } and { $second } share { $count } revision(s) ({ $revisions }); a baseline per head would create their objects twice, so a new database could not take both and a database at one head could not reach the other. Merge the heads in Alembic first (`alembic merge heads`) and import again; nothing was written
import-baseline-needs-server = --baseline on PostgreSQL replays the history on a scratch database: pass --dev-url URL, or set dev_url or url in retort.toml
import-baseline-needs-postgres = --baseline on PostgreSQL needs a PostgreSQL server for its scratch database
import-baseline-no-temporary-directory = cannot make a temporary directory for --baseline: { $error }
import-baseline-replay-failed = --baseline: the converted history up to { $head } failed on the scratch database, so its schema is unknown; nothing was written: { $error }

## Replaying revisions that read the database

import-no-scratch-server = a revision needs a database connection to be converted, and no PostgreSQL server was given for the scratch database; pass --dev-url or --url
import-scratch-unavailable = some revisions need a database connection to be converted, and the scratch database for them cannot be made: { $reason }. Give a PostgreSQL server retort may create a database on with --dev-url (or dev_url in retort.toml)
import-upgrade-failed = revision { $revision } ({ $path }): its upgrade() failed: { $error }

## Why a converted revision is irreversible (the file says it in English)

import-downgrade-raised = downgrade() raised { $error }
import-downgrade-emits-no-sql = downgrade() emits no SQL
