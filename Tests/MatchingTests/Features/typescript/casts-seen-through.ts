import child_process from "child_process";

export function run(cmd: unknown) {
  // ruleid: typescript.casts-seen-through
  child_process.exec(cmd as string);
  // ruleid: typescript.casts-seen-through
  child_process.exec(<string>cmd);
  // ruleid: typescript.casts-seen-through
  child_process.exec(cmd as unknown as string);
  // ok: typescript.casts-seen-through
  child_process.exec(cmd!);
  // ok: typescript.casts-seen-through
  child_process.exec(cmd satisfies unknown);
}
