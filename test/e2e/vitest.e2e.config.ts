import { defineConfig } from 'vitest/config';

// The real-VS-Code suite (`npm run test:e2e`): one code-server and one browser shared by the scenarios of a
// file, so files run one after another and the scenarios of a file in order.
export default defineConfig({
    test: {
        include: ['test/e2e/**/*.e2e.ts'],
        testTimeout: 120_000,
        hookTimeout: 300_000,
        fileParallelism: false,
        sequence: { concurrent: false },
        pool: 'forks',
        reporters: ['verbose', './test/summary-reporter.ts']
    }
});
