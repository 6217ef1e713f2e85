import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/lsp-client.js';

/** A VS Code settings file: JSON with comments, read as TypeScript reads tsconfig.json. */
function jsonc(file: string): Record<string, unknown> {
    const { config, error } = ts.parseConfigFileTextToJson(file, readFileSync(path.join(REPO_ROOT, file), 'utf8'));
    if (error) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
    return config as Record<string, unknown>;
}

interface Configuration {
    name: string;
    type: string;
    request: string;
    program?: string;
    runtimeExecutable?: string;
    args?: string[];
    port?: number;
    preLaunchTask?: string;
}

const inRepo = (value: string) => value.replaceAll('${workspaceFolder}', REPO_ROOT);

/** .vscode/launch.json, which CONTRIBUTING.md tells a new engineer to use: everything it names must exist. */
describe('the debug configurations', () => {
    const launch = jsonc('.vscode/launch.json') as { configurations: Configuration[]; compounds: { configurations: string[] }[] };
    const tasks = (jsonc('.vscode/tasks.json') as { tasks: { label: string; type: string; script: string }[] }).tasks;
    const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

    it('run programs and folders that exist, after tasks that run npm scripts of the project', () => {
        for (const configuration of launch.configurations) {
            for (const file of [configuration.program, configuration.runtimeExecutable].filter(f => f !== undefined)) {
                expect(existsSync(inRepo(file)), `${configuration.name}: ${file}`).toBe(true);
            }
            if (configuration.preLaunchTask) {
                const task = tasks.find(t => t.label === configuration.preLaunchTask);
                expect(task, `${configuration.name}: task ${configuration.preLaunchTask}`).toBeDefined();
                expect(scripts[task!.script], `npm script ${task!.script}`).toBeDefined();
            }
        }
        const extension = launch.configurations.find(c => c.type === 'extensionHost')!;
        expect(extension.args).toContain('--extensionDevelopmentPath=${workspaceFolder}');
        for (const folder of extension.args!.filter(a => !a.startsWith('--'))) expect(existsSync(inRepo(folder)), folder).toBe(true);
    });

    it('attach to the port the extension gives the language server under the debugger', () => {
        const port = /--inspect=(\d+)/.exec(readFileSync(path.join(REPO_ROOT, 'src/extension/extension.ts'), 'utf8'))?.[1];
        const attach = launch.configurations.find(c => c.request === 'attach');
        expect(attach?.port).toBe(Number(port));
    });

    it('combine only configurations that exist', () => {
        const names = new Set(launch.configurations.map(c => c.name));
        for (const compound of launch.compounds) for (const name of compound.configurations) expect(names.has(name), name).toBe(true);
    });
});
