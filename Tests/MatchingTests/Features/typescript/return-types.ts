// semgrep compares only the name of a generic type: Promise<string> is any Promise.
// ruleid: typescript.return-types
export async function name(): Promise<string> {
  return "a";
}

// ruleid: typescript.return-types
export async function count(): Promise<number> {
  return 1;
}

// ok: typescript.return-types
export async function untyped() {
  return "a";
}

// ok: typescript.return-types
export async function list(): Array<string> {
  return [];
}
