// Preloaded (NODE_OPTIONS=--require) into a CLI process by test/cli/startup.test.ts: on exit it
// prints to stderr, as one JSON line, the files of the project's code the process loaded and how
// many times it wrote to standard output.
const { registerHooks } = require('node:module');
const loaded = [];
registerHooks({
    load(url, context, next) {
        if (url.startsWith('file:')) loaded.push(url);
        return next(url, context);
    }
});
let writes = 0;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (...args) => {
    writes++;
    return write(...args);
};
process.on('exit', () => {
    process.stderr.write(`\nprocess-probe ${JSON.stringify({ loaded, writes })}\n`);
});
