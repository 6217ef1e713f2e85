import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A throwaway folder of files. */
export class TempDir {
    readonly dir = mkdtempSync(path.join(tmpdir(), 'polity-git-'));

    write(files: Record<string, string | Buffer>): void {
        for (const [name, text] of Object.entries(files)) {
            mkdirSync(path.dirname(path.join(this.dir, name)), { recursive: true });
            writeFileSync(path.join(this.dir, name), text);
        }
    }

    remove(name: string): void {
        rmSync(path.join(this.dir, name));
    }

    dispose(): void {
        rmSync(this.dir, { recursive: true, force: true });
    }
}

/** A throwaway git repository, isolated from the user's git configuration. */
export class TempRepo extends TempDir {
    constructor() {
        super();
        this.git('init', '-q', '-b', 'main');
    }

    git(...args: string[]): string {
        return execFileSync('git', args, {
            cwd: this.dir,
            encoding: 'utf8',
            env: {
                ...process.env,
                GIT_CONFIG_GLOBAL: '/dev/null',
                GIT_CONFIG_NOSYSTEM: '1',
                GIT_AUTHOR_NAME: 'Test',
                GIT_AUTHOR_EMAIL: 'test@example.org',
                GIT_COMMITTER_NAME: 'Test',
                GIT_COMMITTER_EMAIL: 'test@example.org'
            }
        });
    }

    commit(message: string): void {
        this.git('add', '-A');
        this.git('commit', '-q', '-m', message);
    }
}
