// ruleid: typescript.object-types
export function login(user: { name: string; password: string }) {
  return user;
}

// ruleid: typescript.object-types
export function signup(user: { readonly password?: string, email: string }, next: () => void) {
  next();
}

// ok: typescript.object-types
export function check(user: { password: number }) {
  return user;
}

// ok: typescript.object-types
export function named(user: User) {
  return user;
}

// semgrep keeps no type apart for a destructured parameter.
// ok: typescript.object-types
export function direct({ password }: { password: string }) {
  return password;
}
