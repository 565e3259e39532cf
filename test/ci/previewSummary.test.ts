import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { previewSummaryMarkdown } from "../../scripts/ci/previewSummary";
import { repoRoot } from "../support/paths";

// Shaped as pkg/backend/display/json.go (Pulumi v3.274.1) writes `pulumi preview --json` (secrets are "[secret]"),
// with the inputs the chart provider's check returns: the tag to push, no version (an output of the push).
const chartBump = fs.readFileSync(path.join(repoRoot, "test", "fixtures", "preview", "chart-bump.json"), "utf8");

describe("previewSummaryMarkdown", () => {
    const summary = previewSummaryMarkdown(chartBump, "team-a");
    const rows = summary.split("\n").filter((line) => /^\| (create|update|replace|delete) /.test(line));

    it("heads the summary with the stack and the counts, changes first and the unchanged last", () => {
        assert.ok(
            summary.startsWith("### Pulumi preview of `team-a`\n\n**1 to create, 3 to update, 1 to replace, 4 unchanged**\n"),
            summary,
        );
    });

    it("lists one row per changed resource, in the preview's order, leaving out unchanged ones", () => {
        assert.deepStrictEqual(rows, [
            "| update | hello-acr-chart | acr-helm:index:ChartPublication | contentDigest, tag | 0.2.0 → 0.3.0 |",
            "| update | hello-acr-chart | acr-helm:index:ChartDownload |  |  |",
            "| update | hello-acr-release | kubernetes:helm.sh/v3:Release | chart, version |  |",
            "| replace | team-a-api\\|chart | acr-helm:index:ChartPublication | loginServer | 1.4.0 |",
            "| create | team-a-worker-chart | acr-helm:index:ChartPublication |  | (new) → 0.1.0+build.7 |",
        ]);
    });

    it("prints names and chart versions only, never a property value", () => {
        for (const value of ["[secret]", "sha256:", "oci://", "/charts/hello-acr"]) assert.ok(!summary.includes(value), value);
    });

    it("says so when nothing changes", () => {
        const unchanged = JSON.stringify({ steps: [JSON.parse(chartBump).steps[0]], changeSummary: { same: 9 } });
        assert.strictEqual(
            previewSummaryMarkdown(unchanged, "team-a"),
            "### Pulumi preview of `team-a`\n\n**9 unchanged**\n\nNo resource changes.\n",
        );
    });

    it("refuses input that is not preview JSON, saying how to produce it", () => {
        for (const input of ["Previewing update (team-a):", "[]", "null"]) {
            assert.throws(
                () => previewSummaryMarkdown(input, "team-a"),
                /not the JSON of `pulumi preview --json`: run `pulumi preview --json > preview\.json`/,
            );
        }
    });
});
