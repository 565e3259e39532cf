import { openRepository, RegistryConnectionOptions } from "../distribution/connection";
import { ChartToPush } from "./manifest";
import { PushChartResult, pushArtifactWith, PushPolicy } from "./push";
import { planChartPush } from "./pushPlan";
import { confirmTag, settleMs, TagWrite } from "./tagWrite";

/** One chart of a pushCharts call. */
export interface ChartToPublish {
    chart: ChartToPush;
    /** Full repository path including the chart name, e.g. "helm/hello-acr". */
    repository: string;
    /** Extra manifest annotations, as in pushChart. Default none. */
    annotations?: Record<string, string>;
}

export interface PushChartsOptions extends PushPolicy, RegistryConnectionOptions {
    charts: readonly ChartToPublish[];
    /** How many charts are published at once. Default 1 (in the given order). */
    concurrency?: number;
}

/** A write whose tag is read back once its own settle pause has passed. */
interface PendingReadBack {
    write: TagWrite;
    notBefore: number;
}

/**
 * Publishes several charts to one registry as pushChart does, each with the same race checks, but reads back the
 * tags that could not be locked together at the end: each tag is read back no sooner after its own write than
 * pushChart would read it (settleMs), yet the charts do not wait for each other's pauses. Resolves once every
 * chart is confirmed or failed, one outcome per chart in the given order; a chart that lost a race to another
 * writer is rejected with OciConflictError (VERSION_CONFLICT), and no outcome reports success before its read-back.
 */
export async function pushCharts(options: PushChartsOptions): Promise<PromiseSettledResult<PushChartResult>[]> {
    const outcomes: PromiseSettledResult<PushChartResult>[] = new Array(options.charts.length);
    const pending = new Map<number, PendingReadBack>();
    const publishOne = async (index: number): Promise<void> => {
        const { chart, repository, annotations } = options.charts[index];
        const readLater = async (write: TagWrite, putMs: number) => {
            pending.set(index, { write, notBefore: Date.now() + settleMs(putMs) });
        };
        try {
            const plan = planChartPush(chart, repository, annotations, options.registry);
            const value = await pushArtifactWith(openRepository(options, plan.repository), plan, options, readLater);
            outcomes[index] = { status: "fulfilled", value };
        } catch (reason) {
            outcomes[index] = { status: "rejected", reason };
        }
    };
    await inOrder(options.charts.length, options.concurrency ?? 1, publishOne);
    await readBackAll(pending, outcomes, options);
    return outcomes;
}

/** Runs task(0..count-1), `concurrency` at a time, each worker taking the next index. */
async function inOrder(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new RangeError(`concurrency must be a whole number of at least 1 (got ${concurrency}).`);
    }
    let next = 0;
    const worker = async () => {
        while (next < count) await task(next++);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Waits for the latest settle pause to pass, then reads every pending tag back; a moved tag fails its chart. */
async function readBackAll(
    pending: Map<number, PendingReadBack>,
    outcomes: PromiseSettledResult<PushChartResult>[],
    options: PushChartsOptions,
): Promise<void> {
    if (pending.size === 0) return;
    const latest = Math.max(...[...pending.values()].map((p) => p.notBefore));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, latest - Date.now())));
    await Promise.all(
        [...pending].map(async ([index, { write }]) => {
            try {
                await write.repository.operation(options, () => confirmTag(write));
            } catch (reason) {
                outcomes[index] = { status: "rejected", reason };
            }
        }),
    );
}
