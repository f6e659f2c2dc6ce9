const { execSync } = require("child_process");

async function fix(openai, log) {
  const reply = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: log }] });
  const command = reply.choices[0].message.content;
  // ruleid: llm.js-output-to-shell
  return execSync(command).toString();
}

async function tidy(model, request) {
  const result = await model.generateContent(request);
  // ruleid: llm.js-output-to-shell
  return execSync(result.response.text());
}

async function explain(openai, log) {
  const reply = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: log }] });
  // ok: llm.js-output-to-shell
  console.log(reply.choices[0].message.content);
}

function status() {
  // ok: llm.js-output-to-shell
  return execSync("git status").toString();
}
