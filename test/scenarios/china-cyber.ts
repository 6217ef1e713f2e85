/**
 * The editor scenarios on the flagship example (examples/china-cyber), shared by the code-server suite
 * (test/e2e) and the test-electron suite (test/electron): where each one acts and what it expects.
 */
export interface Anchor {
    file: string;
    /** Text that occurs once in the file; the scenario acts `offset` characters after its start. */
    needle: string;
    offset: number;
}

export const SCENARIOS = {
    /** Recorded disputes show as information, on the disputes. */
    problems: { file: 'disputes.polity', message: /dispute/i },
    /** Typing 'x' after a mandate name leaves a name nothing declares. */
    typo: { at: { file: 'state.polity', needle: 'leads cii since 2016', offset: 'leads cii'.length }, insert: 'x', name: 'ciix' },
    /** On a fresh line before the anchor, the typed prefix completes to an institution (a line the file does not hold, so its removal can be seen). */
    completion: { at: { file: 'relations.polity', needle: 'CAC oversees CNNIC', offset: 0 }, line: 'CNNIC oversees TC', expect: 'TC260' },
    /** Hover on an institution shows its full name. */
    hover: { at: { file: 'relations.polity', needle: 'CAC oversees CNNIC', offset: 1 }, expect: 'Cyberspace Administration of China' },
    /** Go to definition on a built-in relation kind opens the read-only prelude. */
    definition: {
        at: { file: 'relations.polity', needle: 'CAC oversees CNNIC', offset: 'CAC '.length + 1 },
        file: 'prelude.polity',
        expect: 'relation oversees'
    },
    /** Renaming an institution at its declaration updates another file (near its top: the editor's DOM holds only the visible lines). */
    rename: {
        at: { file: 'state.polity', needle: 'institution MPS ', offset: 'institution '.length + 1 },
        to: 'MPS2',
        file: 'disputes.polity',
        expect: 'between CAC, MPS2'
    },
    /** The diagram preview shows the CAC; a click on its node lands on its declaration. */
    preview: {
        file: 'state.polity',
        node: 'institution:china.cyber.CAC',
        label: 'CAC',
        declaration: { file: 'state.polity', needle: 'institution CAC ', offset: 0 }
    }
} as const;

/** 0-based line and character of an anchor in the file's text. */
export function locate(text: string, anchor: Anchor): { line: number; character: number } {
    const index = text.indexOf(anchor.needle);
    if (index < 0)
        throw new Error(`'${anchor.needle}' not found in ${anchor.file}: the example changed, update test/scenarios/china-cyber.ts`);
    const before = text.slice(0, index + anchor.offset);
    const line = before.split('\n').length - 1;
    return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}
