import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument, URI, type LangiumDocument } from 'langium';
import { expectFormatting } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { Range, TextEdit } from 'vscode-languageserver-protocol';
import { formatText } from '../../src/language/format/text.js';
import { PolityFormatter } from '../../src/language/lsp/formatter.js';
import { MAX_NESTING } from '../../src/language/parser-limits.js';
import type { PolityServices } from '../../src/language/module.js';
import { createServices } from '../helpers.js';
import { expectCanonicalShape, expectCommentsInPlace, expectSameContent } from './preservation.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const read = (file: string) => readFileSync(file, 'utf8');
/** The fixtures formatted as pinned: `x.polity` gives `x.formatted.polity`. */
const pinned = (file: string) => file.replace(/\.polity$/, '.formatted.polity');
const PINNED = readdirSync(FIXTURES).filter(f => existsSync(path.join(FIXTURES, pinned(f))));

function polityFiles(folder: string): string[] {
    return readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .filter(f => f.endsWith('.polity'))
        .sort()
        .map(f => path.join(folder, f));
}

/** Formats and insists that it worked. */
function format(text: string): string {
    const outcome = formatText(text);
    if (!outcome.ok) throw new Error(`not formatted: ${outcome.problem.message}`);
    return outcome.text;
}

describe('the canonical layout', () => {
    it('has pinned fixtures', () => {
        expect(PINNED).toEqual(expect.arrayContaining(['messy.polity', 'whitespace.polity', 'cr-only.polity']));
    });

    it.each(PINNED)('formats %s as pinned', name => {
        expect(format(read(path.join(FIXTURES, name)))).toBe(read(path.join(FIXTURES, pinned(name))));
    });

    it('puts each fact on its own line, with 2 spaces per block level', () => {
        expect(format('institution A "A" { kind ministry leads x since 2014 unit B { supports y } }')).toBe(
            'institution A "A" {\n  kind ministry\n  leads x since 2014\n  unit B {\n    supports y\n  }\n}\n'
        );
        expect(format('mandate a { mandate b { mandate c } } mandate d')).toBe(
            'mandate a {\n  mandate b {\n    mandate c\n  }\n}\nmandate d\n'
        );
    });

    it('spaces tokens singly, glues commas, brackets and qualified names', () => {
        expect(format('CAC   oversees  china . cyber . TC260\tfrom 2014 to 2015 [ s ] [s  "p. 1" ]')).toBe(
            'CAC oversees china.cyber.TC260 from 2014 to 2015 [s] [s "p. 1"]\n'
        );
        expect(format('dispute m between A ,B,C "why"')).toBe('dispute m between A, B, C\n  "why"\n');
    });

    it('lays out 0.2 facts: hedges, carve-outs, several parents, date ranges glued, circa and by spaced', () => {
        expect(
            format(
                'mandate p  within a ,b\ninstitution A { reportedly  leads p with B except q from 1999 .. 2001 to circa   2011\n allegedly contests r by 2003 }\nA allegedly   oversees B'
            )
        ).toBe(
            'mandate p within a, b\ninstitution A {\n  reportedly leads p with B except q from 1999..2001 to circa 2011\n  allegedly contests r by 2003\n}\nA allegedly oversees B\n'
        );
    });

    it('keeps one blank line of a run, none after { or before }, and none at the start', () => {
        expect(format('\n\nmandate a\n\n\n\nmandate b\nmandate c\n\n\n')).toBe('mandate a\n\nmandate b\nmandate c\n');
        expect(format('institution A {\n\n  kind x\n\n\n  leads y\n\n}')).toBe('institution A {\n  kind x\n\n  leads y\n}\n');
    });

    it('writes an empty block as {}', () => {
        expect(format('view v {\n\n}\ninstitution A { }')).toBe('view v {}\ninstitution A {}\n');
    });

    it('leaves an empty file empty and gives any other one exactly one final newline', () => {
        expect(format('')).toBe('');
        expect(format(' \n\n\t')).toBe('');
        expect(format('mandate a')).toBe('mandate a\n');
    });

    it('keeps the line endings of the file', () => {
        expect(format('mandate a {\r\n\r\n\r\nmandate b }\r\n// c\r\n')).toBe('mandate a {\r\n  mandate b\r\n}\r\n// c\r\n');
    });

    it('keeps the CR line endings of an old Mac file, and its blank lines', () => {
        expect(format('mandate a\r\r\rmandate b {\rmandate c }\r// c\r\r  /* d\r     e */\r')).toBe(
            'mandate a\r\rmandate b {\r  mandate c\r}\r// c\r\r/* d\r   e */\r'
        );
    });

    it('keeps a blank line after an empty block', () => {
        expect(format('view v {}\n\nmandate a\ninstitution A {\n  unit B {}\n\n  kind x\n}\n')).toBe(
            'view v {}\n\nmandate a\ninstitution A {\n  unit B {}\n\n  kind x\n}\n'
        );
    });

    it('keeps a byte order mark', () => {
        expect(format('\uFEFFmandate   a')).toBe('\uFEFFmandate a\n');
    });

    it('keeps strings as they are, Unicode and escapes included', () => {
        const text = 'institution CCAC "中央网络安全  和信息化委员会" {\n  formerly "a \\"b\\"  \\\\ c" until 2018-03-21\n}\n';
        expect(format(text)).toBe(text);
    });
});

