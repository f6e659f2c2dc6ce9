function run(code: string): unknown {
  // ruleid: typescript.javascript-rules-run-here
  return eval(code);
}
// ok: typescript.javascript-rules-run-here
const safe: unknown = JSON.parse(text);
