import type { Props } from "../resourceHandler";
import type * as pulumi from "@pulumi/pulumi";

/** A function (invoke) the plugin serves: its inputs arrive checked against the schema, secrets unwrapped. */
export type FunctionHandler = (inputs: Props) => Promise<pulumi.provider.InvokeResult>;

/** The functions the plugin implements, by token; each module is loaded on first use. */
export const FUNCTIONS: Record<string, () => FunctionHandler> = {
    "acr-helm:index:getChart": () => require("./getChart").getChart,
};
