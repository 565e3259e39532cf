/**
 * Program B of the engine benchmark, as plain JavaScript: the resource a team writes by hand today. A dynamic
 * resource per chart whose create/update runs `helm package` then `helm push` (after a `helm registry login` done
 * outside the program; Helm's binary and home come through the environment), and whose diff compares a hash of
 * the chart directory's content that the program computes.
 */
export const HELM_RESOURCE_PROGRAM = `"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");

function contentHash(dir) {
    const hash = crypto.createHash("sha256");
    const walk = (current) => {
        for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
            const full = path.join(current, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else {
                hash.update(path.relative(dir, full)).update("\\0").update(fs.readFileSync(full)).update("\\0");
            }
        }
    };
    walk(dir);
    return hash.digest("hex");
}

async function packageAndPush(inputs) {
    const { execFile } = require("child_process");
    const { promisify } = require("util");
    const os = require("os");
    const fs = require("fs");
    const path = require("path");
    const run = promisify(execFile);
    const helm = process.env.BENCH_HELM || "helm";
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "helm-package-"));
    try {
        const { stdout } = await run(helm, ["package", inputs.chartDir, "-d", out]);
        const tgz = stdout.trim().split(": ").pop();
        await run(helm, ["push", tgz, "oci://" + inputs.registry + "/" + inputs.namespace, "--plain-http"]);
    } finally {
        fs.rmSync(out, { recursive: true, force: true });
    }
}

const helmChartProvider = {
    async create(inputs) {
        await packageAndPush(inputs);
        return { id: inputs.registry + "/" + inputs.namespace + "/" + path.basename(inputs.chartDir), outs: inputs };
    },
    async diff(_id, olds, news) {
        const changed = ["chartDir", "hash", "registry", "namespace"].filter((key) => olds[key] !== news[key]);
        return { changes: changed.length > 0 };
    },
    async update(_id, _olds, news) {
        await packageAndPush(news);
        return { outs: news };
    },
};

class HelmChart extends pulumi.dynamic.Resource {
    constructor(name, args, opts) {
        super(helmChartProvider, name, args, opts);
    }
}

const config = new pulumi.Config();
const chartsDir = config.require("chartsDir");
for (const name of fs.readdirSync(chartsDir).sort()) {
    const chartDir = path.join(chartsDir, name);
    new HelmChart(name, { chartDir, hash: contentHash(chartDir), registry: config.require("registry"), namespace: config.require("namespace") });
}
`;
