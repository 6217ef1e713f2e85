import { DocumentState, type LangiumDocument } from 'langium';
import { CancellationTokenSource } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { isDiagramFailure, type DiagramResult, type DiagramSuccess } from '../../src/diagram/protocol.js';
import { GraphvizRenderer, type LayoutFormat, type Renderer } from '../../src/diagram/render.js';
import { DiagramService } from '../../src/language/lsp/diagram-service.js';
import { isPrelude } from '../../src/language/prelude.js';
import { TestWorkspace } from '../helpers.js';

/** Graphviz, noting at each layout how many documents were not validated yet. */
class Watched implements Renderer {
    readonly unvalidated: number[] = [];
    private readonly graphviz = new GraphvizRenderer();

    constructor(private readonly documents: () => LangiumDocument[]) {}

    render(dot: string, formats: readonly LayoutFormat[]) {
        this.unvalidated.push(this.documents().filter(d => d.state < DocumentState.Validated).length);
        return this.graphviz.render(dot, formats);
    }
}

/** 2,000 institutions in files of 100, each advising T; a view of three of them. */
function workspace(extra = ''): Record<string, string> {
    const files: Record<string, string> = {
        'target.polity': `model big\ninstitution T "Target"\n${extra}`,
        'views.polity': 'model big\n\nview few "A few" {\n  include T, I1, I2\n}\n'
    };
    for (let f = 0; f < 20; f++) {
        const lines = ['model big'];
        for (let i = f * 100; i < (f + 1) * 100; i++) lines.push(`institution I${i} "Institution ${i}" {`, '  advises T', '}');
        files[`part-${f}.polity`] = lines.join('\n');
    }
    return files;
}

describe('the diagram of a workspace that is still being built', () => {
    let ws: TestWorkspace | undefined;
    afterEach(async () => ws?.dispose());

    /** A request made as the build starts, answered with the layouts' count of documents not yet validated then. */
    async function firstRequest(files: Record<string, string>) {
        const built = new TestWorkspace();
        ws = built;
        await built.services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const documents = () => built.services.shared.workspace.LangiumDocuments.all.filter(d => !isPrelude(d.uri)).toArray();
        const renderer = new Watched(documents);
        const service = new DiagramService(built.Polity, renderer);
        const params = { uri: built.uri('views.polity').toString(), view: 'few' };
        // The server builds with a cancel token, and so yields to requests between documents.
        const opened = built.open(files, new CancellationTokenSource().token);
        const early = await service.diagram(params);
        await opened;
        const validated = documents().every(d => d.state === DocumentState.Validated);
        return { early, later: await service.diagram(params), renderer, validated };
    }

    // The picture reads the linked model: it is laid out while the documents are validated,
    // and is the picture the same request gets once they are.
    it('lays the picture out before validation is done, and answers what it answers after', async () => {
        const { early, later, renderer, validated } = await firstRequest(workspace());
        expect(validated).toBe(true);
        expect(isDiagramFailure(early)).toBe(false);
        expect((early as DiagramSuccess).svg).toContain('institution:big.I1');
        expect(early).toEqual(later);
        expect(renderer.unvalidated[0]).toBeGreaterThan(0);
    }, 120_000);

    // Validation still decides: an error that only a check finds (not the parser, not the linker) stops the picture.
    it('answers with the errors validation finds, not with the picture laid out meanwhile', async () => {
        const { early, later } = await firstRequest(workspace('institution T2 "Other" {\n  established 2020-13-40\n}\n'));
        expect(early).toEqual(later);
        expect(isDiagramFailure(early)).toBe(true);
        expect((early as DiagramResult & { error: string }).error).toContain(
            "The model has 1 error: target.polity:4: '2020-13-40' is not a date"
        );
    }, 120_000);
});