describe('comments', () => {
    it('keeps a comment at the end of a line there, with the spaces before it', () => {
        expect(
            format('institution MPS {\n  kind ministry\n  leads cii                       // turf overlap\n  leads x // one space\n}')
        ).toBe('institution MPS {\n  kind ministry\n  leads cii                       // turf overlap\n  leads x // one space\n}\n');
        expect(format('institution A { leads x /* why */ supports y } // after')).toBe(
            'institution A {\n  leads x /* why */\n  supports y\n} // after\n'
        );
    });

    it('keeps the tabs before a comment at the end of a line', () => {
        expect(format('institution A {\n\tleads x\t// one tab\n\tleads yy\t\t/* two */\n  kind z \t // mixed\n}')).toBe(
            'institution A {\n  leads x\t// one tab\n  leads yy\t\t/* two */\n  kind z \t // mixed\n}\n'
        );
    });

    it('keeps a doc comment directly above its declaration, at its indentation', () => {
        expect(format('/** The ministry. */\ninstitution A {\n      /** Its CERT. */\n   unit B\n}')).toBe(
            '/** The ministry. */\ninstitution A {\n  /** Its CERT. */\n  unit B\n}\n'
        );
        expect(format('/** On one line. */ institution A')).toBe('/** On one line. */ institution A\n');
    });

    it('moves the lines of a block comment with its first line', () => {
        expect(format('institution A {\n        /**\n         * Doc\n         *   indented\n         */\n        unit B\n}')).toBe(
            'institution A {\n  /**\n   * Doc\n   *   indented\n   */\n  unit B\n}\n'
        );
    });

    it('moves the lines of a block comment with its first line when it is indented with tabs', () => {
        expect(format('institution A {\n\t/**\n\t * Doc\n\t *\tindented\n\t */\n\tunit B\n}')).toBe(
            'institution A {\n  /**\n   * Doc\n   *\tindented\n   */\n  unit B\n}\n'
        );
    });

    it('keeps the lines of a block comment that moves left in their places relative to each other', () => {
        // From column 8 to 2: the line 3 columns right of the first stays so; those left of it move together, as far as the leftmost can.
        expect(format('institution A {\n        /* one\n      two\n  three\n    four\n           five */\n  unit B\n}')).toBe(
            'institution A {\n  /* one\n    two\nthree\n  four\n     five */\n  unit B\n}\n'
        );
    });

    it('moves the lines of a block comment that starts the file with its first line', () => {
        expect(format('   /* one\n      two */\nmandate a')).toBe('/* one\n   two */\nmandate a\n');
    });

    it('keeps the Markdown line breaks of a doc comment, as two spaces', () => {
        expect(format('/** First line  \n * second   \n *  \n * third \n */\nmandate a /* not a doc comment  \n */')).toBe(
            '/** First line  \n * second  \n *\n * third\n */\nmandate a /* not a doc comment\n */\n'
        );
    });

    it('indents comments before a } with the block, and keeps blank lines between them', () => {
        expect(format('institution A {\n// one\n\n\n    // two\n\n}')).toBe('institution A {\n  // one\n\n  // two\n}\n');
    });

    it('continues a fact that a comment breaks, one level deeper', () => {
        expect(format('institution A { leads x, // why\ny }')).toBe('institution A {\n  leads x, // why\n    y\n}\n');
        expect(format('dispute m between A, B\n// note\n"finding"')).toBe('dispute m between A, B\n  // note\n  "finding"\n');
    });

    it('trims trailing blanks inside comments and keeps their words', () => {
        expect(format('// head   \nmandate a /* one   \n   two   \n   */\n')).toBe('// head\nmandate a /* one\n   two\n   */\n');
    });

    it('keeps comments before the first and after the last declaration', () => {
        expect(format('\n\n// only\n\n\n/* comments */')).toBe('// only\n\n/* comments */\n');
    });
});

