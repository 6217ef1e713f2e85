/**
 * A small model's history, one kind of change per commit: the base, then an
 * institution added, a competence moved, a dispute recorded, an institution renamed.
 */
const MANDATES = `model demo

source report "Annual report on cyber governance"

mandate cii "Critical information infrastructure"
mandate data "Data security" {
  mandate privacy "Personal data"
}
`;

/** MPS's claim on cii, which moves to CAC. */
const CII = '  leads cii [report "p. 9"]\n';

const state = (mps: string, cacExtra = '', mpsExtra = CII) => `model demo

institution CAC "Cyberspace Administration" {
  kind administration
  established 2011
  leads data since 2014 [report "p. 4"]
${cacExtra}}

institution ${mps} "Ministry of Public Security" {
  kind ministry
${mpsExtra}  leads privacy since 2017
  unit Bureau11 "Cybersecurity Bureau" {
    supports cii
  }
}

CAC oversees ${mps}.Bureau11 since 2015
`;

const MIIT = `model demo

institution MIIT "Ministry of Industry and Information Technology" {
  kind ministry
  established 2008
  leads cii since 2019
}
`;

const dispute = (mps: string) => `model demo

dispute data between CAC, ${mps} [report "p. 12"]
  "Both claim personal data."
`;

export const STEPS: { message: string; files: Record<string, string> }[] = [
    { message: 'base', files: { 'models/mandates.polity': MANDATES, 'models/state.polity': state('MPS') } },
    { message: 'add MIIT', files: { 'models/miit.polity': MIIT } },
    { message: 'move cii from MPS to CAC', files: { 'models/state.polity': state('MPS', CII, '') } },
    { message: 'record the data dispute', files: { 'models/disputes.polity': dispute('MPS') } },
    { message: 'rename MPS', files: { 'models/state.polity': state('MinPS', CII, ''), 'models/disputes.polity': dispute('MinPS') } }
];
