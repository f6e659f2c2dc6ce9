// ruleid: javascript.method-calls
el.insertAdjacentHTML("beforeend", html);
// ruleid: javascript.method-calls
document.getElementById("x").insertAdjacentHTML("afterbegin", html);
// ok: javascript.method-calls
insertAdjacentHTML("beforeend", html);
// ok: javascript.method-calls
el.appendChild(node);
