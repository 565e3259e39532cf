import { stopAllChildren } from "../../scripts/local/liveChildren";

/** Overall limits of the suites whose single tests may take minutes; ACR_HELM_SUITE_LIMIT_MINUTES overrides them all. */
export const ENGINE_SUITE_LIMIT_MINUTES = 45;
export const E2E_SUITE_LIMIT_MINUTES = 15;
/** The Helm parity corpus and the SDK checks (generating the SDKs, a cold Go build). */
export const PARITY_SUITE_LIMIT_MINUTES = 15;
export const SDK_SUITE_LIMIT_MINUTES = 20;

/**
 * A wall-clock limit for a whole describe block, whatever its per-test timeouts add up to: past it the run stops
 * with exit code 1, naming the suite and the test that was running, once every live child (scripts/local/
 * liveChildren.ts: the registries, API servers and pulumi process trees the tests started) is stopped, so CI fails
 * instead of hanging and leaves nothing running. Call it first thing in `describe(..., function () { ... })`.
 */
export function suiteDeadline(suite: Mocha.Suite, minutes: number): void {
    const override = Number(process.env.ACR_HELM_SUITE_LIMIT_MINUTES);
    const limit = override > 0 ? override : minutes;
    let timer: NodeJS.Timeout | undefined;
    let current = "its before() hook";
    suite.beforeAll(() => {
        timer = setTimeout(() => {
            process.stderr.write(
                `\nError: the suite "${suite.fullTitle()}" ran past its overall limit of ${limit} min while running ${current}; ` +
                    "stopping the run (set ACR_HELM_SUITE_LIMIT_MINUTES for a slower machine).\n",
            );
            void stopAllChildren().finally(() => process.exit(1));
        }, limit * 60_000);
    });
    suite.beforeEach(function () {
        current = `"${this.currentTest?.title ?? "a test"}"`;
    });
    suite.afterAll(() => clearTimeout(timer));
}
