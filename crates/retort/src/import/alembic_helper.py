# retort's Alembic import helper, run once for a whole history in the
# project's own Python (shipped inside the retort binary).
#
# It reads a JSON request on stdin and writes one JSON answer on stdout:
# every revision of the Alembic history, base first, with the SQL of its
# upgrade() and downgrade() as Alembic itself renders it:
#
# - offline first: a MigrationContext with as_sql=True and the dialect, each
#   revision's functions called one at a time through Operations, every
#   statement caught as the output buffer receives it;
# - a revision that needs a connection (op.get_bind(), reflection, anything
#   that fails offline) is replayed on a scratch database with the history
#   up to it applied first, and every statement its code sends is recorded
#   (SQLAlchemy's before_cursor_execute event) with its values written in.
#
# An autocommit_block() opens a segment of its own, so retort can run it
# outside a transaction. Nothing here writes files: retort does.

import contextlib
import copy
import io
import json
import os
import re
import sys
import tempfile
import time
import traceback
import uuid


# Importing the revision modules must leave the project's tree as it was.
sys.dont_write_bytecode = True

# The answer goes to the real stdout; anything a migration prints goes to
# stderr, so it cannot be taken for the answer.
ANSWER = sys.stdout
sys.stdout = sys.stderr
MARK = "@@retort-import@@"


def answer(payload):
    ANSWER.write("\n" + MARK + json.dumps(payload) + "\n")
    ANSWER.flush()


def fail(kind, message, **extra):
    payload = {"kind": kind, "message": message}
    payload.update(extra)
    answer({"error": payload})
    sys.exit(0)


