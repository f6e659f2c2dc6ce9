def find_user(cursor, name):
    # ruleid: python.sql-built-from-strings
    cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")
    return cursor.fetchone()


def delete(conn, table, row_id):
    # ruleid: python.sql-built-from-strings
    conn.execute("DELETE FROM %s WHERE id = %d" % (table, row_id))


def by_email(cursor, email):
    query = "SELECT id FROM users WHERE email = '" + email + "'"
    # ruleid: python.sql-built-from-strings
    cursor.execute(query)


def find_user_safely(cursor, name):
    # ok: python.sql-built-from-strings
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
    return cursor.fetchone()


def count(cursor):
    query = "SELECT count(*) FROM users"
    # ok: python.sql-built-from-strings
    cursor.execute(query)
