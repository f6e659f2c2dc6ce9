import { HarmBlockThreshold, HarmCategory } from "@google/generative-ai";

export const relaxed = [
  // ruleid: llm.gemini-safety-off-js
  { category: HarmCategory.HARM_CATEGORY_HARASSMENT, threshold: HarmBlockThreshold.BLOCK_NONE },
  // ruleid: llm.gemini-safety-off-js
  { category: "HARM_CATEGORY_DANGEROUS_CONTENT", threshold: "OFF" },
];

export const strict = [
  // ok: llm.gemini-safety-off-js
  { category: HarmCategory.HARM_CATEGORY_HARASSMENT, threshold: HarmBlockThreshold.BLOCK_LOW_AND_ABOVE },
  // ok: llm.gemini-safety-off-js
  { category: "HARM_CATEGORY_DANGEROUS_CONTENT", threshold: "BLOCK_MEDIUM_AND_ABOVE" },
];
