import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import AjvModule from 'ajv';
import Ajv2020Module from 'ajv/dist/2020.js';
// The repository's root also when the fuzzer bundles this file (npm run fuzz).
import { REPO_ROOT as REPO } from '../support/lsp-client.js';

// ajv is CommonJS: under Node16 resolution the class is the default export's `default`.
const Ajv = AjvModule.default;
const Ajv2020 = Ajv2020Module.default;

export type Validate = (data: unknown) => string[];

type Compiled = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

function validator(compile: () => Compiled): Validate {
    const check = compile();
    return data => (check(data) ? [] : (check.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message ?? ''}`));
}

/** docs/model.schema.json, the published schema of `polity export --format json`. */
export function modelSchema(): Validate {
    const schema = JSON.parse(readFileSync(path.join(REPO, 'docs/model.schema.json'), 'utf8'));
    return validator(() => new Ajv2020({ strict: true, allErrors: true }).compile(schema));
}

const uriLike = (text: string) => text.length > 0 && !/\s/.test(text);

/**
 * The official SARIF 2.1.0 schema (as shipped by @microsoft/jest-sarif). It is
 * written for JSON Schema draft-04; its only draft-04 trait that Ajv's
 * draft-07 reading does not take is the top-level `id`, and one of its
 * patterns is not a valid Unicode-mode regular expression.
 */
export function sarifSchema(): Validate {
    const file = path.join(REPO, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(file, 'utf8')) as { $schema: string; id: string };
    return validator(() =>
        new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })
            .addFormat('uri', text => uriLike(text) && URL.canParse(text))
            .addFormat('uri-reference', uriLike)
            .addFormat('date-time', text => !Number.isNaN(Date.parse(text)))
            .compile({ ...schema, $id: id })
    );
}
