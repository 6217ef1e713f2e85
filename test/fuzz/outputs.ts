/**
 * Fuzzer (c): models whose every string — titles, URLs, locators, findings,
 * view titles, comments — holds random Unicode (noncharacters, controls, bidi
 * controls, lone surrogates, markup and directive payloads), written in every
 * output format the commands have. Each output must stay well-formed for its
 * format and keep the payloads inert. The texts stay in memory, so lone
 * surrogates (which a UTF-8 file cannot hold, but an editor can send) reach
 * the writers too; the CLI tests in test/escaping run the same writers as a
 * process.
 */
import { URI } from 'langium';
import pc from 'picocolors';
import { pickWith, seededRandom } from '../../bench/generate.js';
import { formatLine } from '../../src/cli/check.js';
import { collectDiagnostics, summarize, summaryLine } from '../../src/cli/diagnostics.js';
import { diffJson, diffMarkdown, diffText, summarizeChanges, type DiffReport } from '../../src/cli/formats/diff.js';
import { githubCommand } from '../../src/cli/formats/github.js';
import { markdownReport } from '../../src/cli/formats/report.js';
import { sarifLog } from '../../src/cli/formats/sarif.js';
import { modelInput, type ModelInput } from '../../src/cli/semantic.js';
import { loadTexts } from '../../src/cli/workspace.js';
import { writeDiagram, type DiagramFormat } from '../../src/diagram/diagram.js';
import type { GraphvizRenderer } from '../../src/diagram/render.js';
import { graphFor } from '../../src/diagram/request.js';
import { parseDate } from '../../src/model/dates.js';
import { diffModels } from '../../src/model/diff.js';
import { exportModel } from '../../src/model/export.js';
import { MERMAID_DIRECTIVE, RAW_CONTROL, xmlProblem } from '../escaping/well-formed.js';
import { modelSchema, sarifSchema, type Validate } from '../git/schema.js';

export interface OutputCase {
    index: number;
    old: string;
    new: string;
}

/** Characters each format has to deal with, by kind, and payloads that would act if they got through. */
const CHARACTERS = [
    '\uFFFE',
    '\uFFFF',
    '\uFDD0',
    '\uFDEF',
    '\u{1FFFE}',
    '\u{10FFFF}',
    '\u0000',
    '\u0001',
    '\u0007',
    '\u0008',
    '\u000B',
    '\u000C',
    '\u001B',
    '\u007F',
    '\u0085',
    '\u009B',
    '\t',
    '\n',
    '\r',
    '\r\n',
    '\u202A',
    '\u202B',
    '\u202C',
    '\u202D',
    '\u202E',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200E',
    '\u200F',
    '\u061C',
    '\u200B',
    '\u200D',
    '\u2028',
    '\u2029',
    '\uFEFF',
    '\uD800',
    '\uDBFF',
    '\uDC00',
    '\uDFFF',
    '\uD83D\uDE00',
    '中文',
    'العربية',
    'é',
    '&',
    '<',
    '>',
    '"',
    "'",
    '`',
    '|',
    '#',
    '%',
    '*',
    '_',
    '[',
    ']',
    '\\',
    '~',
    ';',
    ':',
    ',',
    '{',
    '}'
];
const PAYLOADS = [
    '<script>window.pwned=1</script>',
    '<img src=x onerror=alert(1)>',
    ']]>',
    '<!--',
    '&#xFFFE;',
    '&amp;',
    '&lt;b&gt;',
    '%%{init: {"theme":"dark"}}%%',
    '%%',
    '\n# heading\n',
    '\n- item',
    '\n| a | b |\n',
    '```',
    '\\N',
    '\\G',
    '\\n',
    '\\l',
    '\u001B[31mred\u001B[0m',
    '\u001B]0;title\u0007',
    '\u001B[2J',
    '::error ::injected',
    '%0A',
    '](javascript:alert(1))',
    '<br>'
];

