import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ChartPublication } from "../../../components/chart/publication";
import { minimalChart, TempDirs, writeFiles } from "../package/support";
import { installMocks } from "../../support/mocks";

describe("ChartPublication warns about what helm lint would complain about in a chart it publishes", () => {
    const temp = new TempDirs();
    const original = pulumi.log.warn;
    const warned: { message: string; resource?: pulumi.Resource }[] = [];

    before(() => {
        (pulumi.log as { warn: typeof pulumi.log.warn }).warn = (message, resource) => {
            warned.push({ message, resource });
            return Promise.resolve();
        };
    });
    after(() => {
        (pulumi.log as { warn: typeof pulumi.log.warn }).warn = original;
        temp.removeAll();
    });

    async function warningsFor(name: string, chartYaml: string): Promise<typeof warned> {
        const dir = temp.make();
        writeFiles(dir, { ...minimalChart(), "Chart.yaml": chartYaml });
        const recorder = await installMocks();
        const publication = new ChartPublication(name, {
            chartPath: dir,
            loginServer: "127.0.0.1:5000",
            plainHttp: true,
            provenance: false,
        });
        await recorder.settled();
        for (let i = 0; i < 50 && !warned.some((w) => w.resource === publication); i++) await new Promise((r) => setTimeout(r, 20));
        return warned.filter((w) => w.resource === publication);
    }

    it("a leading-v version: published under its spelling, with a warning on the publication", async () => {
        const warnings = await warningsFor("vchart", "apiVersion: v2\nname: vchart\nversion: v0.1.0\n");
        assert.strictEqual(warnings.length, 1);
        assert.match(warnings[0].message, /version "v0\.1\.0" is not strict SemVer 2: it is published under the tag "v0\.1\.0"/);
    });

    it("no warning for a plain chart", async () => {
        const warnings = await warningsFor("plain", "apiVersion: v2\nname: plain\nversion: 0.1.0\n");
        assert.deepStrictEqual(warnings, []);
    });
});
