interface Options {
  shell?: boolean;
  run(cmd: string): void;
}
type Handler<T> = (input: T) => Promise<void>;
enum Mode { A, B }

export async function run<T extends object>(cmd: string, opts?: Options): Promise<T | null> {
  // ruleid: typescript.types-ignored
  exec(cmd as string);
  // ruleid: typescript.types-ignored
  exec(opts!.shell);
  // ruleid: typescript.types-ignored
  const out = <Buffer>exec(cmd);
  // ruleid: typescript.types-ignored
  exec(cmd satisfies string);
  // ok: typescript.types-ignored
  execFile(cmd);
  return null;
}
