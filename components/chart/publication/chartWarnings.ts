import * as pulumi from "@pulumi/pulumi";
import { packageChart } from "../package";

/**
 * Shows, as warnings on `resource`, what `helm lint` would complain about in a chart that Helm still
 * packages (and so this package publishes). The chart is packaged here only to read its warnings:
 * errors are left to the publication's own check, which reports them on its inputs.
 */
export function warnAboutChart(chartPath: pulumi.Input<string>, resource: pulumi.Resource): void {
    pulumi.output(chartPath).apply(async (chart) => {
        const packaged = await packageChart(chart).catch(() => undefined);
        for (const warning of packaged?.warnings ?? []) pulumi.log.warn(warning, resource);
    });
}
