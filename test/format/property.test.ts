import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/language/format/text.js';
import { createServices } from '../helpers.js';
import { expectCanonicalShape, expectCommentsInPlace, expectSameContent } from './preservation.js';

/**
 * Random valid models, as token lists, written out with random whitespace, blank lines and
 * comments between every two tokens.
 */
type Tokens = string[];

const join = (...parts: Tokens[]): Tokens => parts.flat();
const opt = (arb: fc.Arbitrary<Tokens>): fc.Arbitrary<Tokens> => fc.option(arb, { nil: undefined }).map(t => t ?? []);
const list = (arb: fc.Arbitrary<Tokens>, minLength: number, maxLength: number, separator?: string): fc.Arbitrary<Tokens> =>
    fc.array(arb, { minLength, maxLength }).map(items => items.flatMap((t, i) => (i > 0 && separator ? [separator, ...t] : t)));

const id = fc.constantFrom('CAC', 'MPS', 'cii', 'data-sec', 'B11', '_x', 'personal-data').map(n => [n]);
const qn = list(id, 1, 3, '.');
const qns = list(qn, 1, 3, ',');
const str = fc
    .constantFrom('"t"', '"中央网络 安全"', '"a \\"b\\"  \\\\"', '"p. 3"', '""', '"// no comment"', '"/* nor this */"')
    .map(s => [s]);
const date = fc.constantFrom('2014', '2014-03', '2014-03-01').map(d => [d]);
const period = opt(
    fc.oneof(
        date.map(d => join(['since'], d)),
        date.map(d => join(['until'], d)),
        fc.tuple(date, date).map(([a, b]) => join(['from'], a, ['to'], b))
    )
);
const citations = list(
    fc.tuple(qn, opt(str)).map(([s, l]) => join(['['], s, l, [']'])),
    0,
    2
);
const block = (children: fc.Arbitrary<Tokens>): fc.Arbitrary<Tokens> => children.map(c => join(['{'], c, ['}']));
const sphere = fc.constantFrom('party', 'state', 'market').map(s => [s]);

const member: fc.Arbitrary<Tokens> = fc.letrec<{ member: Tokens; unit: Tokens }>(tie => ({
    unit: fc.tuple(id, opt(str), opt(block(list(tie('member'), 0, 3)))).map(([n, t, b]) => join(['unit'], n, t, b)),
    member: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.tuple(qn, citations).map(([k, c]) => join(['kind'], k, c)),
        fc.tuple(fc.constantFrom('established', 'dissolved'), date, citations).map(([e, d, c]) => join([e], d, c)),
        fc.tuple(str, opt(date.map(d => join(['until'], d))), citations).map(([s, u, c]) => join(['formerly'], s, u, c)),
        fc.tuple(fc.constantFrom('leads', 'supports', 'coordinates'), qns, period, citations).map(([r, m, p, c]) => join([r], m, p, c)),
        fc.tuple(qns, qns, period, citations).map(([m, w, p, c]) => join(['shares'], m, ['with'], w, p, c)),
        fc.tuple(qn, qn, period, citations).map(([k, t, p, c]) => join(k, t, p, c)),
        tie('unit')
    )
})).member;

const mandate: fc.Arbitrary<Tokens> = fc.letrec<{ mandate: Tokens }>(tie => ({
    mandate: fc
        .tuple(id, opt(str), fc.oneof({ depthSize: 'small' }, fc.constant<Tokens>([]), block(list(tie('mandate'), 0, 3))))
        .map(([n, t, b]) => join(['mandate'], n, t, b))
})).mandate;

const viewRule = fc.oneof(
    fc
        .tuple(
            fc.constantFrom('include', 'exclude'),
            fc.oneof(
                fc.constant<Tokens>(['*']),
                qns.map(m => join(['mandate'], m)),
                qns.map(k => join(['kind'], k)),
                list(sphere, 1, 2, ',').map(s => join(['sphere'], s)),
                qns
            )
        )
        .map(([op, what]) => join([op], what)),
    date.map(d => join(['at'], d)),
    fc.constantFrom('sphere', 'parent', 'kind', 'none').map(g => ['group', 'by', g]),
    fc.constantFrom('right', 'down').map(d => ['direction', d])
);

