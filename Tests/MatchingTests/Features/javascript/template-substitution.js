// ruleid: javascript.template-substitution
query(`SELECT * FROM t WHERE id = ${id}`);
// ruleid: javascript.template-substitution
query(`${table}`);
// ruleid: javascript.template-substitution
query(`a ${b} c ${d} e`);
// ok: javascript.template-substitution
query(`SELECT 1`);
// ok: javascript.template-substitution
query("SELECT " + id);
