// Preloaded by test/cli/startup.test.ts (`node --import`): appends the URL of every module file the CLI
// loads to $POLITY_TEST_LOADS, so the test can see what `polity --version` reads.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

registerHooks({
    load(url, context, nextLoad) {
        if (url.startsWith('file:')) appendFileSync(process.env.POLITY_TEST_LOADS, `${url}\n`);
        return nextLoad(url, context);
    }
});
