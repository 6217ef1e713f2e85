import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pickWith, seededRandom } from '../../bench/generate.js';
import { FIRST_MODEL } from '../lsp/fixtures.js';
import { REPO_ROOT } from '../support/lsp-client.js';

/** One input for every stage; `origin` says how it was made, to reproduce it. */
export interface FuzzCase {
    index: number;
    origin: string;
    text: string;
}

/**
 * Models to mutate when the examples are not there (or change): the language
 * reference's first model, and every construct it leaves out.
 */
const BUILT_IN = [
    FIRST_MODEL,
    `model other.place

kind office "Office" in party
relation funds "provides the budget of" hierarchical
mandate x { mandate y { mandate z } }

/* Two rivals. */
institution A { leads x kind office }
institution B {
  leads z since 2001-05 [china.cyber.creemers2021]
  supports y, x until 2030-01-01
  funds A from 2000 to 2010
  dissolved 2031
  unit U "Unit" { established 2002 leads y }
}
A funds B.U
dispute z between A, B "They overlap."

person LuWei "Lu Wei" {
  holds director of A from 2013 to 2016
}

view overview "Everything in 2019" {
  include *
  exclude kind think-tank
  at 2019
  group by sphere
  direction right
}
view turf {
  include mandate x, z
  include A, B
  exclude sphere party
  group by parent
}
`
];

/** `.polity` files under examples/, read when present. */
function examples(): string[] {
    const root = path.join(REPO_ROOT, 'examples');
    const found: string[] = [];
    const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(folder, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.polity')) found.push(readFileSync(full, 'utf8'));
        }
    };
    try {
        walk(root);
    } catch {
        // No examples: the built-in corpus alone.
    }
    return found;
}

const MB = 1 << 20;
const DEEP = 10_000;

/** Inputs every run starts with: the extremes the issue names. */
const SPECIAL: [string, () => string][] = [
    ['empty file', () => ''],
    ['byte order mark only', () => '\uFEFF'],
    ['a 1 MB comment line', () => `${BUILT_IN[1]}// ${'x'.repeat(MB)}\n`],
    ['a 1 MB title', () => `model big\ninstitution A "${'é'.repeat(MB)}" { leads m }\nmandate m\n`],
    ['a 1 MB name', () => `institution ${'a'.repeat(MB)} { kind ministry }\n`],
    ['a 1 MB line of tokens', () => `mandate m\n${'institution A { leads m } '.repeat(MB / 26)}\n`],
    ['10,000 opening braces', () => '{'.repeat(DEEP)],
    ['10,000 nested mandates', () => `${Array.from({ length: DEEP }, (_, i) => `mandate m${i} { `).join('')}${'}'.repeat(DEEP)}`],
    [
        '10,000 nested units',
        () => `institution A { ${Array.from({ length: DEEP }, (_, i) => `unit u${i} { `).join('')}${'}'.repeat(DEEP + 1)}`
    ],
    ['10,000 unclosed citations', () => `institution A { leads m ${'['.repeat(DEEP)}`],
    ['an unterminated string', () => `institution A "${'never closed '.repeat(1000)}`],
    ['an unterminated comment', () => `mandate m /* ${'open '.repeat(1000)}`],
    ['control characters', () => Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('institution X ')],
    ['bidirectional overrides', () => `institution A "\u202Eevil\u202C" { /* \u2066 */ leads m\u202E }\nmandate m\u2067\n`],
    ['lone surrogates', () => `institution A "\uD800\uDFFF\uDC00" { leads m\uD800 }\nmandate m\n`]
];

const UNICODE = [
    '\u202E',
    '\u202D',
    '\u202A',
    '\u2066',
    '\u2067',
    '\u2069',
    '\u200F',
    '\u200B',
    '\uFEFF',
    '\u0000',
    '\u0007',
    '\u001B[31m',
    '\u007F',
    '\u0085',
    '\u2028',
    '\u2029',
    '\uD800',
    '\uDFFF',
    '😀',
    'e\u0301',
    '中文',
    'مرحبا',
    '\r',
    '\r\n',
    '\t',
    '\\',
    '"',
    '\u00A0',
    '\u3000',
    'ß',
    'İ'
];
const STRUCTURE = ['{', '}', '"', '[', ']', '/*', '*/', '//', ',', '.', '"\\', '{ {', '} }'];

/** Tokens as a mutator sees them: strings, comments, names, dates, white space, single characters. */
const TOKEN = /"(?:\\.|[^"\\])*"?|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|[A-Za-z_][\w-]*|\d{4}(?:-\d\d){0,2}|\s+|[\s\S]/gu;

type Mutator = (text: string, random: () => number) => string;

const at = (length: number, random: () => number) => Math.floor(random() * (length + 1));

function tokenMutator(change: (tokens: string[], i: number, j: number) => void): Mutator {
    return (text, random) => {
        const tokens = text.match(TOKEN) ?? [];
        if (tokens.length === 0) return text;
        change(tokens, Math.floor(random() * tokens.length), Math.floor(random() * tokens.length));
        return tokens.join('');
    };
}

const MUTATORS: [string, Mutator][] = [
    [
        'delete a token',
        tokenMutator((tokens, i) => {
            tokens.splice(i, 1);
        })
    ],
    [
        'duplicate a token',
        tokenMutator((tokens, i) => {
            tokens.splice(i, 0, ...tokens.slice(i, i + 1));
        })
    ],
    [
        'swap two tokens',
        tokenMutator((tokens, i, j) => {
            [tokens[i], tokens[j]] = [tokens[j] ?? '', tokens[i] ?? ''];
        })
    ],
    ['truncate', (text, random) => text.slice(0, at(text.length, random))],
    [
        'insert Unicode',
        (text, random) => {
            const i = at(text.length, random);
            return text.slice(0, i) + UNICODE[Math.floor(random() * UNICODE.length)] + text.slice(i);
        }
    ],
    [
        'insert a brace or quote',
        (text, random) => {
            const i = at(text.length, random);
            return text.slice(0, i) + STRUCTURE[Math.floor(random() * STRUCTURE.length)] + text.slice(i);
        }
    ],
    [
        'delete a line',
        (text, random) => {
            const lines = text.split('\n');
            lines.splice(Math.floor(random() * lines.length), 1);
            return lines.join('\n');
        }
    ],
    [
        'repeat a line',
        (text, random) => {
            const lines = text.split('\n');
            const i = Math.floor(random() * lines.length);
            lines.splice(i, 0, ...Array<string>(1 + Math.floor(random() * 20)).fill(lines[i] ?? ''));
            return lines.join('\n');
        }
    ]
];

/**
 * The fuzz cases of a run: first the special inputs, then mutants of the
 * corpus (1–4 mutations each). Case `i` depends only on the seed and `i`.
 */
export function* fuzzCases(seed: number, count: number): Generator<FuzzCase> {
    const corpus = [...BUILT_IN, ...examples()];
    for (let index = 0; index < count; index++) {
        const special = SPECIAL[index];
        if (special) {
            const [origin, make] = special;
            yield { index, origin, text: make() };
            continue;
        }
        const random = seededRandom(seed * 100_003 + index);
        const base = Math.floor(random() * corpus.length);
        let text = corpus[base] ?? '';
        const applied: string[] = [];
        for (let n = 1 + Math.floor(random() * 4); n > 0; n--) {
            const [name, mutate] = pickWith(random, MUTATORS);
            text = mutate(text, random);
            applied.push(name);
        }
        yield { index, origin: `corpus #${base}: ${applied.join(', ')}`, text };
    }
}
