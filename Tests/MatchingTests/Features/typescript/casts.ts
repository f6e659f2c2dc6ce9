export function run(code: unknown, other: unknown) {
  // ruleid: typescript.casts
  eval(code as string);
  // ruleid: typescript.casts
  eval(<string>code);
  // ok: typescript.casts
  eval(code as any);
  // ok: typescript.casts
  eval(code satisfies unknown);
  // ruleid: typescript.casts
  const forced = other as any as Config;
  // ok: typescript.casts
  const once = other as Config;
  return [forced, once];
}
