import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Conflict } from '../../src/model/conflicts.js';
import { parseDate, type PDate } from '../../src/model/dates.js';
import type { SemanticModel } from '../../src/model/model.js';
import { TestWorkspace } from '../helpers.js';

export const REPO = path.resolve(import.meta.dirname, '../..');

/** The .polity files of a folder of the repository, by name. */
export function exampleFiles(folder: string): Record<string, string> {
    const dir = path.join(REPO, folder);
    return Object.fromEntries(
        readdirSync(dir)
            .filter(f => f.endsWith('.polity'))
            .sort()
            .map(f => [f, readFileSync(path.join(dir, f), 'utf8')])
    );
}

/** A fixed "today", so that views without a date draw the same picture on every run. */
export const TODAY: PDate = parseDate('2025-06-01')!;

export function date(text: string): PDate {
    const parsed = parseDate(text);
    if (!parsed) throw new Error(`not a date: ${text}`);
    return parsed;
}

/** Builds files as the server would and returns the semantic model; fails on any error diagnostic. */
export async function modelOf(files: Record<string, string>): Promise<{ model: SemanticModel; conflicts: Conflict[] }> {
    const ws = new TestWorkspace();
    await ws.open(files);
    for (const name of Object.keys(files)) {
        const errors = ws.diagnostics(name).filter(d => d.severity === 1);
        if (errors.length > 0) throw new Error(`${name}: ${errors.map(e => `${e.range.start.line + 1}: ${e.message}`).join('; ')}`);
    }
    const { model, conflicts } = ws.Polity.polity.WorkspaceModel.snapshot;
    return { model, conflicts };
}

/** A small model with a lifetime, a unit, nested mandates, a hierarchy and one conflict (privacy, 2016 on). */
export const SMALL = `model t

mandate data "Data" {
  mandate privacy "Privacy"
}
mandate security "Security"

institution Min "Ministry of Data" {
  kind ministry
  established 2010
  leads data
  unit Lab "Security Lab" {
    leads security
  }
}

institution Reg "Data Regulator" {
  kind agency
  established 2015
  leads privacy since 2016
}

institution Old "Old Council" {
  kind committee
  established 2000
  dissolved 2012
  advises Min from 2010 to 2012
}

institution Party "Party Commission" {
  kind party-commission
  oversees Min since 2014
}

institution Think "Think Tank" {
  kind think-tank
  supports privacy
}
`;