function randomText(random: () => number): string {
    const parts: string[] = [];
    const length = Math.floor(random() * 8);
    for (let i = 0; i < length; i++) {
        const roll = random();
        const pick = (list: string[]) => pickWith(random, list);
        parts.push(roll < 0.5 ? pick(CHARACTERS) : roll < 0.75 ? pick(PAYLOADS) : pick(['word', 'Ministry', 'of', ' ', 'x']));
    }
    return parts.join('');
}

/** A Polity string literal holding `text`: only `"` and `\` need escapes, and a raw line break is allowed. */
function literal(text: string): string {
    return `"${text.replace(/[\\"]/g, c => `\\${c}`)}"`;
}

/** A model with a random text in every place that takes one; `*\/` and line breaks are kept out of the comments they would end. */
function model(random: () => number): string {
    const t = () => literal(randomText(random));
    const comment = randomText(random);
    return `/** ${comment.replace(/\*\//g, '* /')} */
model fz

source s1 ${t()} { url ${t()} }
kind k1 ${t()} in state
relation r1 ${t()}
mandate m1 ${t()} { mandate m2 ${t()} }
institution A ${t()} {
  kind k1
  formerly ${t()} until 2010 [s1 ${t()}]
  leads m1 since 2000 [s1 ${t()}]
  r1 B
  unit U ${t()} { leads m2 }
}
institution B ${t()} { leads m1 since 2005 }
institution C ${t()} { leads m2 }
dispute m1 between A, B [s1 ${t()}] ${t()}
view v1 ${t()} { include * }
view v2 ${t()} {
  include *
  group by kind
}
// ${comment.replace(/[\r\n\u2028\u2029\u0085]/g, ' ')}
${random() < 0.3 ? randomText(random) : ''}
`;
}

export function* outputCases(seed: number, count: number): Generator<OutputCase> {
    const random = seededRandom(seed);
    for (let index = 0; index < count; index++) yield { index, old: model(random), new: model(random) };
}

const FILE = 'fuzz/model.polity';
const TODAY = parseDate('2025-06-01')!;

/**
 * Runs one case through every writer and returns what is wrong with the
 * outputs (empty: nothing). The renderer is shared: Graphviz starts once.
 */
