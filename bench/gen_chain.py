#!/usr/bin/env python3
"""Writes a retort project of N linear revisions into DIR, each creating a
table with an index and a foreign key to the previous revision's table.
usage: gen_chain.py DIR N"""
import os
import sys

root, n = sys.argv[1], int(sys.argv[2])
versions = os.path.join(root, "migrations", "versions")
os.makedirs(versions, exist_ok=True)
with open(os.path.join(root, "retort.toml"), "w") as f:
    f.write('script_location = "migrations"\n')
for i in range(1, n + 1):
    rev = "%012x" % (0xA00000000000 + i)
    parent = "%012x" % (0xA00000000000 + i - 1) if i > 1 else ""
    fk = ",\n    prev_id bigint REFERENCES t%d (id)" % (i - 1) if i > 1 else ""
    index = "CREATE INDEX t%d_prev ON t%d (prev_id);" % (i, i) if i > 1 else \
        "CREATE INDEX t%d_name ON t%d (name);" % (i, i)
    with open(os.path.join(versions, "%s_table_%d.sql" % (rev, i)), "w") as f:
        f.write(
            "-- table %d\n--\n-- Revision ID: %s\n-- Revises: %s\n"
            "-- Create Date: 2026-01-01 00:00:00\n\n"
            "-- retort:upgrade\n"
            "CREATE TABLE t%d (\n    id bigint PRIMARY KEY,\n    name text NOT NULL%s\n);\n%s\n\n"
            "-- retort:downgrade\nDROP TABLE t%d;\n"
            % (i, rev, parent, i, fk, index, i)
        )
