async function ask(openai, pool, question) {
  const reply = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: question }] });
  const sql = reply.choices[0].message.content;
  // ruleid: llm.js-output-to-sql
  return (await pool.query(sql)).rows;
}

async function report(anthropic, db, topic) {
  const message = await anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 512, messages: [{ role: "user", content: topic }] });
  // ruleid: llm.js-output-to-sql
  return db.exec(message.content[0].text);
}

async function askSafely(openai, pool, question) {
  const reply = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: question }] });
  const city = reply.choices[0].message.content;
  // ok: llm.js-output-to-sql
  return (await pool.query("SELECT name FROM shops WHERE city = $1", [city])).rows;
}

async function fixed(pool) {
  // ok: llm.js-output-to-sql
  return pool.query("SELECT 1");
}
