import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/lsp-client.js';
import { differences, schemaShape, typeShape } from './schema-types.js';
import { defined } from '../helpers.js';

/**
 * docs/model.schema.json is written by hand (its descriptions and patterns are
 * for readers), beside the TypeScript types that `polity export` fills
 * (ModelExport in src/model/export.ts). Read both as shapes (property names,
 * required or optional, string/number/boolean/object/array/null, recursively)
 * and they must agree, so neither can change without the other.
 */
describe('docs/model.schema.json', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/model.schema.json'), 'utf8')) as Record<string, unknown>;
    const types = typeShape(path.join(REPO_ROOT, 'src/model/export.ts'), 'ModelExport');

    it('describes exactly the shape of the ModelExport type', () => {
        expect(differences(types, schemaShape(schema))).toEqual([]);
    });

    it('would show a property the types gained, or one that became optional', () => {
        const edited = structuredClone(schema) as { $defs: Record<string, { required: string[]; properties: Record<string, unknown> }> };
        const institution = defined(edited.$defs.institution, 'the institution schema');
        delete institution.properties.doc;
        institution.required = institution.required.filter(name => name !== 'doc');
        defined(edited.$defs.competence, 'the competence schema').required.push('certainty');
        expect(differences(types, schemaShape(edited))).toEqual([
            '$.institutions[].doc: only in the types',
            '$.competences[].certainty: optional in the types, required in the schema'
        ]);
    });
});
