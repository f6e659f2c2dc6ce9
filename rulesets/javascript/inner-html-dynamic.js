function render(comment) {
  const box = document.getElementById("comments");
  // ruleid: javascript.inner-html-dynamic
  box.innerHTML = "<p>" + comment.body + "</p>";
  // ruleid: javascript.inner-html-dynamic
  box.insertAdjacentHTML("beforeend", `<li>${comment.author}</li>`);
}

function clear(box) {
  // ok: javascript.inner-html-dynamic
  box.innerHTML = "";
}

function renderSafely(box, comment) {
  // ok: javascript.inner-html-dynamic
  box.textContent = comment.body;
  // ok: javascript.inner-html-dynamic
  box.innerHTML = DOMPurify.sanitize(comment.html);
}
