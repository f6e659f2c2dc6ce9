async function findUser(pool, name) {
  // ruleid: javascript.sql-built-from-strings
  const result = await pool.query(`SELECT * FROM users WHERE name = '${name}'`);
  return result.rows[0];
}

function remove(db, id) {
  const sql = "DELETE FROM items WHERE id = " + id;
  // ruleid: javascript.sql-built-from-strings
  return db.run(sql);
}

async function findUserSafely(pool, name) {
  // ok: javascript.sql-built-from-strings
  const result = await pool.query("SELECT * FROM users WHERE name = $1", [name]);
  return result.rows[0];
}

function count(db) {
  // ok: javascript.sql-built-from-strings
  return db.get(`SELECT count(*) AS n FROM items`);
}

function registry(config, scope) {
  // ok: javascript.sql-built-from-strings
  return config.get(`${scope}:registry`);
}
