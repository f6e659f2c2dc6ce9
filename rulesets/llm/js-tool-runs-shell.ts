import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { tool } from "ai";
import { execSync } from "node:child_process";
import { z } from "zod";

const server = new McpServer({ name: "helper", version: "1.0.0" });

server.tool("run", { command: z.string() }, async ({ command }) => {
  // ruleid: llm.js-tool-runs-shell
  const output = execSync(command).toString();
  return { content: [{ type: "text", text: output }] };
});

export const grep = tool({
  description: "Search the logs",
  parameters: z.object({ pattern: z.string() }),
  // ruleid: llm.js-tool-runs-shell
  execute: async ({ pattern }) => execSync(`grep -r ${pattern} /var/log`).toString(),
});

server.tool("uptime", {}, async () => {
  // ok: llm.js-tool-runs-shell
  const output = execSync("uptime").toString();
  return { content: [{ type: "text", text: output }] };
});

export function helper(command: string) {
  // ok: llm.js-tool-runs-shell
  return execSync(command).toString();
}
