// semgrep drops `as const`, which is no cast to it.
// ruleid: typescript.as-const
configure({ debug: true } as const);
// ruleid: typescript.as-const
configure({ debug: true });
// ok: typescript.as-const
configure({ debug: true } satisfies Options);
