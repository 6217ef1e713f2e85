import { DiagramService } from './diagram-service.js';
import type { PolityServices } from './module.js';

/**
 * A test hook, off unless the environment variable POLITY_FAULT names
 * features (`hover`, `code-lens`, `diagram`, `checks`, comma-separated): their
 * requests then throw inside the server, as a bug would, so that a test can
 * check that the server answers that request with an error, logs it, and
 * keeps serving every other request (test/hostile/resilience.test.ts); a
 * failing `checks` must show as an `internal` error finding (test/hostile/server-limits.test.ts).
 */
export function injectFaults(services: PolityServices, spec = process.env.POLITY_FAULT): void {
    if (!spec) return;
    const features = new Set(spec.split(',').map(f => f.trim()));
    const fault = (feature: string) => () => {
        throw new Error(`injected fault in ${feature} (POLITY_FAULT)`);
    };
    if (features.has('hover') && services.lsp.HoverProvider) services.lsp.HoverProvider.getHoverContent = fault('hover');
    if (features.has('code-lens') && services.lsp.CodeLensProvider) services.lsp.CodeLensProvider.provideCodeLens = fault('code-lens');
    if (features.has('diagram')) DiagramService.prototype.diagram = fault('diagram');
    if (features.has('checks')) services.references.WorkspaceModel.findingsFor = fault('checks');
}
