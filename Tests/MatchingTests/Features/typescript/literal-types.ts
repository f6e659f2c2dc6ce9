// A literal type is an expression to semgrep, so a literal pattern finds it in types too.
// ruleid: typescript.literal-types
type Role = "admin" | "user";

export function check(role: Role) {
  // ruleid: typescript.literal-types
  return role === "admin";
}

// ok: typescript.literal-types
type Other = "user" | Admin;
