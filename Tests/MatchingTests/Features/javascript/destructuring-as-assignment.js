// semgrep reads a destructuring declaration as one hidden name defined with the whole
// `{a} = v`; an object pattern bound straight to `require(...)` leaves that name unresolved,
// so it is the same as any other destructuring's.

// ruleid: javascript.destructuring-as-assignment
const { readFile, writeFile } = require('fs');
// ruleid: javascript.destructuring-as-assignment
const { join } = require('path');

// ruleid: javascript.destructuring-as-assignment
const { spawn } = require('child_process');
let [head] = list;

// ruleid: javascript.destructuring-as-assignment
const { left } = pair;
const { format } = require('util');

function twoPlain() {
  // ok: javascript.destructuring-as-assignment
  const { width } = size;
  const { color } = style;
}

function arrayRequire() {
  // ok: javascript.destructuring-as-assignment
  const [first] = require('list');
  const { second } = other;
}

function memberRequire() {
  // ok: javascript.destructuring-as-assignment
  const { inner } = require('mod').sub;
  const { outer } = other;
}

function notDestructuring() {
  // ok: javascript.destructuring-as-assignment
  const { parse } = require('url');
  const resolve = other;
}

