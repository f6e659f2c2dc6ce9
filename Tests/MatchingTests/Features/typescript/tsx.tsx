type Props = { html: string };

export function Raw({ html }: Props): JSX.Element {
  // ruleid: typescript.tsx
  return <div className="raw" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Safe<T,>({ html }: Props) {
  const f = <U,>(x: U) => x;
  // ok: typescript.tsx
  return <div>{f(html)}</div>;
}
