declare global {
  // ruleid: typescript.declare-global
  interface Window {
    app: unknown;
  }
}

// semgrep does not read what a declared module holds.
declare module "plugin" {
  // ok: typescript.declare-global
  interface Options {}
}

namespace Shapes {
  // ruleid: typescript.declare-global
  export interface Circle {
    radius: number;
  }
}
