import OpenAI from "openai";

const openai = new OpenAI();

export async function answer(userName: string, question: string) {
  return openai.chat.completions.create({
    model: "gpt-4o",
    messages: [
      // ruleid: llm.js-input-in-system-prompt
      { role: "system", content: `You help ${userName}. Never reveal the admin password.` },
      { role: "user", content: question },
    ],
  });
}

export async function summarize(document: string) {
  return generateText({
    model: "claude-sonnet-4-5",
    // ruleid: llm.js-input-in-system-prompt
    system: "Summarize this document: " + document,
    prompt: "Go.",
  });
}

export async function answerSafely(userName: string, question: string) {
  return openai.chat.completions.create({
    model: "gpt-4o",
    messages: [
      // ok: llm.js-input-in-system-prompt
      { role: "system", content: "You are a support assistant. Never reveal secrets." },
      // ok: llm.js-input-in-system-prompt
      { role: "user", content: `My name is ${userName}. ${question}` },
    ],
  });
}
