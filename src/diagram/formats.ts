/** The diagram formats, apart from the code that writes them: the CLI lists them in --help without loading Graphviz. */
export const FORMATS = ['svg', 'dot', 'mermaid', 'json'] as const;
export type DiagramFormat = typeof FORMATS[number];
