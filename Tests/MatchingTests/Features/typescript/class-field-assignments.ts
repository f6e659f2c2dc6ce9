export class Settings {
  // ruleid: typescript.class-field-assignments
  token: string = process.env.TOKEN;
  // ruleid: typescript.class-field-assignments
  private readonly url = process.env.URL;
  // ok: typescript.class-field-assignments
  port: number = 8080;
}

// ruleid: typescript.class-field-assignments
const key: string | undefined = process.env.KEY;
