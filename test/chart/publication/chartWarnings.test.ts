import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ChartPublication } from "../../../components/publication";
import { pluginResource } from "../../provider/pluginResource";
import { minimalChart, TempDirs, writeFiles } from "../package/support";

/** Mocks that answer each registration as a preview of a new resource does: with the inputs the provider's check returned. */
const checkedInputsAsState: pulumi.runtime.Mocks = {
    async newResource(args) {
        const checked = await pluginResource("acr-helm:index:ChartPublication").check({}, args.inputs as Record<string, unknown>);
        if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
        return { id: `${args.name}_id`, state: checked.inputs };
    },
    call: () => ({}),
};

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

    async function warningsFor(name: string, chartYaml: string): Promise<{ warnings: typeof warned; reported: string[] }> {
        const dir = temp.make();
        writeFiles(dir, { ...minimalChart(), "Chart.yaml": chartYaml });
        await pulumi.runtime.setMocks(checkedInputsAsState, "acr-helm", "test", false);
        const publication = new ChartPublication(name, {
            chartPath: dir,
            loginServer: "127.0.0.1:5000",
            plainHttp: true,
            provenance: false,
        });
        const reported = await new Promise<string[]>((resolve) => publication.chartWarnings.apply(resolve));
        await new Promise((resolve) => setImmediate(resolve));
        return { warnings: warned.filter((w) => w.resource === publication), reported };
    }

    it("a leading-v version: published under its spelling, with a warning on the publication from the provider's check", async () => {
        const { warnings, reported } = await warningsFor("vchart", "apiVersion: v2\nname: vchart\nversion: v0.1.0\n");
        assert.strictEqual(reported.length, 1);
        assert.match(reported[0], /version "v0\.1\.0" is not strict SemVer 2: it is published under the tag "v0\.1\.0"/);
        assert.deepStrictEqual(
            warnings.map((w) => w.message),
            reported,
        );
    });

    it("no warning for a plain chart", async () => {
        const { warnings, reported } = await warningsFor("plain", "apiVersion: v2\nname: plain\nversion: 0.1.0\n");
        assert.deepStrictEqual(reported, []);
        assert.deepStrictEqual(warnings, []);
    });
});
