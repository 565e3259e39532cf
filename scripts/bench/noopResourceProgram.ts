/**
 * Program C of the engine benchmark, as plain JavaScript: a dynamic resource per chart that does nothing (its
 * create returns its inputs, its diff finds no change). What the engine costs for 50 dynamic resources on this
 * machine: no side can be faster than this.
 */
export const NOOP_RESOURCE_PROGRAM = `"use strict";
const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");

const noopProvider = {
    async create(inputs) {
        return { id: inputs.chartDir, outs: inputs };
    },
    async diff() {
        return { changes: false };
    },
};

class Noop extends pulumi.dynamic.Resource {
    constructor(name, args, opts) {
        super(noopProvider, name, args, opts);
    }
}

const config = new pulumi.Config();
const chartsDir = config.require("chartsDir");
for (const name of fs.readdirSync(chartsDir).sort()) {
    new Noop(name, { chartDir: path.join(chartsDir, name), registry: config.require("registry"), namespace: config.require("namespace") });
}
`;