const element = fc.oneof(
    fc
        .tuple(id, opt(str), opt(block(opt(fc.tuple(opt(str)).map(([u]) => join(['url'], u.length ? u : ['"u"']))))))
        .map(([n, t, b]) => join(['source'], n, t, b)),
    fc.tuple(id, opt(str), sphere).map(([n, t, s]) => join(['kind'], n, t, ['in'], s)),
    fc.tuple(id, opt(str), fc.boolean()).map(([n, t, h]) => join(['relation'], n, t, h ? ['hierarchical'] : [])),
    mandate,
    fc.tuple(id, opt(str), opt(block(list(member, 0, 4)))).map(([n, t, b]) => join(['institution'], n, t, b)),
    fc.tuple(qn, qn, qn, period, citations).map(([s, k, t, p, c]) => join(s, k, t, p, c)),
    fc
        .tuple(qn, list(qn, 2, 3, ','), period, citations, opt(str))
        .map(([m, parties, p, c, f]) => join(['dispute'], m, ['between'], parties, p, c, f)),
    fc
        .tuple(
            id,
            opt(str),
            opt(
                block(
                    list(
                        fc.tuple(id, qn, period, citations).map(([post, i, p, c]) => join(['holds'], post, ['of'], i, p, c)),
                        0,
                        2
                    )
                )
            )
        )
        .map(([n, t, b]) => join(['person'], n, t, b)),
    fc.tuple(id, opt(str), block(list(viewRule, 0, 4))).map(([n, t, b]) => join(['view'], n, t, b))
);

const model = fc.tuple(opt(qn.map(n => join(['model'], n))), list(element, 0, 6)).map(([header, elements]) => join(header, elements));

const commentText = fc
    .array(fc.constantFrom('a', 'Z', ' ', 'é', '中', '"', '{', '}', '*', '/', '[', '.', '\t'), { maxLength: 10 })
    .map(c => c.join(''));
const blockText = commentText.map(t => t.replaceAll('*/', '* /'));
const gapPart = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(' ', '  ', '\t', '\n', '\n\n', '\n\n\n', '\n    ', ' \n') },
    { weight: 1, arbitrary: commentText.map(t => `//${t}\n`) },
    { weight: 1, arbitrary: blockText.map(t => `/*${t}*/`) },
    {
        weight: 1,
        arbitrary: fc.tuple(blockText, fc.constantFrom('\n', '\n   ', '\n\t'), blockText).map(([a, br, b]) => `/** ${a}${br}${b}*/`)
    },
    // On a line of its own, indented with spaces or tabs, its lines indented further or less than the first, a Markdown line break in it.
    {
        weight: 1,
        arbitrary: fc
            .tuple(
                fc.constantFrom('', '  ', '\t', '      ', ' \t'),
                blockText,
                fc.array(fc.tuple(fc.constantFrom('', ' ', '   ', '\t'), blockText), { minLength: 1, maxLength: 3 }),
                fc.boolean()
            )
            .map(
                ([indent, first, rest, less]) =>
                    `\n${indent}/** ${first}  \n${rest.map(([more, t]) => `${less ? '' : indent}${more}* ${t}`).join('\n')} */\n`
            )
    }
);
/** Between two words something must separate them; next to punctuation, nothing may. */
const gap = (optional: boolean) => fc.array(gapPart, { minLength: optional ? 0 : 1, maxLength: 3 }).map(p => p.join(''));
const PUNCTUATION = new Set([',', '.', '[', ']', '{', '}']);

const source = model
    .chain(tokens =>
        fc.tuple(
            fc.constant(tokens),
            fc.tuple(...tokens.map((t, i) => gap(i === 0 || PUNCTUATION.has(t) || PUNCTUATION.has(tokens[i - 1] ?? '')))),
            gap(true),
            fc.constantFrom('\n', '\r\n', '\r')
        )
    )
    .map(([tokens, gaps, end, eol]) => ({ text: (tokens.map((t, i) => gaps[i] + t).join('') + end).replaceAll('\n', eol), eol }));

const { Polity } = createServices();
const parseErrors = (text: string) => {
    const result = Polity.parser.LangiumParser.parse(text);
    return [...result.lexerErrors.map(e => e.message), ...result.parserErrors.map(e => e.message)];
};

describe('formatting random models', () => {
    it('keeps every token and comment, gives a model that parses, and is a no-op the second time', () => {
        fc.assert(
            fc.property(source, ({ text, eol }) => {
                expect(parseErrors(text), text).toEqual([]);
                const once = formatText(text);
                if (!once.ok) throw new Error(`not formatted (${once.problem.message}):\n${text}`);
                expect(parseErrors(once.text)).toEqual([]);
                expectSameContent(text, once.text);
                expectCommentsInPlace(text, once.text);
                expectCanonicalShape(once.text);
                // Those of the file; a file without any gets \n.
                expect(new Set(once.text.match(/\r\n|\r|\n/g)), 'the line endings of the file').toEqual(
                    new Set(once.text === '' ? [] : [text.includes(eol) ? eol : '\n'])
                );
                expect(formatText(once.text)).toEqual({ ok: true, text: once.text, changed: false });
            }),
            { numRuns: Number(process.env.FMT_RUNS ?? 300) }
        );
    });
});
