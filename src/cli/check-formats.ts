/** `check`'s output formats, apart from `check` itself: --help lists them without loading the language. */
export const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
