// Packages the VS Code extension as polity-<version>.vsix (run after `npm run build`).
//
// vsce refuses a .vscodeignore next to package.json's "files" (which describes the npm package of the
// CLI), so the extension's files are staged in a temporary folder with a manifest of their own and
// packaged from there. Nothing is downloaded: no dependency detection, no repository look-up.
//
//   node scripts/package-vsix.mjs [--out FILE]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(root, `${manifest.name}-${manifest.version}.vsix`));

// What VS Code loads, plus what the extension page shows. dist/ minus the CLI bundle (cli.js and its
// chunks, cli-*.js) and source maps.
const files = [
    'dist',
    'syntaxes/polity.tmLanguage.json',
    'snippets/polity.json',
    'language-configuration.json',
    manifest.icon,
    'README.md',
    'LICENSE',
    'docs/images'
];
const leftOut = path => /^cli(-.*)?\.js$/.test(basename(path)) || path.endsWith('.map');

for (const required of ['dist/extension.cjs', 'dist/server.cjs', 'dist/layout-worker.cjs', 'syntaxes/polity.tmLanguage.json']) {
    if (!existsSync(join(root, required))) {
        console.error(`package-vsix: ${required} is missing: run \`npm run build\` first`);
        process.exit(2);
    }
}

const stage = mkdtempSync(join(tmpdir(), 'polity-vsix-'));
try {
    const staged = files.filter(file => existsSync(join(root, file)));
    for (const file of staged) {
        cpSync(join(root, file), join(stage, file), { recursive: true, filter: source => !leftOut(source) });
    }
    // The staged manifest is the extension's alone: no npm "files", scripts (vsce would run a prepublish)
    // or dependencies (the bundles contain them).
    const { files: _files, scripts: _scripts, dependencies: _deps, devDependencies: _devDeps, bin: _bin, ...extension } = manifest;
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify({ ...extension, files: staged }, null, 2)}\n`);
    const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
    execFileSync(
        process.execPath,
        [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out],
        { cwd: stage, stdio: 'inherit' }
    );
} finally {
    rmSync(stage, { recursive: true, force: true });
}
