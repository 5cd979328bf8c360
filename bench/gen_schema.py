#!/usr/bin/env python3
"""Writes a PostgreSQL schema of N tables (default 1,000) for the
autogenerate benchmark: columns of several types with defaults and NOT NULL,
a primary key each, one or two secondary indexes each (some partial, some
on two columns), foreign keys to earlier tables, a few unique and check
constraints, and two enum types the tables use.

The same SEED gives the same schema. With --change PCT, PCT per cent of the
tables (chosen by the seed too) differ from that schema by one change each,
cycling through the kinds `retort check` must find: an added column, a
changed type, an added index, a dropped index, a changed default, a dropped
NOT NULL, an added check constraint, a dropped foreign key. The number of
changed tables is printed on stderr.

usage: gen_schema.py [--tables N] [--seed S] [--change PCT] OUT.sql
"""
import argparse
import random
import sys

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--tables", type=int, default=1000)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--change", type=float, default=0.0)
args = parser.parse_args()

rng = random.Random(args.seed)
n = args.tables

# (type, default or None, may be NOT NULL)
COLUMN_KINDS = [
    ("text", "''::text", True),
    ("varchar(100)", None, False),
    ("varchar(255)", "'unknown'::character varying", True),
    ("integer", "0", True),
    ("bigint", None, False),
    ("numeric(12,2)", "0", True),
    ("boolean", "false", True),
    ("timestamptz", "now()", True),
    ("date", "CURRENT_DATE", False),
    ("jsonb", "'{}'::jsonb", True),
    ("uuid", "gen_random_uuid()", True),
    ("double precision", None, False),
    ("smallint", "1", True),
    ("status", "'active'::status", True),
    ("priority", None, False),
    ("text[]", "'{}'::text[]", False),
]

# Type changes every column's values survive (and its check constraint and
# default still hold).
WIDER = {
    "varchar(100)": "varchar(200)",
    "varchar(255)": "text",
    "integer": "bigint",
    "smallint": "integer",
    "numeric(12,2)": "numeric(14,2)",
    "text": "varchar(500)",
    "timestamptz": "timestamp",
}

CHANGE_KINDS = [
    "add column",
    "change type",
    "add index",
    "drop index",
    "change default",
    "drop not null",
    "add check",
    "drop foreign key",
]


class Table:
    def __init__(self, i):
        self.i = i
        self.name = "t%04d" % i
        self.columns = []  # [name, type, default, not_null]
        self.constraints = []  # SQL inside CREATE TABLE
        self.fks = []  # (column, referenced table, on delete)
        self.indexes = []  # CREATE INDEX statements


def build():
    tables = []
    for i in range(n):
        t = Table(i)
        t.columns.append(["id", "bigint", None, True])
        for c in range(rng.randint(4, 9)):
            kind, default, may_not_null = rng.choice(COLUMN_KINDS)
            not_null = may_not_null and rng.random() < 0.7
            t.columns.append(["c%d_%s" % (c, kind.split("(")[0].split()[0].strip("[]")),
                              kind, default if rng.random() < 0.6 else None, not_null])
        t.columns.append(["created_at", "timestamptz", "now()", True])
        if i > 0:
            for k in range(1 if rng.random() < 0.7 else 2):
                ref = tables[rng.randrange(max(0, i - 50), i)]
                col = "ref%d_%s_id" % (k, ref.name)
                if any(c[0] == col for c in t.columns):
                    continue
                t.columns.append([col, "bigint", None, rng.random() < 0.5])
                t.fks.append((col, ref.name, rng.choice(["", " ON DELETE CASCADE", " ON DELETE SET NULL"])))
                # Most foreign keys get an index, as they should.
                if rng.random() < 0.8:
                    t.indexes.append("CREATE INDEX %s_%s_idx ON %s (%s);" % (t.name, col, t.name, col))
        plain = [c[0] for c in t.columns[1:] if c[1] not in ("jsonb", "text[]")]
        a, b = rng.sample(plain, 2)
        roll = rng.random()
        if roll < 0.15:
            t.indexes.append("CREATE INDEX %s_%s_%s_idx ON %s (%s, %s);" % (t.name, a, b, t.name, a, b))
        elif roll < 0.25:
            t.indexes.append("CREATE INDEX %s_recent_idx ON %s (created_at) WHERE (%s IS NOT NULL);"
                             % (t.name, t.name, a))
        elif roll < 0.30 and any(c[1] in ("text", "varchar(100)") for c in t.columns):
            textual = next(c[0] for c in t.columns if c[1] in ("text", "varchar(100)"))
            t.indexes.append("CREATE INDEX %s_lower_idx ON %s (lower(%s));" % (t.name, t.name, textual))
        else:
            t.indexes.append("CREATE INDEX %s_%s_idx ON %s (%s);" % (t.name, a, t.name, a))
        if rng.random() < 0.3:
            t.indexes.append("CREATE INDEX %s_created_at_idx ON %s (created_at);" % (t.name, t.name))
        # An index on a foreign key column may have been drawn again.
        t.indexes = list(dict.fromkeys(t.indexes))
        if rng.random() < 0.1:
            t.constraints.append("CONSTRAINT %s_%s_key UNIQUE (%s)" % (t.name, b, b))
        numeric = [c[0] for c in t.columns[1:] if c[1] in ("integer", "numeric(12,2)", "smallint")]
        if numeric and rng.random() < 0.2:
            t.constraints.append("CONSTRAINT %s_%s_check CHECK (%s >= 0)" % (t.name, numeric[0], numeric[0]))
        tables.append(t)
    return tables


