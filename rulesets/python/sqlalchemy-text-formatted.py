from sqlalchemy import text


def by_name(session, name):
    # ruleid: python.sqlalchemy-text-formatted
    return session.execute(text(f"SELECT * FROM users WHERE name = '{name}'"))


def by_id(session, row_id):
    # ruleid: python.sqlalchemy-text-formatted
    return session.execute(text("SELECT * FROM users WHERE id = " + row_id))


def by_name_safely(session, name):
    # ok: python.sqlalchemy-text-formatted
    return session.execute(text("SELECT * FROM users WHERE name = :name"), {"name": name})


def everyone(session):
    # ok: python.sqlalchemy-text-formatted
    return session.execute(text("SELECT * FROM users"))
