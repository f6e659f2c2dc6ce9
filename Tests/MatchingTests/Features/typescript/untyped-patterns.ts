// A pattern that names no types matches declarations, parameters and returns that have them.
export function search(req: Request, res: Response): void {
  // ruleid: typescript.untyped-patterns
  const term: string = req.query;
  res.send(term);
}

export async function find<T>(request: Request<T>): Promise<T[]> {
  // ruleid: typescript.untyped-patterns
  const found = request.query;
  return found;
}

// ok: typescript.untyped-patterns
function other(req?: Request) { const term = req!.query; return term; }
