import { beforeAll, describe, expect, it } from 'vitest';
import AjvModule from 'ajv';
import { scaledTimeout } from '../fuzz/budget.js';
import { runCli } from './run-cli.js';

// ajv is CommonJS: under Node16 resolution the class is the default export's `default`.
const Ajv = AjvModule.default;

/**
 * The Popolo JSON schemas (popoloproject.com/specs: person, organization,
 * post, membership and the other_name, identifier and link objects they
 * use), written here so that the suite runs offline. Popolo publishes them as
 * draft-03; these are the same properties, types and date forms in the
 * draft-07 that ajv reads, closed to unknown properties so that a misspelt
 * field fails.
 */
const DATE = { type: 'string', pattern: '^[0-9]{4}((-[0-9]{2}){0,2}|$)' };
const STRING = { type: 'string' };
const NULLABLE = { type: ['string', 'null'] };
/** An object with these properties and no others, those `required` present. */
const closed = (required: string[], properties: Record<string, unknown>) => ({
    type: 'object',
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
    properties
});
/** A list of one of the definitions below. */
const listOf = (definition: string) => ({ type: 'array', items: { $ref: `#/definitions/${definition}` } });
const POPOLO = {
    $id: 'popolo',
    definitions: {
        other_name: closed(['name'], {
            name: STRING,
            family_name: NULLABLE,
            given_name: NULLABLE,
            additional_name: NULLABLE,
            honorific_prefix: NULLABLE,
            honorific_suffix: NULLABLE,
            patronymic_name: NULLABLE,
            start_date: DATE,
            end_date: DATE,
            note: NULLABLE
        }),
        identifier: closed(['identifier'], { identifier: STRING, scheme: NULLABLE }),
        link: closed(['url'], { url: { type: 'string', format: 'uri' }, note: NULLABLE }),
        person: closed(['name'], {
            id: NULLABLE,
            name: STRING,
            other_names: listOf('other_name'),
            identifiers: listOf('identifier'),
            family_name: NULLABLE,
            given_name: NULLABLE,
            email: NULLABLE,
            gender: NULLABLE,
            birth_date: DATE,
            death_date: DATE,
            image: NULLABLE,
            summary: NULLABLE,
            biography: NULLABLE,
            national_identity: NULLABLE,
            links: listOf('link'),
            sources: listOf('link')
        }),
        organization: closed(['name'], {
            id: NULLABLE,
            name: STRING,
            other_names: listOf('other_name'),
            identifiers: listOf('identifier'),
            classification: NULLABLE,
            parent_id: NULLABLE,
            area_id: NULLABLE,
            abstract: NULLABLE,
            description: NULLABLE,
            founding_date: DATE,
            dissolution_date: DATE,
            image: NULLABLE,
            links: listOf('link'),
            sources: listOf('link')
        }),
        post: closed(['label'], {
            id: NULLABLE,
            label: STRING,
            other_label: { type: 'array', items: STRING },
            role: NULLABLE,
            organization_id: NULLABLE,
            area_id: NULLABLE,
            start_date: DATE,
            end_date: DATE,
            links: listOf('link'),
            sources: listOf('link')
        }),
        membership: closed([], {
            id: NULLABLE,
            label: NULLABLE,
            role: NULLABLE,
            person_id: NULLABLE,
            organization_id: NULLABLE,
            post_id: NULLABLE,
            on_behalf_of_id: NULLABLE,
            area_id: NULLABLE,
            start_date: DATE,
            end_date: DATE,
            links: listOf('link'),
            sources: listOf('link')
        })
    },
    ...closed(['persons', 'organizations', 'posts', 'memberships'], {
        persons: listOf('person'),
        organizations: listOf('organization'),
        posts: listOf('post'),
        memberships: listOf('membership')
    })
};

interface Popolo {
    persons: { id: string; name: string }[];
    organizations: {
        id: string;
        name: string;
        parent_id?: string;
        classification?: string;
        other_names: { name: string; note?: string }[];
    }[];
    posts: { id: string; organization_id: string }[];
    memberships: {
        person_id: string;
        organization_id: string;
        post_id: string;
        role: string;
        start_date?: string;
        end_date?: string;
        label: string;
        sources: { url: string; note?: string }[];
    }[];
}

