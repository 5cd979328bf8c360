#!/usr/bin/env python3
"""Writes a retort project with N revisions in a graph with branches, merge
points and branch labels, for the graph benchmarks.

usage: gen_graph.py DIR [N] [--alembic]   (--alembic also writes the same graph
as an Alembic project in DIR/alembic, for a side-by-side baseline)
"""
import os
import random
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    alembic = "--alembic" in sys.argv
    root = args[0]
    count = int(args[1]) if len(args) > 1 else 5000
    rng = random.Random(42)
    versions = os.path.join(root, "migrations", "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(root, "retort.toml"), "w") as f:
        f.write('script_location = "migrations"\nurl = "sqlite:///bench.db"\n')
    revs = []  # (id, down list, labels)
    heads = []
    for i in range(count):
        rid = "%012x" % rng.getrandbits(48)
        if not heads:
            down = []
        elif len(heads) > 1 and rng.random() < 0.3:
            # merge two open branches
            a, b = rng.sample(heads, 2)
            down = [a, b]
        elif rng.random() < 0.05 and len(heads) < 6:
            # open a new branch from an older revision
            down = [revs[rng.randrange(max(0, len(revs) - 50), len(revs))][0]]
        else:
            down = [rng.choice(heads)]
        for d in down:
            if d in heads:
                heads.remove(d)
        heads.append(rid)
        labels = ["b%d" % i] if i % 500 == 0 else []
        revs.append((rid, down, labels))
    # Close every branch with a final merge so that `head` is one revision.
    if len(heads) > 1:
        rid = "f" * 12
        revs.append((rid, list(heads), []))
    for n, (rid, down, labels) in enumerate(revs):
        lines = [
            "-- step %d" % n,
            "--",
            "-- Revision ID: %s" % rid,
            "-- Revises: %s" % ", ".join(down),
            "-- Create Date: 2026-01-01 00:00:00.000000",
        ]
        if labels:
            lines.append("-- Branch Labels: %s" % ", ".join(labels))
        body = "\n".join(lines) + (
            "\n\n-- retort:upgrade\nCREATE TABLE t_%s (id integer);\n\n"
            "-- retort:downgrade\nDROP TABLE t_%s;\n" % (rid, rid)
        )
        with open(os.path.join(versions, "%s_step_%d.sql" % (rid, n)), "w") as f:
            f.write(body)
    if alembic:
        write_alembic(os.path.join(root, "alembic"), revs)


def write_alembic(root, revs):
    versions = os.path.join(root, "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(root, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = %s\nsqlalchemy.url = sqlite:///bench.db\n" % root)
    with open(os.path.join(root, "env.py"), "w") as f:
        f.write(
            "from alembic import context\n"
            "if context.is_offline_mode():\n"
            "    context.configure(url=context.config.get_main_option('sqlalchemy.url'), literal_binds=True)\n"
            "    with context.begin_transaction():\n"
            "        context.run_migrations()\n"
        )
    with open(os.path.join(root, "script.py.mako"), "w") as f:
        f.write("")
    for n, (rid, down, labels) in enumerate(revs):
        down_repr = "None" if not down else (repr(down[0]) if len(down) == 1 else repr(tuple(down)))
        with open(os.path.join(versions, "%s_step_%d.py" % (rid, n)), "w") as f:
            f.write(
                '"""step %d"""\nfrom alembic import op\nrevision = %r\ndown_revision = %s\n'
                "branch_labels = %s\ndepends_on = None\n"
                "def upgrade():\n    op.execute('CREATE TABLE t_%s (id integer)')\n"
                "def downgrade():\n    op.execute('DROP TABLE t_%s')\n"
                % (n, rid, down_repr, repr(tuple(labels)) if labels else "None", rid, rid)
            )


if __name__ == "__main__":
    main()