describe('every model we have', () => {
    const files = [...polityFiles(path.join(REPO, 'examples')), ...polityFiles(FIXTURES)];

    it('finds the examples and the language reference fixtures', () => {
        expect(files.map(f => path.basename(f))).toEqual(
            expect.arrayContaining(['tutorial.polity', 'state.polity', 'language-first-model.polity', 'language-views.polity'])
        );
    });

    it.each(files.map(f => [path.relative(REPO, f), f]))(
        '%s: formats without losing anything, and again to the same bytes',
        (_name, file) => {
            const text = read(file);
            const once = format(text);
            expectSameContent(text, once);
            expectCommentsInPlace(text, once);
            expectCanonicalShape(once);
            expect(format(once)).toBe(once);
        }
    );

    it('leaves the examples and the language reference as they are', () => {
        // All but the inputs of pinned fixtures and the reference's one-line person example.
        const canonical = files.filter(f => ![...PINNED, 'language-person.polity'].includes(path.basename(f)));
        for (const file of canonical) {
            expect(formatText(read(file)), path.relative(REPO, file)).toMatchObject({ ok: true, changed: false });
        }
    });
});

describe('a file with syntax errors', () => {
    it('is left byte-identical, with the place of the first error', () => {
        const text = 'mandate   a\ninstitution A {\n  leads a since\n}\n  mandate   b\n';
        const outcome = formatText(text);
        expect(outcome).toMatchObject({ ok: false, text, problem: { kind: 'syntax', position: { line: 2, character: 15 } } });
    });

    it('names the end of the file when that is where the error is', () => {
        const outcome = formatText('institution A {\n  kind x\n');
        expect(outcome).toMatchObject({ ok: false, problem: { kind: 'syntax', position: { line: 1, character: 8 } } });
        expect(!outcome.ok && outcome.problem.message).toContain('end of the file');
    });

    it('is left as it is when nested deeper than the parser goes, with that error', () => {
        const text = `${Array.from({ length: MAX_NESTING + 1 }, (_, i) => `mandate m${i} {`).join('\n')}\n${'}'.repeat(MAX_NESTING + 1)}\n`;
        expect(formatText(text)).toMatchObject({ ok: false, text, problem: { kind: 'syntax', position: { line: MAX_NESTING } } });
    });

    it('is left as it is for a character the language does not know', () => {
        const text = 'mandate a\nmandate   b ~\n';
        expect(formatText(text)).toMatchObject({ ok: false, text, problem: { kind: 'syntax', position: { line: 1, character: 12 } } });
    });
});

describe('the safety net', () => {
    /** A formatter with a bug planted: it changes the text it formatted. */
    class PlantedFormatter extends PolityFormatter {
        constructor(
            services: PolityServices,
            private readonly bug: (formatted: string) => string
        ) {
            super(services);
        }

        protected override doDocumentFormat(document: LangiumDocument, options: unknown, range?: Range): TextEdit[] {
            const formatted = TextDocument.applyEdits(document.textDocument, super.doDocumentFormat(document, options, range));
            const all = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(document.textDocument.getText().length) };
            return [{ range: all, newText: this.bug(formatted) }];
        }
    }

    const { Polity, shared } = createServices();
    const parse = (text: string) => shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('memory:///x.polity'));

    it.each([
        [
            'loses a comment',
            'mandate a\nmandate b // keep me\n',
            (t: string) => t.replace(' // keep me', ''),
            [1, 10],
            'changed more than whitespace'
        ],
        [
            'moves a comment off the end of its line',
            'mandate a // mine\nmandate b\n',
            (t: string) => t.replace(' // mine', '\n// mine'),
            [0, 10],
            'moved this comment from the end of its line'
        ],
        [
            'moves a comment onto the line before',
            'mandate a\n// mine\nmandate b\n',
            (t: string) => t.replace('\n// mine', ' // mine'),
            [1, 0],
            'moved this comment onto the end of the line before'
        ],
        [
            'removes a blank line between two facts',
            'institution A {\n  kind x\n\n  leads y\n}\n',
            (t: string) => t.replace('\n\n', '\n'),
            [3, 2],
            'removed the blank line'
        ],
        ['adds a blank line', 'mandate a\nmandate b\n', (t: string) => t.replace('\n', '\n\n'), [1, 0], 'added a blank line'],
        [
            'joins two facts onto one line',
            'institution A {\n  kind x\n  leads y\n}\n',
            (t: string) => t.replace('x\n  ', 'x '),
            [2, 2],
            'joined this line onto the line before'
        ],
        [
            'joins a } onto the line before',
            'institution A {\n  kind x\n}\n',
            (t: string) => t.replace('x\n', 'x '),
            [2, 0],
            'joined this line onto the line before'
        ]
    ] as const)('refuses a result that %s, and says where', (_name, text, bug, [line, character], message) => {
        const result = new PlantedFormatter(Polity, bug).formatChecked(parse(text));
        expect(result).toMatchObject({ ok: false, problem: { kind: 'unsafe', position: { line, character } } });
        expect(!result.ok && result.problem.message).toContain(message);
    });

    it.each([
        // As after a rename in another file, then an edit: a layout from the parse before would join most lines.
        ['a line more', (t: string) => `// a line more\n${t}`],
        ['a syntax error', (t: string) => t.replace('kind x', 'kind')]
    ])('refuses to format a document whose parse is of the text before an edit (%s)', (_name, edit) => {
        const before = 'mandate a\nmandate b\n\ninstitution A {\n  kind x\n  leads a since 2014\n  unit B {\n    supports b\n  }\n}\n';
        const document = parse(before);
        TextDocument.update(document.textDocument, [{ text: edit(before) }], 2);
        const result = (Polity.lsp.Formatter as PolityFormatter).formatChecked(document);
        expect(result).toMatchObject({ ok: false, problem: { kind: 'unsafe', message: 'the document changed since it was parsed' } });
    });
});

