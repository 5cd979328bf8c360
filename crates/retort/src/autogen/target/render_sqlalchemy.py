"""retort: render a SQLAlchemy MetaData as DDL for one dialect.

Run by retort as `python -c <this file> ROOT MODULE ATTRIBUTE DIALECT`.
Prints the SQL on stdout, statements separated by `;` and a blank line.
A failure it understands ends with exit status 3 and one message on
stderr, which retort shows as it is.
"""
import sys
import traceback

FAILED = 3


def fail(message):
    sys.stderr.write(message.rstrip() + "\n")
    sys.exit(FAILED)


def main(root, module_name, attribute, dialect_name):
    sys.path.insert(0, root)
    try:
        import sqlalchemy
        from sqlalchemy import MetaData, create_mock_engine
        from sqlalchemy.schema import CreateSchema
    except ImportError as error:
        fail(
            "SQLAlchemy is not installed in %s (%s); install it there, or set "
            "`python` in retort.toml to the interpreter of the project's "
            "environment" % (sys.executable, error)
        )
    try:
        import importlib

        module = importlib.import_module(module_name)
    except BaseException:
        lines = traceback.format_exc().rstrip().splitlines()
        fail(
            "cannot import the module %s (with %s on sys.path):\n%s"
            % (module_name, root, "\n".join("    " + line for line in lines[-12:]))
        )
    target = module
    walked = module_name
    for part in attribute.split("."):
        if not hasattr(target, part):
            fail("%s has no attribute %r" % (walked, part))
        target = getattr(target, part)
        walked += "." + part
    if not isinstance(target, MetaData):
        hint = ""
        if isinstance(getattr(target, "metadata", None), MetaData):
            hint = " (its `metadata` attribute is one: name %s:%s.metadata)" % (
                module_name,
                attribute,
            )
        fail(
            "%s:%s is a %s, not a sqlalchemy MetaData%s"
            % (module_name, attribute, type(target).__name__, hint)
        )

    statements = []
    engine = None

    def collect(sql, *multiparams, **params):
        statements.append(str(sql.compile(dialect=engine.dialect)).strip())

    url = {"postgresql": "postgresql://", "sqlite": "sqlite://"}[dialect_name]
    engine = create_mock_engine(url, collect)

    # `CONCURRENTLY` cannot run in the transaction a target loads in, and
    # means nothing for a schema built from nothing.
    for table in target.tables.values():
        for index in table.indexes:
            options = index.dialect_options.get("postgresql")
            if options is not None and options.get("concurrently"):
                options["concurrently"] = False

    if dialect_name == "postgresql":
        # pgvector's column types need its extension, which the models
        # cannot say: create it, as its own documentation does first.
        if any(
            type(column.type).__module__.startswith("pgvector")
            for table in target.tables.values()
            for column in table.columns
        ):
            statements.append("CREATE EXTENSION IF NOT EXISTS vector")
        schemas = set()
        for table in target.tables.values():
            schemas.add(table.schema)
        for sequence in target._sequences.values():
            schemas.add(sequence.schema)
        schemas.add(target.schema)
        for schema in sorted(s for s in schemas if s and s != "public"):
            collect(CreateSchema(schema, if_not_exists=True))

    target.create_all(engine, checkfirst=False)
    sys.stdout.write("".join(statement + ";\n\n" for statement in statements))


if __name__ == "__main__":
    try:
        main(*sys.argv[1:5])
    except SystemExit:
        raise
    except BaseException:
        lines = traceback.format_exc().rstrip().splitlines()
        fail("rendering the models failed:\n%s" % "\n".join("    " + l for l in lines[-12:]))