export async function outputProblems(fuzzCase: OutputCase, renderer: GraphvizRenderer): Promise<string[]> {
    const problems: string[] = [];
    const fail = (format: string, problem: string | undefined) => {
        if (problem) problems.push(`${format}: ${problem}`);
    };
    const load = async (text: string) => loadTexts([{ uri: URI.file(`/${FILE}`), text }]);
    const loaded = await load(fuzzCase.new);
    const input = modelInput(loaded, () => FILE);

    // polity check: text, JSON, SARIF, GitHub annotations.
    const diagnostics = collectDiagnostics(loaded.documents).map(d => ({ ...d, file: FILE }));
    const summary = summarize(diagnostics, 1);
    for (const line of [...diagnostics.map(d => formatLine(d, pc.createColors(false))), summaryLine(summary)])
        fail('check text', rawControl(line));
    fail('check json', jsonProblem(JSON.stringify({ diagnostics, summary }, null, 2)));
    const sarif = sarifLog(diagnostics, '0.0.0');
    fail('check sarif', jsonProblem(sarif) ?? schemaProblem(schemas().sarif, sarif));
    for (const d of diagnostics.map(githubCommand)) fail('check github', /[\r\n]/.test(d) ? 'an annotation spans lines' : rawControl(d));

    // polity export: JSON (against the published schema) and the Markdown report.
    const data = exportModel(input.model, input.conflicts, { place: input.place });
    const exported = JSON.stringify(data, null, 2);
    fail('export json', jsonProblem(exported) ?? schemaProblem(schemas().model, exported));
    fail(
        'export markdown',
        markdownProblem(markdownReport(data), {
            headings: [/^# .*: institutions and competences$/, /^## (Institutions|Competence matrix|Conflicts|Disputes|Sources)$/],
            paragraphs: [/^\d+ institutions?, /, /^Each cell gives /, /^No (conflicting competences|recorded disputes)\.$/]
        })
    );

    // polity diagram: every format, for the whole model and both views. Graphviz refusing the DOT is a problem too.
    for (const view of [undefined, 'v1', 'v2']) {
        const graph = graphFor(input.model, input.conflicts, { view, scope: 'fz', today: TODAY });
        const write = (format: DiagramFormat) =>
            writeDiagram(graph, format, renderer).catch((error: Error) => {
                fail(`${format} ${view ?? ''}`, `not written: ${error.message}`);
                return undefined;
            });
        const [svg, dot, mermaid, json] = [await write('svg'), await write('dot'), await write('mermaid'), await write('json')];
        if (svg !== undefined)
            fail(
                `svg ${view ?? ''}`,
                xmlProblem(svg) ??
                    svgProblem(
                        svg,
                        graph.nodes.filter(n => n.category === 'institution').map(n => n.id)
                    )
            );
        if (dot !== undefined) fail(`dot ${view ?? ''}`, notXml(dot));
        if (mermaid !== undefined) fail(`mermaid ${view ?? ''}`, mermaidProblem(mermaid));
        if (json !== undefined) fail(`diagram json ${view ?? ''}`, jsonProblem(json));
    }

    // polity diff: the old model against the new one, in text, Markdown and JSON.
    const old = modelInput(await load(fuzzCase.old), () => FILE);
    const report = diffReport(old, input);
    fail('diff text', rawControl(diffText(report, pc.createColors(false))));
    fail(
        'diff markdown',
        markdownProblem(diffMarkdown(report), {
            headings: [/^## Semantic diff: `old` → `new`$/, /^### [A-Z][a-z ]+$/],
            paragraphs: [/^\*\*[\w ,;]+\*\*$/]
        })
    );
    fail('diff json', jsonProblem(diffJson(report)));
    return problems;
}

/** What `polity diff` reports, from the same pieces. */
function diffReport(old: ModelInput, now: ModelInput): DiffReport {
    const changes = diffModels(old.model, now.model).changes.map(c => ({
        ...c,
        old: c.old && old.place(c.old),
        new: c.new && now.place(c.new)
    }));
    return { schema: 'polity/diff@1', old: 'old', new: 'new', summary: summarizeChanges(changes), changes };
}

/** The schemas, compiled once. */
let compiled: { sarif: Validate; model: Validate } | undefined;
const schemas = () => (compiled ??= { sarif: sarifSchema(), model: modelSchema() });

function schemaProblem(validate: Validate, text: string): string | undefined {
    const errors = validate(JSON.parse(text));
    return errors.length > 0 ? `not valid against its schema: ${errors.join('; ')}` : undefined;
}

function rawControl(text: string): string | undefined {
    const found = RAW_CONTROL.exec(text.replace(/\n/g, ' '));
    return found ? `a raw U+${found[0].codePointAt(0)!.toString(16).toUpperCase()} at ${found.index}` : undefined;
}

function notXml(text: string): string | undefined {
    // eslint-disable-next-line no-control-regex -- the characters an output must not hold are what this matches
    const found = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uFDD0-\uFDEF]|\p{Cs}|\p{Noncharacter_Code_Point}/u.exec(text);
    return found
        ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase()}, which XML forbids or (as a noncharacter) discourages, at ${found.index}`
        : undefined;
}

function jsonProblem(text: string): string | undefined {
    try {
        JSON.parse(text);
        return undefined;
    } catch (error) {
        return `not JSON: ${(error as Error).message}`;
    }
}

/** Inert (nothing that runs, loads or links) and every institution labelled. */
function svgProblem(svg: string, nodeIds: string[]): string | undefined {
    // Model text is escaped (`&lt;`), so every `<` starts one of Graphviz's tags.
    const active = /<(script|foreignObject|image|use|style|animate\w*|set|iframe)\b|<[^>]*\s(on\w+|[\w:]*href)\s*=/i.exec(svg);
    if (active) return `an active part: ${active[0]}`;
    for (const id of nodeIds) {
        const group = new RegExp(`<g id="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" class="node[^]*?</g>`).exec(svg);
        if (!group) return `no node ${id}`;
        if (!/<text[^>]*>[^<]*\S[^<]*<\/text>/.test(group[0])) return `the node ${id} has no label`;
    }
    return undefined;
}

