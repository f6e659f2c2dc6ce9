import sqlite3


def ask_database(client, question, conn: sqlite3.Connection):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    sql = reply.choices[0].message.content
    # ruleid: llm.python-output-to-sql
    return conn.execute(sql).fetchall()


def report(llm, cursor, topic):
    # ruleid: llm.python-output-to-sql
    cursor.executescript(llm.invoke("Write SQL for " + topic).content)


def ask_safely(client, question, cursor):
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    city = reply.choices[0].message.content
    # ok: llm.python-output-to-sql
    cursor.execute("SELECT name FROM shops WHERE city = ?", (city,))


def fixed(cursor):
    # ok: llm.python-output-to-sql
    cursor.execute("SELECT 1")
