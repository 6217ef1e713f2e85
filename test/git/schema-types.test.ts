import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/lsp-client.js';
import { differences, schemaShape, typeShape } from './schema-types.js';

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
        delete edited.$defs.institution.properties.doc;
        edited.$defs.institution.required = edited.$defs.institution.required.filter(name => name !== 'doc');
        edited.$defs.competence.required.push('certainty');
        expect(differences(types, schemaShape(edited))).toEqual([
            '$.institutions[].doc: only in the types',
            '$.competences[].certainty: optional in the types, required in the schema'
        ]);
    });
});
