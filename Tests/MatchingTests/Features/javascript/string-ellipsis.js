// ruleid: javascript.string-ellipsis
document.write("<p>static</p>");
// ruleid: javascript.string-ellipsis
document.write('<p>static</p>');
// ruleid: javascript.string-ellipsis
document.write(`<p>static</p>`);
// ok: javascript.string-ellipsis
document.write(`<p>${name}</p>`);
// ok: javascript.string-ellipsis
document.write(html);
