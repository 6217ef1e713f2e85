#!/usr/bin/env node
// Checked before the bundle is loaded: it uses Node 22's library (Object.groupBy and more), and on an
// older Node would stop with an error that says nothing about versions.
const REQUIRED = 22;
if (Number(process.versions.node.split('.')[0]) < REQUIRED) {
    process.stderr.write(
        `polity: needs Node ${REQUIRED} or later; ${process.execPath} is Node ${process.version}.\n` +
            `Install Node ${REQUIRED} or later (https://nodejs.org), or add it to this project with\n` +
            `\`npm install --save-dev node@${REQUIRED}\`: npx and npm scripts then run polity with it.\n`
    );
    process.exit(2);
}
await import('../dist/cli.js');
