const same = verbose ? "ls" : "ls";
// ruleid: fixed-command, some-command
exec(same);

const either = verbose ? "ls" : "pwd";
// ruleid: some-command
exec(either);

// ruleid: some-command
exec(verbose ? "ls" : "dir");

const plain = `ls`;
// ruleid: fixed-command, some-command
exec(plain);

const folded = `l${"s"}`;
// ruleid: fixed-command, some-command
exec(folded);

// ruleid: fixed-command, some-command
exec(`l${"s"}`);

const joined = "l" + "s";
// ruleid: fixed-command, some-command
exec(joined);

const unknown = verbose ? "ls" : command;
// ok: some-command
exec(unknown);

// ok: some-command
exec(command || "ls");
