async function show(openai, prompt, box) {
  const reply = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: prompt }] });
  // ruleid: llm.js-output-to-html
  box.innerHTML = reply.choices[0].message.content;
}

async function answer(anthropic, req, res) {
  const message = await anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 512, messages: [{ role: "user", content: req.body.q }] });
  const html = "<div>" + message.content[0].text + "</div>";
  // ruleid: llm.js-output-to-html
  res.send(html);
}

async function showSafely(openai, prompt, box) {
  const reply = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: prompt }] });
  // ok: llm.js-output-to-html
  box.textContent = reply.choices[0].message.content;
}

function clear(box) {
  // ok: llm.js-output-to-html
  box.innerHTML = "";
}
