#!/usr/bin/env node
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
    process.stderr.write(`polity: needs Node 22 or later (this is ${process.version}); run it through npx or npm scripts, which use the project's Node 22\n`);
    process.exit(2);
}
await import('../dist/cli.js');
