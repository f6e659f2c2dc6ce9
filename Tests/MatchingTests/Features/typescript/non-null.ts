export function show(html: string) {
  const el = document.getElementById("out");
  // ruleid: typescript.non-null
  el!.innerHTML = html;
  // ok: typescript.non-null
  el.innerHTML = html;
  // ruleid: typescript.non-null
  document.querySelector("p")!.innerHTML = html;
}
