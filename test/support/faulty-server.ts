/**
 * The language server with features that fail, as a bug would: a test-only
 * entry (the shipped server has no such hook). POLITY_FAULT names the
 * features, comma-separated: `hover`, `code-lens`, `diagram`, `checks`. Their
 * requests throw inside the server, so a test can check that the server
 * answers that request with an error, logs it and keeps serving every other
 * request (test/hostile/resilience.test.ts), and that failing checks show as
 * an `internal` finding (test/hostile/server-limits.test.ts).
 */
import type { Finding } from '../../src/model/types.js';
import { DiagramService } from '../../src/language/lsp/diagram-service.js';
import { PolityCodeLensProvider } from '../../src/language/lsp/code-lens.js';
import { PolityHoverProvider } from '../../src/language/lsp/hover.js';
import { startServer } from '../../src/language/main.js';
import type { PolityOverrides, PolityServices } from '../../src/language/module.js';
import { WorkspaceModel } from '../../src/language/workspace-model.js';

function fault(feature: string): never {
    throw new Error(`injected fault in ${feature} (POLITY_FAULT)`);
}

export function faultyServices(spec: string): PolityOverrides {
    const features = new Set(spec.split(',').map(f => f.trim()));
    return {
        lsp: {
            ...(features.has('hover') && {
                HoverProvider: (services: PolityServices) =>
                    new (class extends PolityHoverProvider {
                        override getHoverContent(): never {
                            return fault('hover');
                        }
                    })(services)
            }),
            ...(features.has('code-lens') && {
                CodeLensProvider: (services: PolityServices) =>
                    new (class extends PolityCodeLensProvider {
                        override provideCodeLens(): never {
                            return fault('code-lens');
                        }
                    })(services)
            })
        },
        polity: {
            ...(features.has('diagram') && {
                DiagramService: (services: PolityServices) =>
                    new (class extends DiagramService {
                        override diagram(): never {
                            return fault('diagram');
                        }
                    })(services)
            }),
            ...(features.has('checks') && {
                WorkspaceModel: (services: PolityServices) =>
                    new (class extends WorkspaceModel {
                        override findingsFor(): Finding[] {
                            return fault('checks');
                        }
                    })(services)
            })
        }
    };
}

startServer(faultyServices(process.env.POLITY_FAULT ?? ''));
