import * as assert from "assert";
import * as util from "util";

/** Asserts that none of the secrets appear in the error's message, stack, JSON form or util.inspect output. */
export function assertNoSecrets(error: unknown, secrets: string[]): void {
    const renderings = [
        String((error as Error).message),
        String((error as Error).stack),
        JSON.stringify(error),
        util.inspect(error, { depth: 20, showHidden: true }),
    ];
    for (const secret of secrets) {
        for (const text of renderings) {
            assert.ok(!text.includes(secret), `secret leaked into thrown error: ${text.slice(0, 300)}`);
        }
    }
}
