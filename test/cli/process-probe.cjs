// Preloaded (NODE_OPTIONS=--require) into a CLI process by test/cli/check-writes.test.ts: on exit it
// prints to stderr, as one JSON line, how many times the process wrote to standard output.
let writes = 0;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (...args) => {
    writes++;
    return write(...args);
};
process.on('exit', () => {
    process.stderr.write(`\nprocess-probe ${JSON.stringify({ writes })}\n`);
});
