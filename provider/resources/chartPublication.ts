import type * as pulumi from "@pulumi/pulumi";
import { ChartError } from "../../chart/model/errors";
import { OciError } from "../../chart/distribution/errors";
import { ValidationError } from "../../chart/model/validation";
import { PlanInputs, PublicationInputs, readInputs, readLoginServer, readPlanInputs } from "../../chart/publication/inputs";
import { planForCheck, planForPublish } from "../../chart/publication/planCache";
import { isKeylessRecord, KeylessTarget, previousRecords, sameKeylessTarget } from "../../chart/signing/signaturePlan";
import { currentDigest, pushPlan, removeManifest, signKeyless } from "../../chart/publication/registryCalls";
import { FINGERPRINT_PROPERTY, recordedPlan, sourceFingerprint } from "../../chart/publication/sourceFingerprint";
import { chartRef, PlannedProperties, plannedProperties, PublicationState, resourceId } from "../../chart/publication/state";
import { migratedIfUnchanged, Props, ResourceHandler, writtenByDynamicProvider } from "../resourceHandler";
import { containsUnknown, plainState, UNKNOWN } from "../wire";

/** Settings kept in state for `delete`: a change is an update that touches nothing in the registry. */
const DELETE_SETTINGS = ["deleteFromRegistryOnDestroy", "retainOnDelete"] as const;

/**
 * Properties that, when changed, move the publication to another repository: a replacement. A new chart version
 * is an update of the same publication; the older version stays in the registry.
 */
const IDENTITY_PROPERTIES = ["loginServer", "repositoryPath"] as const;

/**
 * Packages the chart locally and records what would be published: no network, so preview stays offline. Reports
 * every invalid input at once, and the chart's own problems too when the inputs that locate it are valid.
 */
export async function check(olds: Props, decoded: Props): Promise<pulumi.provider.CheckResult> {
    const news = withNamespaceAsStored(decoded);
    const localInputs = ["chartPath", "repository", "annotations", "provenance", "signing"];
    if (localInputs.some((key) => containsUnknown(news[key]))) return { inputs: news };
    const failures: pulumi.provider.CheckFailure[] = [];
    const inputs = await collectFailures(failures, () =>
        readInputs({ ...news, loginServer: knownOr(news.loginServer, "unknown.invalid") }),
    );
    const planInputs: PlanInputs | undefined = inputs ?? (await collectFailures([], () => readPlanInputs(news)));
    const loginServerKnown = inputs !== undefined && news.loginServer !== UNKNOWN;
    const previous = previousRecords(olds.signatures);
    const fingerprint = planInputs && sourceFingerprint(planInputs, previous, loginServerKnown);
    const planned =
        planInputs &&
        (await collectFailures(
            failures,
            async () => recordedPlan(olds, fingerprint) ?? plannedProperties(await planForCheck(planInputs, previous, loginServerKnown)),
        ));
    if (inputs && planned) {
        const conflict = overwriteConflict(olds, { ...news, ...planned }, inputs.allowOverwrite);
        if (conflict) failures.push(conflict);
    }
    if (failures.length > 0) return { inputs: news, failures };
    const pushed = planned && alreadyPublished(olds, news, planned);
    return {
        inputs: plainState({
            ...news,
            ...(pushed ? { ...planned, ...pushed } : withoutVersion(planned)),
            [FINGERPRINT_PROPERTY]: fingerprint,
        }),
    };
}

/**
 * The namespace stored under `repository`, its key in state since before `namespace` existed, so that older stacks
 * see no change.
 */
function withNamespaceAsStored({ namespace, ...rest }: Props): Props {
    return { ...rest, repository: namespace };
}

/** What `read` returns, or undefined with the failures its error stands for added to `failures`. */
async function collectFailures<T>(failures: pulumi.provider.CheckFailure[], read: () => T | Promise<T>): Promise<T | undefined> {
    try {
        return await read();
    } catch (error) {
        failures.push(...checkFailuresOf(error));
        return undefined;
    }
}

