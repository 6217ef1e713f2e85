import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';

/**
 * The prelude as a real file, for editors that open only `file:` URIs (Neovim, Helix, Emacs): go to
 * definition on `leads` must land somewhere they can show. VS Code asks the server for the
 * `polity-builtin:` document instead. The file sits in the user's cache folder, outside every
 * workspace (so no workspace reads it as a model file of its own), in a folder named by the hash of
 * its text, so two versions of polity never share one file and an existing file is only ever
 * rewritten with the same text.
 */
export function preludeFilePath(text: string, env: NodeJS.ProcessEnv = process.env): string {
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
    // A folder per version holding nothing else: an editor that starts a server for the prelude's own
    // folder (Neovim does, on opening it) then reads this prelude and no other version of it.
    return path.join(cacheFolder(env), 'polity', `prelude-${hash}`, 'prelude.polity');
}

function cacheFolder(env: NodeJS.ProcessEnv): string {
    if (process.platform === 'win32' && env.LOCALAPPDATA) return env.LOCALAPPDATA;
    if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches');
    return env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
}

/**
 * Writes the prelude file unless it already holds `text`, and returns its URI; undefined (with the
 * reason) when the cache folder cannot be written, so the caller keeps the built-in URI.
 * Read-only, so that an editor warns before the user changes it; written beside itself and renamed,
 * so that a second server starting at the same moment never reads half a file.
 */
export function writePreludeFile(text: string, env: NodeJS.ProcessEnv = process.env): { uri: URI } | { error: string } {
    const file = preludeFilePath(text, env);
    try {
        if (readFileSync(file, 'utf8') === text) return { uri: URI.file(file) };
    } catch {
        // Not there yet (or unreadable): written below.
    }
    const temporary = `${file}.${process.pid}.tmp`;
    try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(temporary, text, { mode: 0o444 });
        chmodSync(temporary, 0o444);
        renameSync(temporary, file);
        return { uri: URI.file(file) };
    } catch (error) {
        rmSync(temporary, { force: true });
        return { error: `cannot write ${file}: ${error instanceof Error ? error.message : String(error)}` };
    }
}