describe('in the editor (the language server formatter)', () => {
    const { Polity } = createServices();
    const formatting = expectFormatting(Polity);

    it('formats the document as polity fmt does, whatever the tab size the editor asks for', async () => {
        const before = read(path.join(FIXTURES, 'messy.polity'));
        await formatting({ before, after: format(before), options: { tabSize: 8, insertSpaces: false }, disposeAfterCheck: true });
    });

    it('formats only the lines of a range', async () => {
        await formatting({
            before: 'mandate   a\ninstitution A {\n      kind   x\n   leads  a   // c\n}\nmandate    b\n',
            range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } },
            // A selection of whole lines ends at the start of the next line, which stays as it is.
            after: 'mandate   a\ninstitution A {\n  kind x\n   leads  a   // c\n}\nmandate    b\n',
            disposeAfterCheck: true
        });
        await formatting({
            before: 'mandate   a\ninstitution A {\n      kind   x\n   leads  a   // c\n}\nmandate    b\n',
            range: { start: { line: 3, character: 0 }, end: { line: 5, character: 3 } },
            after: 'mandate   a\ninstitution A {\n      kind   x\n  leads a   // c\n}\nmandate b\n',
            disposeAfterCheck: true
        });
    });

    it('gives no edits for a document with syntax errors, for the whole or a range', async () => {
        const before = 'mandate   a\ninstitution A {\n  leads\n';
        await formatting({ before, after: before, disposeAfterCheck: true });
        await formatting({
            before,
            after: before,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
            disposeAfterCheck: true
        });
    });
});
