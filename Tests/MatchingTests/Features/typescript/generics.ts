function load(url: string) {
  // ruleid: typescript.generics
  const user = axios.get<User>(url);
  // ruleid: typescript.generics
  const list = axios.get<Array<Map<string, User>>>(url, { timeout: 5 });
  // ok: typescript.generics
  const same = a < b && c > d;
  // ok: typescript.generics
  const other = axios.post<User>(url);
  return [user, list, same, other];
}
