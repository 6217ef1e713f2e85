// Preloaded (`node --require`) into every measured process: Node cannot read a
// child's resource usage, so the child writes its own on exit (peak RSS in KB,
// CPU time in microseconds).
const file = process.env.POLITY_BENCH_USAGE_FILE;
if (file) {
    process.on('exit', () => {
        const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
        require('node:fs').writeFileSync(file, JSON.stringify({ maxRSS, cpu: userCPUTime + systemCPUTime }));
    });
}
