export function setup(input: string) {
  // ruleid: typescript.type-annotations
  let loose: any = JSON.parse(input);
  // ok: typescript.type-annotations
  let untyped = JSON.parse(input);
  // ok: typescript.type-annotations
  let typed: Config = JSON.parse(input);
  // ok: typescript.type-annotations
  const fixed: any = JSON.parse(input);
  // ok: typescript.type-annotations
  let unknownValue: unknown = JSON.parse(input);
  // ok: typescript.type-annotations
  let union: any | null = JSON.parse(input);
  return [loose, untyped, typed, fixed, unknownValue, union];
}
