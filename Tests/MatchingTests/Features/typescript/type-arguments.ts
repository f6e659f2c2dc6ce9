export async function load(url: string) {
  // ruleid: typescript.type-arguments
  const user = fetchJson<User>(url);
  // ok: typescript.type-arguments
  const plain = fetchJson(url);
  // ok: typescript.type-arguments
  const pair = fetchJson<User, Error>(url);
  // ok: typescript.type-arguments
  const awaited = await fetchJson<User>(url);
  // ruleid: typescript.type-arguments
  const viaApi = api.get(url);
  // ruleid: typescript.type-arguments
  const viaApiTyped = api.get<Team>(url);
  // ruleid: typescript.type-arguments
  const a = new Cache<string, User>(10);
  // ruleid: typescript.type-arguments
  const b = new Cache<number, User>(10);
  // ruleid: typescript.type-arguments
  const c = new Cache(10);
  return [user, plain, pair, awaited, viaApi, viaApiTyped, a, b, c];
}
