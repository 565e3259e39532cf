import * as pulumi from "@pulumi/pulumi";

/**
 * Shows, as warnings on `resource`, what `helm lint` would complain about in a chart that Helm still packages (and
 * so this package publishes). The provider's `check` finds them while it packages the chart; its errors are
 * reported on the inputs instead.
 */
export function warnAboutChart(chartWarnings: pulumi.Output<string[] | undefined>, resource: pulumi.Resource): void {
    chartWarnings.apply((warnings) => {
        for (const warning of warnings ?? []) pulumi.log.warn(warning, resource);
    });
}
