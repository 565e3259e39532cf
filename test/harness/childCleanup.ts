import { startedBy, stopChildrenOf } from "../../scripts/local/liveChildren";

/**
 * Loaded through `require` in .mocharc.json (and by the scripts that run mocha without it): a test or hook that
 * times out fails, but mocha cannot stop what it started, which would keep running (a registry, an API server, a
 * `pulumi up` with its plugins). Every process a test helper starts is registered with the test or hook that was
 * running (scripts/local/liveChildren.ts); when that one exceeds its timeout, what it started is stopped with its
 * process tree, and so is anything it starts afterwards. What a `before` hook started stays up for the suite's
 * other tests, whichever test times out.
 */
export function mochaGlobalSetup(this: Mocha.Runner): void {
    this.on("test", (test: Mocha.Test) => startedBy(test));
    this.on("hook", (hook: Mocha.Hook) => startedBy(hook));
    // Back to the test a beforeEach or afterEach hook ran for, or to no one after a before or after hook.
    this.on("hook end", (hook: Mocha.Hook) => startedBy(isEachHook(hook) ? hook.ctx?.currentTest : undefined));
    this.on("fail", (runnable: Mocha.Runnable, error: { code?: string }) => {
        if (error?.code === "ERR_MOCHA_TIMEOUT") void stopChildrenOf(runnable);
    });
}

function isEachHook(hook: Mocha.Hook): boolean {
    const title = (hook as Mocha.Hook & { originalTitle?: string }).originalTitle ?? hook.title;
    return /^"(before|after) each" hook/.test(title);
}
