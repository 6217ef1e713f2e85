import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../test/support/lsp-client.js';

export const ROOT = REPO_ROOT;
export const BENCH_DIR = path.join(ROOT, 'bench');
/** Preloaded into measured processes so that they report their own peak memory and CPU time. */
export const USAGE_PRELOAD = path.join(BENCH_DIR, 'usage.cjs');

export interface ProcessSample {
    /** Wall time from spawn to exit, in seconds. */
    wall: number;
    /** Peak resident memory, in MB. */
    rss: number;
    /** User + system CPU time, in seconds: less disturbed than wall time by other load on the machine. */
    cpu: number;
    code: number | null;
    stdout: string;
    stderr: string;
}

export interface UsageProbe {
    /** Environment for the measured process. */
    env: NodeJS.ProcessEnv;
    /** Node arguments for the measured process. */
    nodeArgs: string[];
    /** Peak RSS in MB and CPU time in seconds, once the process has exited. */
    read: () => { rss: number; cpu: number };
    dispose: () => void;
}

/** A fresh file for a measured process to write its resource usage into. */
export function usageProbe(): UsageProbe {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'polity-bench-'));
    const file = path.join(dir, 'usage.json');
    return {
        env: { POLITY_BENCH_USAGE_FILE: file },
        nodeArgs: ['--require', USAGE_PRELOAD],
        read: () => {
            const usage = JSON.parse(readFileSync(file, 'utf8')) as { maxRSS: number; cpu: number };
            return { rss: usage.maxRSS / 1024, cpu: usage.cpu / 1e6 };
        },
        dispose: () => rmSync(dir, { recursive: true, force: true })
    };
}

/** Runs `node args…` with the project's Node and measures wall time, peak RSS and CPU time. */
export async function measureProcess(args: string[]): Promise<ProcessSample> {
    const probe = usageProbe();
    try {
        const start = performance.now();
        const child = spawn(process.execPath, [...probe.nodeArgs, ...args], {
            cwd: ROOT,
            env: { ...process.env, ...probe.env, NO_COLOR: '1' }
        });
        // Decoded as a stream: a chunk of the pipe can end inside a character.
        child.stdout.setEncoding('utf8');
        child.stderr.setEncoding('utf8');
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', chunk => {
            stdout += String(chunk);
        });
        child.stderr.on('data', chunk => {
            stderr += String(chunk);
        });
        const code = await new Promise<number | null>(resolve => child.on('close', resolve));
        const wall = (performance.now() - start) / 1000;
        return { wall, ...probe.read(), code, stdout, stderr };
    } finally {
        probe.dispose();
    }
}

export function median(values: number[]): number {
    return percentile(values, 50);
}

/** Nearest-rank percentile: the smallest value with at least p% of the samples at or below it. */
export function percentile(values: number[], p: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** A running process's CPU time so far, in ms, from /proc (Linux): its own (all its threads), not the machine's load. */
export function processCpuMs(pid: number | undefined): number {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ');
    // utime and stime, fields 14 and 15 of the line (12 and 13 after the name), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A running process's resident memory now, in MB. */
export function processRssMb(pid: number | undefined): number {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb) / 1024;
}
