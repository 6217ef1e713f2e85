import { it } from 'vitest';
import { parseDocument } from 'langium/test';
import { createServices } from '../helpers.js';
const { Polity } = createServices();
it('x', async () => {
    for (const text of ['source s\nmandate cii\ninstitution A { leads cii [s "p.| 3"] }', 'source s "Title. |"', '/** Doc. | */\ninstitution A', '// a.| b\ninstitution A', 'institution A "x" { leads cii since 2014-0| }']) {
        const offset = text.indexOf('|');
        const doc = await parseDocument(Polity, text.replace('|', ''));
        const list = await Polity.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(offset) });
        console.log(JSON.stringify(text), list?.items.map(i => i.label).join(' '));
    }
});
