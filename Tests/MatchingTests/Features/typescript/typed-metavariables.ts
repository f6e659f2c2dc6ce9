const fixed: string = "select 1";

export function run(db: Db, text: string, id: number, raw) {
  // ruleid: typescript.typed-metavariables
  db.query(text);
  // ruleid: typescript.typed-metavariables
  db.query("select 2");
  // ruleid: typescript.typed-metavariables
  db.query(fixed);
  // ruleid: typescript.typed-metavariables
  db.query(raw as string);
  // ok: typescript.typed-metavariables
  db.query(id);
  // ok: typescript.typed-metavariables
  db.query(raw);
  // ok: typescript.typed-metavariables
  db.query(`select ${id}`);
  const inferred = "select 3";
  // ruleid: typescript.typed-metavariables
  db.query(inferred);
  const joined = "select " + "4";
  // ruleid: typescript.typed-metavariables
  db.query(joined);
  const fromCall = build();
  // ok: typescript.typed-metavariables
  db.query(fromCall);
}

export function shadow(fixed: number, db: Db) {
  // ok: typescript.typed-metavariables
  db.query(fixed);
}
