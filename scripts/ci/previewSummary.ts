import * as fs from "fs";

/** The parts of `pulumi preview --json` the summary reads. Values are never printed, only names and chart versions. */
interface PreviewStep {
    readonly op: string;
    readonly urn: string;
    readonly diffReasons?: string[];
    readonly replaceReasons?: string[];
    readonly oldState?: { readonly outputs?: Record<string, unknown> };
    readonly newState?: { readonly inputs?: Record<string, unknown>; readonly outputs?: Record<string, unknown> };
}

interface PreviewJson {
    readonly steps?: PreviewStep[];
    readonly changeSummary?: Record<string, number>;
}

const PUBLICATION_TYPE = "acr-helm:index:ChartPublication";
const OP_WORDS: Record<string, string> = {
    create: "to create",
    update: "to update",
    replace: "to replace",
    delete: "to delete",
    same: "unchanged",
};

/** A Markdown summary of a preview for a pull request: counts, then one row per resource that changes. */
export function previewSummaryMarkdown(previewJson: string, stack: string): string {
    const preview = parsePreview(previewJson);
    const changed = (preview.steps ?? []).filter((step) => !["same", "read"].includes(step.op));
    const lines = [`### Pulumi preview of \`${cell(stack)}\``, "", countsLine(preview.changeSummary ?? {}), ""];
    if (changed.length === 0) return [...lines, "No resource changes.", ""].join("\n");
    lines.push("| Change | Resource | Type | Properties | Chart version |", "| --- | --- | --- | --- | --- |");
    for (const step of changed) {
        const [type, name] = typeAndName(step.urn);
        const properties = [...new Set([...(step.replaceReasons ?? []), ...(step.diffReasons ?? [])])].sort().join(", ");
        lines.push(`| ${step.op} | ${cell(name)} | ${cell(type)} | ${cell(properties)} | ${cell(versionChange(type, step))} |`);
    }
    return [...lines, ""].join("\n");
}

function parsePreview(text: string): PreviewJson {
    try {
        const parsed = JSON.parse(text) as unknown;
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as PreviewJson;
    } catch {
        // reported below
    }
    throw new Error("the input is not the JSON of `pulumi preview --json`: run `pulumi preview --json > preview.json` and pass that file");
}

/** Changes first, in OP_WORDS' order, then any other kind, then the unchanged. */
function countsLine(summary: Record<string, number>): string {
    const rank = (op: string) => (op === "same" ? 2 : op in OP_WORDS ? 0 : 1);
    const order = Object.keys(OP_WORDS);
    const parts = Object.entries(summary)
        .filter(([, count]) => count > 0)
        .sort(([a], [b]) => rank(a) - rank(b) || order.indexOf(a) - order.indexOf(b))
        .map(([op, count]) => `${count} ${OP_WORDS[op] ?? op}`);
    return `**${parts.length > 0 ? parts.join(", ") : "no resources"}**`;
}

/** `pulumi:pulumi:Stack$acr-helm:index:ChartPublication::name` → [`acr-helm:index:ChartPublication`, `name`]. */
function typeAndName(urn: string): [string, string] {
    const parts = urn.split("::");
    return [(parts[2] ?? "").split("$").pop() ?? "", parts[3] ?? urn];
}

/** `0.1.0 → 0.2.0` for a chart publication whose version changes; only plain strings, never a secret. */
function versionChange(type: string, step: PreviewStep): string {
    if (type !== PUBLICATION_TYPE) return "";
    const before = plainString(step.oldState?.outputs?.version);
    // The provider's check records the OCI tag it will push in the inputs (Helm spells a version's `+` as `_` in
    // tags); a preview's outputs are still the old ones.
    const tag = plainString(step.newState?.inputs?.tag);
    const after = plainString(step.newState?.inputs?.version) ?? tag?.replace(/_/g, "+");
    if (before !== undefined && before === after) return before;
    if (before === undefined && after === undefined && step.op !== "create") return "";
    return `${before ?? "(new)"} → ${after ?? "(known after publishing)"}`;
}

function plainString(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** `node dist/scripts/ci/previewSummary.js <stack> < preview.json > summary.md` */
if (require.main === module) {
    const stack = process.argv[2];
    if (!stack) {
        console.error("usage: previewSummary.js <stack name> < preview.json");
        process.exit(2);
    }
    try {
        process.stdout.write(previewSummaryMarkdown(fs.readFileSync(0, "utf8"), stack));
    } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
    }
}
