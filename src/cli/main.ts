import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { CHECK_FORMATS, type CheckFormat } from './check-formats.js';
import { CLI_FORMATS } from '../diagram/formats.js';
import type { BuildOptions } from './build.js';
import type { DiagramOptions } from './diagram.js';
import type { DiffOptions } from './diff.js';
import type { ExportOptions } from './export.js';
import type { FmtOptions } from './fmt.js';
import { errorCode, EXIT, UsageError } from './errors.js';
import { printable } from '../text/terminal.js';
import { DATE_FORMS } from '../model/dates.js';

const WORKSPACE_PATHS = '.polity files or folders (searched recursively); all form one workspace';

const out = (text: string) => process.stdout.write(`${text}\n`);
const warn = (text: string) => process.stderr.write(`${text}\n`);

/**
 * Each command's module is imported when the command runs, so that `--version`, `--help` and a
 * usage error load neither the language (Langium) nor the diagram engine (Graphviz).
 */
export function createProgram(): Command {
    const program = new Command('polity')
        .description('Check, draw and compare models of governance systems written in the Polity language.')
        .version(process.env.POLITY_VERSION ?? '0.0.0')
        .exitOverride()
        .configureOutput({ writeErr: text => process.stderr.write(text) });

    program
        .command('check')
        .description('check models: print every finding as path:line:col: severity [code] message')
        .argument('<paths...>', WORKSPACE_PATHS)
        .addOption(
            new Option(
                '--format <format>',
                'output format: text, json, sarif (SARIF 2.1.0 for code scanning) or github (workflow annotations)'
            )
                .choices(CHECK_FORMATS)
                .default('text')
        )
        .option('--strict', 'warnings fail the check too (exit 1)')
        .action(async (paths: string[], options: { format: CheckFormat; strict?: boolean }) => {
            const { check } = await import('./check.js');
            process.exitCode = await check(paths, options, out);
        });

    program
        .command('fmt')
        .description(
            'format .polity files in place: one fact per line, canonical indentation and spacing, every comment kept; only changed files are written'
        )
        .argument('<paths...>', '.polity files or folders (searched recursively)')
        .option('--check', 'write nothing: list the files that are not formatted and exit 1 if there are any')
        .action(async (paths: string[], options: FmtOptions) => {
            const { fmt } = await import('./fmt.js');
            process.exitCode = await fmt(paths, options, out, warn);
        });

    program
        .command('diff')
        .description(
            'compare two versions of a model fact by fact: institutions, mandates, competences, relations, disputes and views added, removed, renamed or changed, and the conflicts that appear or disappear'
        )
        .argument('[paths...]', 'OLD NEW (two files or folders); with --git, the files or folders to compare (default: .)')
        .option('--git <rev>', 'compare the working tree with this git revision (e.g. HEAD, HEAD~1, main)')
        .option('--git-external', 'act as a git external diff driver: take the 7 arguments git passes (see README, "Models in git")')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
        .option('--exit-code', 'exit 1 when there are differences, like git diff --exit-code (default: exit 0, it is a report)')
        .action(async (paths: string[], options: DiffOptions) => {
            const { diff } = await import('./diff.js');
            process.exitCode = await diff(paths, options, { out, warn, colour: Boolean(process.stdout.isTTY) && pc.isColorSupported });
        });

    program
        .command('export')
        .description(
            'export the semantic model: json (schema polity/model@2, see docs/export.md), a markdown report, the competence matrix as csv, the institutions with their facets as institutions-csv, or popolo (Popolo JSON: organizations, persons, posts, memberships)'
        )
        .argument('<paths...>', WORKSPACE_PATHS)
        .addOption(
            new Option('--format <format>', 'output format')
                .choices(['json', 'markdown', 'csv', 'institutions-csv', 'popolo'])
                .default('json')
        )
        .option('--at <date>', `only the facts that hold on this date (${DATE_FORMS})`)
        .option(
            '--lang <tag>',
            "give each institution's and person's label in this language (a BCP 47 tag such as zh) where the model has it"
        )
        .option('-o, --output <file>', 'write to this file instead of stdout')
        .action(async (paths: string[], options: ExportOptions) => {
            const { exportCommand } = await import('./export.js');
            process.exitCode = await exportCommand(paths, options, { write: text => process.stdout.write(text), warn });
        });

    program
        .command('diagram')
        .description(
            'draw a view of the model (or the whole model as of today) as SVG, PNG, PDF, DOT, Mermaid or JSON with positions, or as the competence matrix (HTML, SVG) or the timeline (SVG)'
        )
        .argument('<paths...>', WORKSPACE_PATHS)
        .option('--view <name>', 'the view to draw (default: every institution as of today)')
        .option('--all-views', 'draw every view, one file each, into the folder given with -o')
        .option('--at <date>', `draw the model as it stood on this date (${DATE_FORMS})`)
        .option(
            '--lang <tag>',
            "label with the model's names in this language (a BCP 47 tag such as zh), falling back to the name at the date"
        )
        .addOption(
            new Option(
                '--format <format>',
                'output format; matrix-html/matrix-svg: institutions × mandates at the date; timeline-svg: lifetimes and competences across the years; png and pdf are drawn from the svg'
            )
                .choices(CLI_FORMATS)
                .default('svg')
        )
        .option('--scale <factor>', "png and pdf: times the diagram's size (default 1; 2 for a sharp image on a high-density screen)")
        .option(
            '-o, --output <file-or-folder>',
            'write to this file (a folder with --all-views; one PDF with --all-views --format pdf) instead of stdout'
        )
        .action(async (paths: string[], options: DiagramOptions) => {
            const { diagram } = await import('./diagram.js');
            process.exitCode = await diagram(paths, options, out, warn);
        });

    program
        .command('build')
        .description(
            "build a static site of the model: an interactive page per view (the preview's, with its date slider), a page per institution and per mandate, the competence matrix, sources and findings; works from file:// and any static host"
        )
        .argument('<paths...>', WORKSPACE_PATHS)
        .requiredOption('-o, --output <folder>', 'the folder to build the site in (new, empty, or a site polity built)')
        .option('--base-url <url>', 'the address the site will be served from (e.g. https://example.org/china-cyber/): writes sitemap.xml')
        .option('--force', 'write into a folder that is not empty and not a site polity built')
        .action(async (paths: string[], options: BuildOptions) => {
            const { build } = await import('./build.js');
            process.exitCode = await build(paths, options, out, warn);
        });

    program
        .command('mcp')
        .description(
            'start a Model Context Protocol server on stdio: the model as tools for an AI assistant (find institutions, describe one at a date, who held a mandate, conflicts, oversight paths, what changed), every answer with its citations; reloads when the files change'
        )
        .argument('[paths...]', `${WORKSPACE_PATHS} (default: .)`)
        .action(async (paths: string[]) => {
            const { serveMcp } = await import('../mcp/server.js');
            await serveMcp(paths.length ? paths : ['.'], process.env.POLITY_VERSION ?? '0.0.0', warn);
        });

    program
        .command('lsp')
        .description('start the Polity language server on stdio (for Neovim, Helix, Emacs, …)')
        .option('--stdio', 'talk over stdin/stdout (the default)')
        .action(async () => {
            const { startServer } = await import('../language/main.js');
            if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
            startServer();
        });
    return program;
}

export async function run(argv: string[]): Promise<void> {
    process.stdout.on('error', error => {
        const code = errorCode(error);
        // A reader that stops early (`| head`, a pager, git after an external diff) is not a failure.
        if (code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
        process.stderr.write(`polity: cannot write to standard output (${code})\n`);
        process.exit(EXIT.usage);
    });
    try {
        await createProgram().parseAsync(argv);
    } catch (error) {
        if (error instanceof CommanderError) {
            process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
        } else if (error instanceof UsageError) {
            process.stderr.write(`polity: ${printable(error.message)}\n`);
            process.exitCode = EXIT.usage;
        } else {
            process.stderr.write(`polity: internal error: ${printable(error instanceof Error ? error.message : String(error))}\n`);
            process.exitCode = 3;
        }
    }
}
