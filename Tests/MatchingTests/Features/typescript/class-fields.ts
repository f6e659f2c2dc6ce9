// ruleid: typescript.class-fields
export class Loose {
  name: string = "a";
  data: any = {};
}

// ok: typescript.class-fields
export class Strict {
  data: Data = {};
}

// ok: typescript.class-fields
export class Untyped {
  data = {};
}

// ok: typescript.class-fields
export class Unset {
  data: any;
}
