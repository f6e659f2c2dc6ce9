// ruleid: typescript.parameter-types
export function handle(name: string, payload: any): void {
  console.log(name, payload);
}

// ok: typescript.parameter-types
export function typed(name: string, payload: Payload): void {
  console.log(name, payload);
}

// ok: typescript.parameter-types
function untyped(name, payload) {
  return [name, payload];
}

export class Service {
  // ruleid: typescript.parameter-types
  run(input?: any) {
    return input;
  }
}

// ok: typescript.parameter-types
export const arrow = (payload: any) => payload;
