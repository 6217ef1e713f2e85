// typescript-eslint, type-aware: the rules that catch what the compiler does not (a promise
// nobody awaits, a promise where a callback's result is ignored) plus type-only imports, so a
// bundle never pulls in a module for its types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** `_name` marks a name left unused on purpose (a destructured field left out, a parameter a signature needs). */
const UNUSED = { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' };

export default tseslint.config(
    { ignores: ['dist/', 'out/', 'node_modules/', 'src/language/generated/', 'syntaxes/', 'bench/results/', '**/*.cjs'] },
    {
        files: ['**/*.mjs'],
        extends: [js.configs.recommended],
        languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
        rules: { 'no-unused-vars': ['error', UNUSED] }
    },
    {
        files: ['**/*.ts'],
        extends: [js.configs.recommended, ...tseslint.configs.recommended],
        languageOptions: {
            parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname }
        },
        rules: {
            '@typescript-eslint/no-floating-promises': 'error',
            '@typescript-eslint/no-misused-promises': 'error',
            '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
            '@typescript-eslint/no-unused-vars': ['error', UNUSED],
            // A closure may read a variable assigned after it is made (the server's services, after its connection).
            'prefer-const': ['error', { ignoreReadBeforeAssign: true }]
        }
    }
);
