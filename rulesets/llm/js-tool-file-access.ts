import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import * as fs from "node:fs";
import { tool } from "ai";
import { z } from "zod";

const server = new McpServer({ name: "files", version: "1.0.0" });

server.tool("read_file", { path: z.string() }, async ({ path }) => {
  // ruleid: llm.js-tool-file-access
  const text = fs.readFileSync(path, "utf8");
  return { content: [{ type: "text", text }] };
});

export const remove = tool({
  description: "Delete a file",
  parameters: z.object({ path: z.string() }),
  execute: async ({ path }) => {
    // ruleid: llm.js-tool-file-access
    await fs.promises.rm(path, { recursive: true });
    return "deleted";
  },
});

server.tool("notes", {}, async () => {
  // ok: llm.js-tool-file-access
  const text = fs.readFileSync("/srv/workspace/notes.md", "utf8");
  return { content: [{ type: "text", text }] };
});

export function readAny(path: string) {
  // ok: llm.js-tool-file-access
  return fs.readFileSync(path, "utf8");
}