export async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.provider.DiffResult> {
    if (writtenByDynamicProvider(olds)) return { changes: true, replaces: [], deleteBeforeReplace: false };
    const replaces = IDENTITY_PROPERTIES.filter((key) => news[key] !== UNKNOWN && olds[key] !== normalized(key, news[key]));
    const unknownIdentity = IDENTITY_PROPERTIES.some((key) => news[key] === UNKNOWN);
    const contentChanged = olds.digest !== news.expectedDigest || olds.tag !== news.tag;
    const settingChanged = DELETE_SETTINGS.some((key) => Boolean(olds[key]) !== Boolean(news[key]));
    const signaturesChanged =
        signaturesOf(olds.signatures) !== signaturesOf(news.signatures) || keylessChanged(olds.signatures, news.signatures);
    return {
        changes: replaces.length > 0 || unknownIdentity || contentChanged || settingChanged || signaturesChanged,
        replaces: replaces.map(inputNameOf),
        deleteBeforeReplace: false,
    };
}

export async function create(news: Props): Promise<pulumi.provider.CreateResult> {
    const state = await publish(news);
    return { id: resourceId(state.loginServer, state.repositoryPath), outs: plainState(state) };
}

export async function update(id: string, olds: Props, news: Props): Promise<pulumi.provider.UpdateResult> {
    const migrated = await migratedIfUnchanged({ diff }, id, olds, news, ["ref", "digest", "version"]);
    return { outs: plainState(migrated ?? (await publish(news, previousRecords(olds.signatures).keyless))) };
}

/**
 * The chart version is an output of the push, not of the plan: a release that takes it from here does not fetch a
 * chart that the first preview of a new stack has not pushed yet.
 */
function withoutVersion(planned: object | undefined): object | undefined {
    if (planned === undefined) return undefined;
    return Object.fromEntries(Object.entries(planned).filter(([key]) => key !== "version"));
}

/**
 * What the push would return, when the previous inputs say this resource already published exactly the planned
 * artifact: an update that changes a setting, or rewrites state of the former dynamic provider, then previews with
 * its outputs known, so that the releases and promotions that read them show no change either.
 */
function alreadyPublished(olds: Props, news: Props, planned: Partial<PlannedProperties>): Props | undefined {
    const loginServer = normalized("loginServer", news.loginServer);
    const same =
        typeof planned.version === "string" &&
        olds.expectedDigest === planned.expectedDigest &&
        olds.repositoryPath === planned.repositoryPath &&
        olds.tag === planned.tag &&
        olds.loginServer === loginServer;
    if (!same) return undefined;
    return { version: planned.version, digest: planned.expectedDigest, ref: chartRef(String(loginServer), String(planned.repositoryPath)) };
}

/**
 * Refresh: a vanished tag removes the resource from state; a tag moved to other content is recorded in the outputs
 * and in the inputs' `expectedDigest`, so that the next preview shows the drift and `check` refuses to overwrite
 * it unless `allowOverwrite` is set. The returned inputs leave out the credentials and signing keys: the program supplies them.
 */
export async function read(id: string, props: Props): Promise<pulumi.provider.ReadResult> {
    const state = props as unknown as PublicationState;
    const inputs = readInputs(props);
    const digest = await currentDigest(inputs, state.repositoryPath, state.version);
    if (digest === undefined) return { id: "", props: {} };
    if (digest === state.digest) return { id, props: plainState(props) };
    const recordedInputs = Object.fromEntries(
        Object.entries(props).filter(([key]) => !["credentials", "signing", "ref", "digest"].includes(key)),
    );
    return { id, props: plainState({ ...props, digest }), inputs: plainState({ ...recordedInputs, expectedDigest: digest }) };
}

/**
 * Published versions are history that others pin to: deleting the resource leaves them in the registry, unless
 * `deleteFromRegistryOnDestroy` asks to remove the current version, and then only while its tag still points at
 * what this resource published.
 */
export async function remove(_id: string, props: Props): Promise<void> {
    const state = props as unknown as PublicationState;
    if (!state.deleteFromRegistryOnDestroy || state.retainOnDelete) return;
    const inputs = readInputs(props);
    const digest = await currentDigest(inputs, state.repositoryPath, state.version);
    if (digest !== undefined && digest === state.digest) {
        await removeManifest(inputs, state.repositoryPath, digest);
    }
}

