import * as pulumi from "@pulumi/pulumi";
import { PromotedChart as GeneratedPromotedChart, PromotedChartArgs } from "../../sdk/nodejs/promotedChart";

/** The custom resource that owns one promoted chart version in the destination registry: the class generated from the plugin's schema. */
export class PromotedChart extends GeneratedPromotedChart {
    constructor(name: string, props: Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
        super(name, props as unknown as PromotedChartArgs, opts);
    }
}
