// ruleid: typescript.arrow-return-types
export const loose = (req: Request): any => req.body;
// ruleid: typescript.arrow-return-types
export const named = function (req): any { return req.body; };
// ok: typescript.arrow-return-types
export const strict = (req: Request): Body => req.body;
// ok: typescript.arrow-return-types
export const untyped = (req) => req.body;
