import * as cp from "child_process";
import { exec as run } from "child_process";
import def from "child_process";
const proc = require("child_process");
const { exec } = require("child_process");
const { exec: shell } = require("child_process");

// ruleid: javascript.import-aliases
cp.exec(command);
// ruleid: javascript.import-aliases
run(command);
// ruleid: javascript.import-aliases
proc.exec(command);
// ruleid: javascript.import-aliases
exec(command);
// ruleid: javascript.import-aliases
shell(command);
// ok: javascript.import-aliases
def.exec(command);
// ok: javascript.import-aliases
proc.execFile(command);