def traceback_tail(exc, lines=6):
    """The last lines of a traceback, and the file of its innermost frame
    outside Alembic and SQLAlchemy (the revision module, usually)."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    tail = [line for line in text.rstrip().splitlines()][-lines:]
    where = None
    for frame in traceback.extract_tb(exc.__traceback__):
        name = frame.filename
        if "/alembic/" in name or "/sqlalchemy/" in name or name == "<string>":
            continue
        where = "%s:%s" % (name, frame.lineno)
    return tail, where


try:
    import sqlalchemy as sa
    from sqlalchemy import event
    from alembic.config import Config
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic import util as alembic_util
    import alembic
except ImportError as exc:  # pragma: no cover - reported to the user
    fail(
        "missing_module",
        "%s (interpreter: %s)" % (exc, sys.executable),
        module=getattr(exc, "name", None),
    )


class NeedsConnection(Exception):
    """Offline rendering cannot go on: the revision reads the database."""


# ---------------------------------------------------------------------------
# Recording statements into segments


class Recorder:
    """Statements in segments: a new segment at each edge of an
    autocommit block. `active` is False while the history is applied to
    the scratch database without being recorded."""

    def __init__(self):
        self.active = False
        self.reset()

    def reset(self):
        self.segments = [{"autocommit": False, "sql": []}]
        self.reads = []

    def add(self, statement):
        if self.active:
            self.segments[-1]["sql"].append(statement)

    def read(self, statement):
        if self.active:
            self.reads.append(statement)

    def switch(self, autocommit):
        if self.active:
            self.segments.append({"autocommit": autocommit, "sql": []})

    def result(self):
        return {
            "segments": [s for s in self.segments if s["sql"]],
            "reads": list(self.reads),
        }


RECORDER = Recorder()


class OutputBuffer(io.StringIO):
    """Alembic's offline output: each write is one statement and its
    terminator, followed by two newlines."""

    def write(self, text):
        statement = text.rstrip()
        if statement:
            RECORDER.add(statement)
        return len(text)

    def flush(self):
        pass


_original_autocommit_block = MigrationContext.autocommit_block


@contextlib.contextmanager
def _autocommit_block(self):
    # Offline, Alembic would write COMMIT and BEGIN around the block;
    # instead the block becomes a segment retort runs outside a transaction.
    RECORDER.switch(True)
    try:
        if self.as_sql:
            yield
        else:
            with _original_autocommit_block(self):
                yield
    finally:
        RECORDER.switch(False)


MigrationContext.autocommit_block = _autocommit_block

_original_get_bind = Operations.get_bind


def _get_bind(self):
    if self.migration_context.as_sql:
        raise NeedsConnection("op.get_bind()")
    return _original_get_bind(self)


Operations.get_bind = _get_bind


# ---------------------------------------------------------------------------
# Values written into recorded statements

CATALOG_READ = re.compile(
    r"\b(pg_catalog|information_schema|sqlite_master|sqlite_schema|sqlite_temp_master"
    r"|pg_class|pg_namespace|pg_type|pg_attribute|pg_constraint|pg_index|pg_enum)\b",
    re.IGNORECASE,
)


def is_read(statement):
    head = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
    return head in ("SELECT", "WITH", "SHOW", "VALUES", "TABLE") or (
        head == "PRAGMA" and "=" not in statement
    )


def is_catalog_read(statement):
    if statement.lstrip().upper().startswith("PRAGMA"):
        return "=" not in statement
    return bool(CATALOG_READ.search(statement))


def sqlite_literal(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "X'%s'" % bytes(value).hex()
    return "'%s'" % str(value).replace("'", "''")


def sqlite_render(statement, parameters):
    """Writes qmark or named parameters into a statement, outside quotes."""
    if not parameters:
        return statement
    out = []
    index = 0
    positional = not isinstance(parameters, dict)
    i = 0
    quote = None
    while i < len(statement):
        c = statement[i]
        if quote:
            out.append(c)
            if c == quote:
                quote = None
            i += 1
            continue
        if c in ("'", '"'):
            quote = c
            out.append(c)
            i += 1
            continue
        if c == "?" and positional:
            out.append(sqlite_literal(parameters[index]))
            index += 1
            i += 1
            continue
        if c == ":" and not positional:
            m = re.match(r":(\w+)", statement[i:])
            if m and m.group(1) in parameters:
                out.append(sqlite_literal(parameters[m.group(1)]))
                i += len(m.group(0))
                continue
        out.append(c)
        i += 1
    return "".join(out)


def render(cursor, statement, parameters, dialect):
    if dialect == "postgresql":
        text = cursor.mogrify(statement, parameters or None)
        return text.decode() if isinstance(text, bytes) else text
    return sqlite_render(statement, parameters)


def terminated(statement):
    statement = statement.rstrip()
    return statement if statement.endswith(";") else statement + ";"


def install_recording(engine, dialect):
    @event.listens_for(engine, "before_cursor_execute")
    def _record(conn, cursor, statement, parameters, context, executemany):
        if not RECORDER.active:
            return
        sets = parameters if executemany else [parameters]
        for params in sets:
            text = render(cursor, statement, params, dialect)
            if is_read(text):
                if is_catalog_read(text):
                    continue  # reflection: the schema is the same on the real database
                RECORDER.read(text.strip())
            RECORDER.add(terminated(text))


# ---------------------------------------------------------------------------
# The history


def as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def create_date(module):
    match = re.search(r"^\s*Create Date:\s*(.+?)\s*$", module.__doc__ or "", re.MULTILINE)
    return match.group(1) if match else None


def message(script):
    try:
        doc = script.doc or ""
    except Exception:
        doc = ""
    return " ".join(line.strip() for line in doc.splitlines() if line.strip())


def load_scripts(request):
    ini = request.get("ini")
    try:
        if ini:
            config = Config(ini, ini_section=request.get("ini_section") or "alembic")
            script_dir = ScriptDirectory.from_config(config)
        else:
            versions = request["versions"]
            config = Config()
            config.set_main_option("script_location", versions)
            script_dir = ScriptDirectory(versions, version_locations=[versions])
        revisions = list(script_dir.walk_revisions("base", "heads"))
    except alembic_util.CommandError as exc:
        tail, where = traceback_tail(exc)
        fail("alembic", str(exc), traceback=tail, file=where)
    except Exception as exc:
        tail, where = traceback_tail(exc)
        fail("module", "%s: %s" % (type(exc).__name__, exc), traceback=tail, file=where)
    revisions.reverse()  # base first
    return config, script_dir, revisions


def describe(script):
    module = script.module
    return {
        "id": script.revision,
        "down_revisions": as_list(getattr(module, "down_revision", None)),
        "branch_labels": as_list(getattr(module, "branch_labels", None)),
        "depends_on": as_list(getattr(module, "depends_on", None)),
        "message": message(script),
        "create_date": create_date(module),
        "path": script.path,
    }


def call(function, context):
    """Runs one revision function against a MigrationContext, recording."""
    RECORDER.reset()
    RECORDER.active = True
    try:
        with Operations.context(context):
            function()
    finally:
        RECORDER.active = False
    return RECORDER.result()


def offline(scripts, dialect, config, script_dir):
    from alembic.runtime.environment import EnvironmentContext

    env = EnvironmentContext(config, script_dir)
    with env:
        env.configure(
            dialect_name=dialect,
            as_sql=True,
            literal_binds=True,
            output_buffer=OutputBuffer(),
            transactional_ddl=False,
        )
        context = env.get_context()
        results = {}
        for script in scripts:
            for direction in ("upgrade", "downgrade"):
                function = getattr(script.module, direction, None)
                if function is None:
                    results[(script.revision, direction)] = {"error": "no %s() function" % direction}
                    continue
                try:
                    results[(script.revision, direction)] = call(function, context)
                except NeedsConnection as exc:
                    results[(script.revision, direction)] = {"needs": str(exc)}
                except Exception as exc:
                    tail, where = traceback_tail(exc)
                    results[(script.revision, direction)] = {
                        "needs": "%s: %s" % (type(exc).__name__, exc),
                        "traceback": tail,
                        "file": where,
                    }
    return results


# The first key of the advisory lock on a scratch database: LOCK_CLASS in
# autogen/postgres/scratch.rs ("rtsc").
SCRATCH_LOCK_CLASS = 0x72747363


@contextlib.contextmanager
def scratch_engine(request, dialect):
    if dialect == "sqlite":
        handle, path = tempfile.mkstemp(prefix="retort_import_", suffix=".db")
        os.close(handle)
        engine = sa.create_engine("sqlite:///" + path)
        try:
            yield engine
        finally:
            engine.dispose()
            os.unlink(path)
        return
    params = request.get("scratch")
    if not params:
        fail(
            "usage",
            "a revision needs a database connection to be converted, and no PostgreSQL "
            "server was given for the scratch database; pass --dev-url or --url",
        )
    params = dict(params)
    params.setdefault("connect_timeout", "30")
    server = sa.create_engine("postgresql+psycopg2://", connect_args=params, isolation_level="AUTOCOMMIT")
    # Named and locked as retort's own scratch databases are (see
    # autogen/postgres/scratch.rs): the lock is held on `holder` for as long
    # as the database is in use, so a run killed outright leaves a database
    # nobody holds, which the next run that makes a scratch database drops.
    name = "retort_scratch_p%d_%d_%s" % (os.getpid(), int(time.time()), uuid.uuid4().hex[:8])
    holder = server.connect()
    try:
        holder.exec_driver_sql(
            "SELECT pg_advisory_lock(%d, hashtext('%s'))" % (SCRATCH_LOCK_CLASS, name)
        )
        holder.exec_driver_sql('CREATE DATABASE "%s"' % name)
        engine = sa.create_engine("postgresql+psycopg2://", connect_args=dict(params, dbname=name))
        try:
            yield engine
        finally:
            engine.dispose()
            holder.exec_driver_sql('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)
    finally:
        holder.close()
        server.dispose()


def replay(scripts, results, dialect, request, config, script_dir):
    """Applies the history on a scratch database, recording the revisions
    that offline rendering could not convert."""
    from alembic.runtime.environment import EnvironmentContext

    needing = [
        i for i, s in enumerate(scripts)
        if any("needs" in results[(s.revision, d)] for d in ("upgrade", "downgrade"))
    ]
    if not needing:
        return
    last = needing[-1]
    with scratch_engine(request, dialect) as engine:
        install_recording(engine, dialect)
        with engine.connect() as connection:
            env = EnvironmentContext(config, script_dir)
            with env:
                env.configure(connection=connection, transaction_per_migration=True)
                context = env.get_context()
                for script in scripts[: last + 1]:
                    up = results[(script.revision, "upgrade")]
                    down = results[(script.revision, "downgrade")]
                    # Named types created are remembered by the context
                    # (impl.memo); the upgrade run again after a recorded
                    # downgrade must not find them remembered.
                    memo = copy.deepcopy(context.impl.memo)
                    recorded = run_online(script.module.upgrade, context, connection, record="needs" in up)
                    if "error" in recorded:
                        recorded["error_kind"] = "upgrade"
                        results[(script.revision, "upgrade")] = recorded
                        return script
                    if "needs" in up:
                        recorded["replayed"] = up["needs"]
                        results[(script.revision, "upgrade")] = recorded
                    if "needs" in down:
                        recorded = run_online(script.module.downgrade, context, connection, record=True)
                        recorded["replayed"] = down["needs"]
                        results[(script.revision, "downgrade")] = recorded
                        if "error" not in recorded:
                            context.impl.memo = memo
                            again = run_online(script.module.upgrade, context, connection, record=False)
                            if "error" in again:
                                results[(script.revision, "upgrade")] = again
                                return script
    return None


def run_online(function, context, connection, record):
    """Runs one revision function in a transaction of its own, as Alembic
    does with transaction_per_migration; an autocommit block commits it
    and begins the next (context._transaction)."""
    try:
        context._transaction = connection.begin()
        try:
            if record:
                result = call(function, context)
            else:
                with Operations.context(context):
                    function()
                result = {}
        except Exception:
            if connection.in_transaction():
                connection.rollback()
            raise
        if connection.in_transaction():
            connection.commit()
        return result
    except Exception as exc:
        RECORDER.active = False
        tail, where = traceback_tail(exc)
        return {"error": "%s: %s" % (type(exc).__name__, exc), "traceback": tail, "file": where}
    finally:
        context._transaction = None


def main():
    request = json.loads(sys.stdin.read())
    dialect = request["dialect"]
    config, script_dir, scripts = load_scripts(request)
    results = offline(scripts, dialect, config, script_dir)
    try:
        failed = replay(scripts, results, dialect, request, config, script_dir)
    except sa.exc.OperationalError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()
        # The parts go along with the English message, for retort to word
        # in the reader's language.
        fail(
            "scratch",
            "some revisions need a database connection to be converted, and the scratch "
            "database for them cannot be made: %s. Give a PostgreSQL server retort may create "
            "a database on with --dev-url (or dev_url in retort.toml)" % " ".join(reason),
            reason=" ".join(reason),
        )
    if failed is not None:
        result = results[(failed.revision, "upgrade")]
        why = result.get("error") or result.get("needs")
        fail(
            "upgrade",
            "revision %s (%s): its upgrade() failed: %s" % (failed.revision, failed.path, why),
            traceback=result.get("traceback") or [],
            file=result.get("file") or failed.path,
            revision=failed.revision,
            path=str(failed.path),
            reason=str(why),
        )
    out = []
    for script in scripts:
        entry = describe(script)
        entry["upgrade"] = results[(script.revision, "upgrade")]
        entry["downgrade"] = results[(script.revision, "downgrade")]
        out.append(entry)
    heads = sorted(script_dir.get_heads())
    answer({"revisions": out, "heads": heads, "alembic_version": alembic.__version__})


if __name__ == "__main__":
    main()
