/** The first model of the language reference (docs: LANGUAGE.md), with a source url and a unit reference added. */
export const FIRST_MODEL = `/** China's cyber governance system, after the 2018 reorganisation. */
model china.cyber

source creemers2021 "Rogier Creemers, China's Cyber Governance Institutions, LeidenAsiaCentre, 2021" {
  url "https://example.org/creemers2021"
}

mandate content "Online content management"
mandate cii "Critical information infrastructure protection"
mandate data "Data security" {
  mandate personal-data "Online personal data protection"
}

institution CCCI "Central Commission for Cybersecurity and Informatization" {
  kind commission
  established 2014
  formerly "Central Leading Group for Cybersecurity and Informatization" until 2018
  coordinates content, cii, data [creemers2021 "p. 3"]
}

/** The cyberspace regulator. */
institution CAC "Cyberspace Administration of China" {
  kind administration
  established 2011
  formerly "State Internet Information Office" until 2014
  office-of CCCI since 2014 [creemers2021 "p. 4"]
  leads content since 2014
  leads cii since 2016 [creemers2021 "p. 5"]
  leads personal-data
  shares data with MPS
}

institution MPS "Ministry of Public Security" {
  kind ministry
  leads cii                       // turf overlap with CAC: reported, see Conflicts
  shares data with CAC
  unit Bureau11 "Cybersecurity Protection Bureau" {
    established 1983
    formerly "Computer Management and Supervision Bureau"
  }
}

institution MIIT "Ministry of Industry and Information Technology" {
  kind ministry
  established 2008
}

institution TC260 "National Information Security Standardization Technical Committee" {
  kind committee
  established 2002
}

MIIT oversees TC260 from 2008 to 2015
CAC oversees TC260 since 2015 [creemers2021 "p. 6"]
MPS oversees MPS.Bureau11

dispute cii between CAC, MPS [creemers2021 "p. 9"]
  "MPS has folded CII protection into the multi-level protection system."
`;

/** The offset of the `occurrence`-th (0-based) `needle` in `text`; throws when there are fewer. */
export function offsetOf(text: string, needle: string, occurrence = 0): number {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence + 1} times`);
    }
    return index;
}

/** `text` (the first model by default) with `<|>` inserted `offset` characters into the `occurrence`-th `needle`. */
export function mark(needle: string, occurrence = 0, offset = 0, text = FIRST_MODEL): string {
    const index = offsetOf(text, needle, occurrence) + offset;
    return `${text.slice(0, index)}<|>${text.slice(index)}`;
}
