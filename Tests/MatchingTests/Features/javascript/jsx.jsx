export function Links({ url }) {
  // ruleid: javascript.jsx
  const a = <a href={url} target="_blank">open</a>;
  // ruleid: javascript.jsx
  const b = <a className="x" target="_blank" href={url} />;
  // ok: javascript.jsx
  const c = <a href={url}>same tab</a>;
  // ruleid: javascript.jsx
  const d = <a target="_blank" href="/static">a string is an expression here</a>;
  // ok: javascript.jsx
  const e = <a target="_self" href={url}>{url}</a>;
  return <div>{a}{b}{c}{d}{e}</div>;
}
