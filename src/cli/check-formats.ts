// Check's output formats on their own, so that the CLI can list them in its options without loading the checker.
export const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type CheckFormat = typeof CHECK_FORMATS[number];
