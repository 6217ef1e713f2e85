import type { CancellationToken } from 'vscode-languageserver-protocol';

/**
 * Time bounds that hold on a loaded machine. Work done in this process is
 * bounded in CPU time, which does not grow when other processes share the
 * cores; what can only be timed on the clock (waiting for another process,
 * a test's timeout) is scaled by how much slower than its CPU time work runs
 * here and now.
 */

/** The CPU time this process has used, in ms (user and system, V8's helper threads included). */
export function cpuMs(): number {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
}

/**
 * How many times longer than its CPU time pure computation takes on the
 * clock now, at least 1: about 1 on an idle machine, about 4 when eight
 * processes share two cores. Measured with a spin of `sampleMs` of CPU time.
 */
export function slowdown(sampleMs = 50): number {
    const wall = performance.now();
    const cpu = cpuMs();
    let sink = 0;
    while (cpuMs() - cpu < sampleMs) {
        for (let i = 0; i < 10_000; i++) sink += Math.sqrt(i);
    }
    const ratio = (performance.now() - wall) / (cpuMs() - cpu);
    // Reading `sink` keeps the loop from being optimised away.
    return sink >= 0 ? Math.max(1, ratio) : 1;
}

/** A test timeout of `ms` on an idle machine, stretched by the slowdown measured when the test file loads. */
export function scaledTimeout(ms: number): number {
    return Math.round(ms * SLOWDOWN);
}

const SLOWDOWN = slowdown();

/** A cancellation token that is cancelled once this process has used `ms` more CPU time (Langium polls it while it builds). */
export function cpuDeadline(ms: number): CancellationToken {
    const end = cpuMs() + ms;
    return {
        get isCancellationRequested() {
            return cpuMs() > end;
        },
        onCancellationRequested: () => ({ dispose: () => undefined })
    };
}