/** Every line a Mermaid statement this writer makes, labels quoted with nothing that ends the quote, no `%%` anywhere. */
const MERMAID_LINE = new RegExp(
    [
        /^---$/,
        /^title: "(?:[^"\\%]|\\.)*"$/,
        /^flowchart (TD|LR)$/,
        /^\s*subgraph g\d+\["[^"]*"\]$/,
        /^\s*end$/,
        /^\s*n\d+\["[^"]*"\]$/,
        /^\s*n\d+\(\["[^"]*"\]\)$/,
        /^ {2}n\d+ (-->|---|-\.->|-\.-)(\|"[^"]*"\|)? n\d+$/,
        /^ {2}classDef s\d+ [\w:#,.-]+$/,
        /^ {2}class [n\d,]+ s\d+$/,
        /^ {2}style g\d+ [\w:#,]+$/,
        /^ {2}linkStyle \d+ [\w:#,. -]+$/
    ]
        .map(r => r.source)
        .join('|')
);

function mermaidProblem(text: string): string | undefined {
    if (MERMAID_DIRECTIVE.test(text)) return 'a %% (directive or comment)';
    const lines = text.replace(/\n$/, '').split('\n');
    const odd = lines.find(line => !MERMAID_LINE.test(line));
    if (odd !== undefined) return `not a statement: ${JSON.stringify(odd)}`;
    // Labels write markup as `#60;`: the only `<` and `>` left are line breaks and arrows. The title is
    // a YAML string (checked above), which Mermaid shows as text.
    const markup = lines.slice(2).find(line => /[<>]/.test(line.replace(/<br\/>/g, '').replace(/ (-->|-\.->)/g, ' ')));
    return notXml(text) ?? rawControl(text) ?? (markup === undefined ? undefined : `markup in a label: ${JSON.stringify(markup)}`);
}

interface MarkdownShape {
    headings: RegExp[];
    paragraphs: RegExp[];
}

/**
 * The document has only the blocks its writer makes — the headings, list
 * items, table rows with the header's number of cells, and the known
 * paragraphs — and no raw control, bidi control or HTML outside `<br>`.
 */
function markdownProblem(text: string, shape: MarkdownShape): string | undefined {
    let columns: number | undefined;
    for (const line of text.split('\n')) {
        const problem =
            rawControl(line) ??
            (unescaped(line, '<').some(at => !line.startsWith('<br>', at)) ? `HTML in ${JSON.stringify(line)}` : undefined);
        if (problem) return problem;
        if (line.startsWith('|')) {
            const cells = unescaped(line, '|').length - 1;
            columns ??= cells;
            if (cells !== columns || !line.endsWith('|')) return `a table row with ${cells} cells, not ${columns}: ${JSON.stringify(line)}`;
            continue;
        }
        columns = undefined;
        if (line === '' || /^ {0,2}- /.test(line)) continue;
        if (/^\s*#/.test(line) ? !shape.headings.some(h => h.test(line)) : !shape.paragraphs.some(p => p.test(line)))
            return `a block of its own: ${JSON.stringify(line)}`;
    }
    return undefined;
}

/** Where `char` stands unescaped: after an even number of backslashes. */
function unescaped(line: string, char: string): number[] {
    const found: number[] = [];
    for (let i = 0; i < line.length; i++) {
        if (line[i] === '\\') i++;
        else if (line[i] === char) found.push(i);
    }
    return found;
}