def change(tables):
    count = round(n * args.change / 100)
    chosen = sorted(rng.sample(range(n), count))
    for k, i in enumerate(chosen):
        t = tables[i]
        kind = CHANGE_KINDS[k % len(CHANGE_KINDS)]
        if kind == "drop index" and not t.indexes:
            kind = "add index"
        if kind == "drop foreign key" and not t.fks:
            kind = "add column"
        if kind == "drop not null" and not any(c[3] for c in t.columns[1:]):
            kind = "add check"
        if kind == "change type" and not any(c[1] in WIDER for c in t.columns[1:]):
            kind = "add column"
        if kind == "change default" and not any(c[2] for c in t.columns[1:]):
            kind = "add column"
        if kind == "add column":
            t.columns.append(["note", "text", None, False])
        elif kind == "change type":
            col = next(c for c in t.columns[1:] if c[1] in WIDER)
            col[1] = WIDER[col[1]]
        elif kind == "add index":
            t.indexes.append("CREATE INDEX %s_extra_idx ON %s (created_at, id);" % (t.name, t.name))
        elif kind == "drop index":
            t.indexes.pop()
        elif kind == "change default":
            col = next(c for c in t.columns[1:] if c[2])
            col[2] = "clock_timestamp()" if col[1] == "timestamptz" else None
        elif kind == "drop not null":
            next(c for c in t.columns[1:] if c[3])[3] = False
        elif kind == "add check":
            t.constraints.append("CONSTRAINT %s_id_check CHECK (id > 0)" % t.name)
        elif kind == "drop foreign key":
            t.fks.pop()
    return count


tables = build()
changed = change(tables) if args.change else 0
with open(args.out, "w") as f:
    f.write("-- %d tables, seed %d%s\n" % (n, args.seed,
            ", %g%% of the tables changed" % args.change if args.change else ""))
    f.write("CREATE TYPE status AS ENUM ('active', 'suspended', 'closed');\n")
    f.write("CREATE TYPE priority AS ENUM ('low', 'normal', 'high');\n\n")
    for t in tables:
        lines = []
        for name, kind, default, not_null in t.columns:
            line = "    %s %s" % (name, kind)
            if default:
                line += " DEFAULT %s" % default
            if not_null:
                line += " NOT NULL"
            if name == "id":
                line += " PRIMARY KEY"
            lines.append(line)
        lines += ["    " + c for c in t.constraints]
        f.write("CREATE TABLE %s (\n%s\n);\n" % (t.name, ",\n".join(lines)))
        for stmt in t.indexes:
            f.write(stmt + "\n")
        f.write("\n")
    # Foreign keys last, as pg_dump writes them.
    for t in tables:
        for col, ref, on_delete in t.fks:
            f.write("ALTER TABLE %s ADD CONSTRAINT %s_%s_fkey FOREIGN KEY (%s) REFERENCES %s (id)%s;\n"
                    % (t.name, t.name, col, col, ref, on_delete))
if args.change:
    print("%d tables changed" % changed, file=sys.stderr)
