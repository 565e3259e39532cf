import type * as pulumi from "@pulumi/pulumi";
import { COMPONENTS } from "./components/componentTable";
import type { Props, ResourceHandler } from "./resourceHandler";
import { RESOURCES } from "./resourceTable";
import { concealed, revealed, secretPropertiesOf } from "./secrets";

/** The type token of a URN: `urn:pulumi:<stack>::<project>::<parent types$>type::<name>`. */
export function typeOfUrn(urn: string): string {
    const qualifiedType = urn.split("::")[2] ?? "";
    return qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1);
}

/**
 * The `acr-helm` provider: custom resources dispatched by type token to their handler, with secrets unwrapped for
 * the handler and wrapped again in everything returned; components built through `construct`.
 */
export class AcrHelmProvider implements pulumi.provider.Provider {
    private readonly componentOutputs: Map<string, string[]>;

    constructor(
        public readonly version: string,
        public readonly schema: string,
    ) {
        const resources = (JSON.parse(schema) as { resources?: Record<string, { isComponent?: boolean; properties?: object }> }).resources;
        this.componentOutputs = new Map(
            Object.entries(resources ?? {})
                .filter(([, spec]) => spec.isComponent)
                .map(([token, spec]) => [token, Object.keys(spec.properties ?? {})]),
        );
    }

    async check(urn: string, olds: Props, news: Props): Promise<pulumi.provider.CheckResult> {
        const handler = handlerFor(urn);
        const result = await handler.check(revealed(olds) as Props, revealed(news) as Props);
        return { ...result, inputs: concealed(result.inputs, secretsOf(handler, news)) };
    }

    async diff(id: string, urn: string, olds: Props, news: Props): Promise<pulumi.provider.DiffResult> {
        return handlerFor(urn).diff(id, revealed(olds) as Props, revealed(news) as Props);
    }

    async create(urn: string, inputs: Props): Promise<pulumi.provider.CreateResult> {
        const handler = handlerFor(urn);
        const result = await handler.create(revealed(inputs) as Props);
        return { ...result, outs: concealed(result.outs, secretsOf(handler, inputs)) };
    }

    async read(id: string, urn: string, props: Props = {}): Promise<pulumi.provider.ReadResult> {
        const handler = handlerFor(urn);
        if (!handler.read) return { id, props };
        const result = await handler.read(id, revealed(props) as Props);
        const secrets = secretsOf(handler, props);
        return { ...result, props: concealed(result.props, secrets), inputs: concealed(result.inputs, secrets) };
    }

    async update(id: string, urn: string, olds: Props, news: Props): Promise<pulumi.provider.UpdateResult> {
        const handler = handlerFor(urn);
        const result = await handler.update(id, revealed(olds) as Props, revealed(news) as Props);
        return { ...result, outs: concealed(result.outs, secretsOf(handler, news)) };
    }

    async delete(id: string, urn: string, props: Props): Promise<void> {
        await handlerFor(urn).delete?.(id, revealed(props) as Props);
    }

    async construct(
        name: string,
        type: string,
        inputs: pulumi.Inputs,
        options: pulumi.ComponentResourceOptions,
    ): Promise<pulumi.provider.ConstructResult> {
        const entry = COMPONENTS[type];
        if (!entry) throw new Error(`unknown component type ${type}; this provider builds ${Object.keys(COMPONENTS).join(", ")}`);
        const component = entry().create(name, inputs, options) as pulumi.ComponentResource & Record<string, unknown>;
        const state = Object.fromEntries((this.componentOutputs.get(type) ?? []).map((key) => [key, component[key]]));
        return { urn: component.urn, state };
    }
}

function handlerFor(urn: string): ResourceHandler {
    const type = typeOfUrn(urn);
    const load = RESOURCES[type];
    if (!load) throw new Error(`unknown resource type ${type}; this provider implements ${Object.keys(RESOURCES).join(", ")}`);
    return load();
}

/** What is stored as a secret: the handler's secret properties and whatever the program sent as a secret. */
function secretsOf(handler: ResourceHandler, sent: Props): string[] {
    return [...handler.secretProperties, ...secretPropertiesOf(sent)];
}
