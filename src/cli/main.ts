import { Command, CommanderError, Option } from 'commander';
import { check } from './check.js';
import { EXIT, UsageError } from './errors.js';

const out = (text: string) => process.stdout.write(`${text}\n`);

export function createProgram(): Command {
    const program = new Command('polity')
        .description('Check, draw and compare models of governance systems written in the Polity language.')
        .version(process.env.POLITY_VERSION ?? '0.0.0')
        .exitOverride()
        .configureOutput({ writeErr: text => process.stderr.write(text) });

    program.command('check')
        .description('check models: print every finding as path:line:col: severity [code] message')
        .argument('<paths...>', '.polity files or folders (searched recursively); all form one workspace')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
        .option('--strict', 'warnings fail the check too (exit 1)')
        .action(async (paths: string[], options: { format: 'text' | 'json'; strict?: boolean }) => {
            process.exitCode = await check(paths, options, out);
        });

    program.command('lsp')
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
    try {
        await createProgram().parseAsync(argv);
    } catch (error) {
        if (error instanceof CommanderError) {
            process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
        } else if (error instanceof UsageError) {
            process.stderr.write(`polity: ${error.message}\n`);
            process.exitCode = EXIT.usage;
        } else {
            process.stderr.write(`polity: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exitCode = 3;
        }
    }
}
