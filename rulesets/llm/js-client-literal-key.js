import OpenAI from "openai";
import { GoogleGenerativeAI } from "@google/generative-ai";

// ruleid: llm.js-client-literal-key
const openai = new OpenAI({ apiKey: "team-key-7f3c9a2b11" });

// ruleid: llm.js-client-literal-key
const gemini = new GoogleGenerativeAI("gemini-demo-key-0042");

// ok: llm.js-client-literal-key
const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

// ok: llm.js-client-literal-key
const local = new OpenAI({ baseURL: "http://localhost:8000/v1", apiKey: "EMPTY" });