/** Pushes what `news` planned; `earlier` is the keyless record in state, kept when it signs the same manifest. */
async function publish(news: Props, earlier?: unknown): Promise<PublicationState> {
    const inputs: PublicationInputs = readInputs(news);
    const plan = await planForPublish(inputs, previousRecords(news.signatures));
    if (news.expectedDigest !== undefined && news.expectedDigest !== plan.manifestDigest) {
        throw new ChartError(`chart at ${inputs.chartPath} changed while this update ran; run the update again`);
    }
    const digest = await pushPlan(inputs, plan);
    const ref = chartRef(inputs.loginServer, plan.repositoryPath);
    // After the push: a keyless signature needs Fulcio and a fresh token. Failing, it leaves the chart pushed and
    // the state as it was, so the next update signs.
    const keyless = await signKeyless(inputs, plan, digest, earlier).catch((error: unknown) => {
        throw keylessFailure(error, `${ref}@${digest}`);
    });
    const planned = plannedProperties(plan);
    const signatures = keyless ? { ...planned.signatures, keyless } : planned.signatures;
    return { ...inputs, ...planned, signatures, ref, digest };
}

/** A keyless signing failure, naming the input and what was pushed; the signer's messages never hold the token. */
function keylessFailure(error: unknown, pushed: string): Error {
    const message = error instanceof Error ? error.message : String(error);
    const named = /^signing\.keyless/.test(message) ? message : `signing.keyless: ${message}`;
    return new Error(`${named}; the chart ${pushed} is pushed but not signed: run the update again to sign it`);
}

function overwriteConflict(olds: Props, news: Props, allowOverwrite: boolean): pulumi.provider.CheckFailure | undefined {
    // The engine hands `check` the previous inputs, where `expectedDigest` is what this stack last published.
    const published = olds.expectedDigest ?? olds.digest;
    const sameArtifact = IDENTITY_PROPERTIES.every((key) => olds[key] === normalized(key, news[key])) && olds.tag === news.tag;
    if (allowOverwrite || !sameArtifact || published === undefined || published === news.expectedDigest) return undefined;
    return {
        property: "chartPath",
        reason:
            `chart ${String(news.name)} version ${String(news.version)} is already published with different content ` +
            `(${String(published)}); bump 'version' in Chart.yaml, or set allowOverwrite to replace it`,
    };
}

/** The failures an error stands for; errors that are not about the inputs are thrown on. */
function checkFailuresOf(error: unknown): pulumi.provider.CheckFailure[] {
    if (error instanceof ValidationError) return error.failures.map(({ property, reason }) => ({ property, reason }));
    if (error instanceof ChartError) return [{ property: "chartPath", reason: error.message }];
    if (error instanceof OciError) return [{ property: "repository", reason: error.message }];
    throw error;
}

/** The signatures a state or plan holds, comparable; state written before signing existed counts as unsigned. */
function signaturesOf(value: unknown): string {
    const records = previousRecords(value);
    return JSON.stringify([records.provenance ?? null, records.cosign ?? null]);
}

/**
 * Whether the keyless signature differs: planned (`news`) for another target than the one state (`olds`) holds a
 * signature for, or dropped. A signature due for what state already signed is no change: `check` sees only the
 * previous inputs, where the signature was still due.
 */
function keylessChanged(olds: unknown, news: unknown): boolean {
    const signed = previousRecords(olds).keyless;
    const planned = previousRecords(news).keyless;
    if (planned === undefined) return signed !== undefined;
    return !(isKeylessRecord(signed) && sameKeylessTarget(signed, planned as KeylessTarget));
}

function normalized(key: string, value: unknown): unknown {
    return key === "loginServer" && typeof value === "string" ? readLoginServer(value) : value;
}

function knownOr(value: unknown, fallback: string): unknown {
    return value === UNKNOWN ? fallback : value;
}

function inputNameOf(property: (typeof IDENTITY_PROPERTIES)[number]): string {
    return { loginServer: "loginServer", repositoryPath: "repository" }[property];
}

export const chartPublication: ResourceHandler = {
    checksOffline: true,
    check,
    diff,
    create,
    update,
    read,
    delete: remove,
};
