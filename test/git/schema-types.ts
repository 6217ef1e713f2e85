import * as path from 'node:path';
import ts from 'typescript';

/** What a value may be, as both a TypeScript type and a JSON Schema can say it. */
export interface Shape {
    /** `string`, `number`, `boolean`, `object`, `array` (and `null` when it may be null). */
    kinds: string[];
    /** For objects: each property, and whether it must be present. */
    properties?: Record<string, { required: boolean; shape: Shape }>;
    /** For arrays and tuples: what the elements may be. */
    items?: Shape;
}

type Schema = Record<string, unknown>;

/** The shape a JSON Schema gives a value; `$ref`s into the same document are followed. */
export function schemaShape(root: Schema, schema: Schema = root): Shape {
    if (typeof schema.$ref === 'string') {
        const target = schema.$ref
            .replace(/^#\//, '')
            .split('/')
            .reduce<unknown>((node, part) => (node as Schema)[part], root);
        return schemaShape(root, target as Schema);
    }
    if (Array.isArray(schema.oneOf)) return merge((schema.oneOf as Schema[]).map(s => schemaShape(root, s)));
    const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
    const kinds = values
        ? values.map(jsonKind)
        : typeof schema.type === 'string'
          ? [schema.type]
          : ((schema.type as string[] | undefined) ?? []);
    const shape: Shape = { kinds: normalise(kinds) };
    if (kinds.includes('object')) {
        const required = new Set((schema.required as string[] | undefined) ?? []);
        shape.properties = Object.fromEntries(
            Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([name, property]) => [
                name,
                { required: required.has(name), shape: schemaShape(root, property) }
            ])
        );
    }
    if (kinds.includes('array') && schema.items) shape.items = schemaShape(root, schema.items as Schema);
    return shape;
}

/** The shape of an exported TypeScript type (an interface or alias) of a source file. */
export function typeShape(file: string, name: string): Shape {
    const program = ts.createProgram([file], {
        strict: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.Node16,
        moduleResolution: ts.ModuleResolutionKind.Node16
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(path.resolve(file))!;
    const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find(s => s.name === name);
    if (!symbol) throw new Error(`${file} exports no ${name}`);
    const shapeOf = (type: ts.Type, seen: ReadonlySet<ts.Type>): Shape => {
        const members = type.isUnion() ? type.types : [type];
        const shapes = members
            .filter(t => !(t.flags & ts.TypeFlags.Undefined))
            .map((member): Shape => {
                if (member.flags & ts.TypeFlags.Null) return { kinds: ['null'] };
                if (member.flags & ts.TypeFlags.StringLike) return { kinds: ['string'] };
                if (member.flags & ts.TypeFlags.NumberLike) return { kinds: ['number'] };
                if (member.flags & ts.TypeFlags.BooleanLike) return { kinds: ['boolean'] };
                if (seen.has(member)) throw new Error(`${checker.typeToString(member)} is recursive`);
                const inner = new Set([...seen, member]);
                if (checker.isArrayType(member) || checker.isTupleType(member)) {
                    const elements = checker.getTypeArguments(member as ts.TypeReference);
                    return { kinds: ['array'], items: merge(elements.map(e => shapeOf(e, inner))) };
                }
                return {
                    kinds: ['object'],
                    properties: Object.fromEntries(
                        checker.getPropertiesOfType(member).map(property => [
                            property.name,
                            {
                                required: !(property.flags & ts.SymbolFlags.Optional),
                                shape: shapeOf(checker.getTypeOfSymbol(property), inner)
                            }
                        ])
                    )
                };
            });
        return merge(shapes);
    };
    return shapeOf(checker.getDeclaredTypeOfSymbol(symbol), new Set());
}

/** Where two shapes differ, as `path: what` lines; empty when they agree. */
export function differences(types: Shape, schema: Shape, at = '$'): string[] {
    const result: string[] = [];
    if (types.kinds.join() !== schema.kinds.join())
        result.push(`${at}: the types allow ${types.kinds.join(' | ')}, the schema ${schema.kinds.join(' | ')}`);
    if (types.properties && schema.properties) {
        for (const name of new Set([...Object.keys(types.properties), ...Object.keys(schema.properties)])) {
            const [t, s] = [types.properties[name], schema.properties[name]];
            if (!t || !s) result.push(`${at}.${name}: only in the ${t ? 'types' : 'schema'}`);
            else if (t.required !== s.required)
                result.push(
                    `${at}.${name}: ${t.required ? 'required' : 'optional'} in the types, ${s.required ? 'required' : 'optional'} in the schema`
                );
            else result.push(...differences(t.shape, s.shape, `${at}.${name}`));
        }
    }
    if (types.items && schema.items) result.push(...differences(types.items, schema.items, `${at}[]`));
    return result;
}

function jsonKind(value: unknown): string {
    return value === null ? 'null' : typeof value;
}

function normalise(kinds: string[]): string[] {
    return [...new Set(kinds.map(k => (k === 'integer' ? 'number' : k)))].sort();
}

/** The shape of a value that may have any of the shapes. */
function merge(shapes: Shape[]): Shape {
    const result: Shape = { kinds: normalise(shapes.flatMap(s => s.kinds)) };
    const objects = shapes.filter(s => s.properties);
    const arrays = shapes.filter(s => s.items);
    if (objects.length > 1) throw new Error('a union of several object types has no single shape');
    if (objects[0]) result.properties = objects[0].properties;
    if (arrays.length > 0) result.items = merge(arrays.map(s => s.items!));
    return result;
}
