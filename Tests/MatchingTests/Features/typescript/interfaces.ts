// ruleid: typescript.interfaces
export interface Authed extends Request {
  user: User;
}

// ruleid: typescript.interfaces
interface Plain extends Request {}

// ok: typescript.interfaces
interface Other extends Response {
  token: string;
}

// ok: typescript.interfaces
interface Both extends Base, Request {}

// ok: typescript.interfaces
interface Alone {
  token: string;
}
