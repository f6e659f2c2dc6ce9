const vm = require("vm");

async function compute(openai, question) {
  const reply = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: question }] });
  // ruleid: llm.js-output-to-eval
  return eval(reply.choices[0].message.content);
}

async function plan(anthropic, task) {
  const message = await anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "user", content: task }] });
  const code = message.content[0].text;
  // ruleid: llm.js-output-to-eval
  return vm.runInNewContext(code, {});
}

async function answer(openai, question) {
  const reply = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: question }] });
  // ok: llm.js-output-to-eval
  return JSON.parse(reply.choices[0].message.content);
}

function constant() {
  // ok: llm.js-output-to-eval
  return eval("1 + 1");
}
