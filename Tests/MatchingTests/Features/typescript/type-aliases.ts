// ruleid: typescript.type-aliases
type MaybeUser = User | null;
// ruleid: typescript.type-aliases
export type Box<T> = Array<T> | string | null;
// ok: typescript.type-aliases
type Required = User;
// ok: typescript.type-aliases
type Flipped = null | User;
