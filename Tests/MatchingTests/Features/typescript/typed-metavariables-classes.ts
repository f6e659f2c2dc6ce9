export function stop(proc: ChildProcess, force: boolean, code: number) {
  // ruleid: typescript.typed-metavariables-classes
  proc.kill(force);
  // ruleid: typescript.typed-metavariables-classes
  proc.kill(code > 1);
  // ruleid: typescript.typed-metavariables-classes
  proc.kill(!force);
  // ruleid: typescript.typed-metavariables-classes
  proc.kill(true);
  // ok: typescript.typed-metavariables-classes
  proc.kill(proc instanceof ChildProcess);
  // ok: typescript.typed-metavariables-classes
  proc.kill(code);
  // ok: typescript.typed-metavariables-classes
  proc.kill(force && code);
}
