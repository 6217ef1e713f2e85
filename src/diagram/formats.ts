// The diagram formats on their own, so that the CLI can list them in its options without loading the diagram engine.
export const FORMATS = ['svg', 'dot', 'mermaid', 'json'] as const;
export type DiagramFormat = typeof FORMATS[number];

export const EXTENSIONS: Record<DiagramFormat, string> = { svg: '.svg', dot: '.dot', mermaid: '.mmd', json: '.json' };