let flagship: Popolo;
beforeAll(() => {
    const result = runCli(['export', 'examples/china-cyber', '--format', 'popolo']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    flagship = JSON.parse(result.stdout) as Popolo;
}, scaledTimeout(60_000));

const K = (name: string) => `china.cyber.${name}`;

describe('polity export --format popolo', () => {
    it('the flagship is valid Popolo JSON, and the schema rejects what it should', () => {
        const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(POPOLO);
        expect(validate(flagship), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
        expect(validate({ ...flagship, memberships: [{ ...flagship.memberships[0], start_date: 'summer 2013' }] })).toBe(false);
        expect(validate({ ...flagship, persons: [{ id: 'x' }] })).toBe(false);
    });

    it('carries every person, and each post with its organization, dates and sources', () => {
        expect(flagship.persons).toHaveLength(12);
        const luWei = flagship.memberships.filter(m => m.person_id === K('LuWei'));
        expect(luWei.map(m => [m.organization_id, m.role, m.start_date, m.end_date])).toEqual([
            // The start lies somewhere in 2012..2013-08: left out rather than made precise; the label keeps it.
            [K('CAC'), 'director', undefined, '2016'],
            [K('CPD'), 'vice-director', undefined, '2016']
        ]);
        expect(luWei[0]?.label).toBe('Lu Wei: Director, 2012–2013-08 – 2016');
        expect(luWei[0]?.sources).toEqual([
            {
                url: `urn:polity:source:${K('creemers2021')}`,
                note: "Rogier Creemers, China's Cyber Governance Institutions, LeidenAsiaCentre, January 2021 — The Cyberspace Administration of China"
            }
        ]);
        const fang = flagship.memberships.find(m => m.person_id === K('FangBinxing'))!;
        expect([fang.start_date, fang.end_date]).toEqual(['2002', '2006']);
        for (const m of flagship.memberships) {
            expect(flagship.posts.some(p => p.id === m.post_id && p.organization_id === m.organization_id)).toBe(true);
        }
    });

    it('gives organizations their parent, classification and other names: former, by language, the second plaque', () => {
        const org = (name: string) => flagship.organizations.find(o => o.id === K(name))!;
        expect(org('MSS.Bureau13').parent_id).toBe(K('MSS'));
        expect(org('CAC').classification).toBe('Administration');
        expect(org('CAC').other_names).toEqual([
            { name: 'State Internet Information Office (SIIO)', note: 'former name', end_date: '2014' },
            { name: 'Guojia hulianwang xinxi bangongshi', note: 'name in zh-Latn-pinyin' },
            {
                name: 'Office of the Central Commission for Cybersecurity and Informatization',
                note: 'second plaque (party sphere)',
                start_date: '2014-02'
            }
        ]);
        expect(org('TC260').other_names).toEqual([{ name: '全国信息安全标准化技术委员会', note: 'name in zh' }]);
    });
});

describe('polity export --format markdown', () => {
    it(
        'lists people and their posts, and the concurrent posts',
        () => {
            const result = runCli(['export', 'examples/china-cyber', '--format', 'markdown', '--at', '2014']);
            expect(result.status).toBe(0);
            expect(result.stdout).toContain('## People and posts\n\n| Person | Post | Institution | Period | Sources | Where |');
            expect(result.stdout).toMatch(
                /\| \*\*Lu Wei\*\* \| director \| CAC \| 2012–2013-08 – 2016 \| creemers2021, The Cyberspace Administration of China \| `examples\/china-cyber\/people\.polity:\d+` \|/
            );
            expect(result.stdout).toContain('- Lu Wei: director of CAC and vice-director of CPD (2012–2013-08 – 2016)');
            // Fang Binxing left NISMC in 2006: not a post of 2014.
            expect(result.stdout).not.toContain('Fang Binxing');
        },
        scaledTimeout(60_000)
    );
});
