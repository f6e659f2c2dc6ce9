function banner(name) {
  // ruleid: javascript.document-write
  document.write("<h1>Welcome " + name + "</h1>");
}

function fromHash() {
  // ruleid: javascript.document-write
  document.writeln(decodeURIComponent(location.hash.slice(1)));
}

function divider() {
  // ok: javascript.document-write
  document.write("<hr>");
}

function bannerSafely(name) {
  const heading = document.createElement("h1");
  // ok: javascript.document-write
  heading.textContent = "Welcome " + name;
}
