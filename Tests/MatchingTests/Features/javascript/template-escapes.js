// ruleid: javascript.template-escapes
const help = `run \`npm test\` then stop`;
// ok: javascript.template-escapes
const total = count + 1;
