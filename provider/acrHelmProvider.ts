import type * as pulumi from "@pulumi/pulumi";
import { COMPONENTS } from "./components/componentTable";
import { FUNCTIONS } from "./functions/functionTable";
import { Contract } from "./contract/contract";
import type { Props, ResourceHandler } from "./resourceHandler";
import { RESOURCES } from "./resourceTable";
import { concealed, revealed, secretPropertiesOf } from "./secrets";

/** The type token of a URN: `urn:pulumi:<stack>::<project>::<parent types$>type::<name>`. */
export function typeOfUrn(urn: string): string {
    const qualifiedType = urn.split("::")[2] ?? "";
    return qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1);
}

/**
 * The `acr-helm` provider: custom resources dispatched by type token to their handler, with inputs checked against
 * the schema first, secrets unwrapped for the handler and wrapped again in everything returned; components built
 * through `construct`.
 */
export class AcrHelmProvider implements pulumi.provider.Provider {
    private readonly contract: Contract;

    constructor(
        public readonly version: string,
        public readonly schema: string,
    ) {
        this.contract = new Contract(schema);
    }

    /** Inputs that break the contract fail here, all at once and before any handler (or request) runs. */
    async check(urn: string, olds: Props, news: Props): Promise<pulumi.provider.CheckResult> {
        const type = typeOfUrn(urn);
        const handler = handlerFor(urn);
        const decoded = this.contract.decode(type, revealed(news) as Props);
        if (decoded.failures.length > 0 && !handler.checksOffline) return { inputs: news, failures: [...decoded.failures] };
        const result = await handler.check(revealed(olds) as Props, decoded.inputs);
        if (decoded.failures.length > 0) return { inputs: news, failures: withContractFailures(decoded.failures, result.failures) };
        return { ...result, inputs: concealed(result.inputs, this.secretsOf(urn, news)) };
    }

    async diff(id: string, urn: string, olds: Props, news: Props): Promise<pulumi.provider.DiffResult> {
        return handlerFor(urn).diff(id, revealed(olds) as Props, revealed(news) as Props);
    }

    async create(urn: string, inputs: Props): Promise<pulumi.provider.CreateResult> {
        const result = await handlerFor(urn).create(revealed(inputs) as Props);
        return { ...result, outs: concealed(result.outs, this.secretsOf(urn, inputs)) };
    }

    async read(id: string, urn: string, props: Props = {}): Promise<pulumi.provider.ReadResult> {
        const handler = handlerFor(urn);
        if (!handler.read) return { id, props };
        const result = await handler.read(id, revealed(props) as Props);
        const secrets = this.secretsOf(urn, props);
        return { ...result, props: concealed(result.props, secrets), inputs: concealed(result.inputs, secrets) };
    }

    async update(id: string, urn: string, olds: Props, news: Props): Promise<pulumi.provider.UpdateResult> {
        const result = await handlerFor(urn).update(id, revealed(olds) as Props, revealed(news) as Props);
        return { ...result, outs: concealed(result.outs, this.secretsOf(urn, news)) };
    }

    async delete(id: string, urn: string, props: Props): Promise<void> {
        await handlerFor(urn).delete?.(id, revealed(props) as Props);
    }

    /** Functions: inputs checked against the schema first; a broken input fails before any request. */
    async invoke(token: string, inputs: Props): Promise<pulumi.provider.InvokeResult> {
        const load = FUNCTIONS[token];
        if (!load) throw new Error(`unknown function ${token}; this provider serves ${Object.keys(FUNCTIONS).join(", ")}`);
        const decoded = this.contract.decodeFunction(token, revealed(inputs) as Props);
        if (decoded.failures.length > 0) return { failures: [...decoded.failures] };
        return load()(decoded.inputs);
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
        const state = Object.fromEntries(this.contract.componentOutputs(type).map((key) => [key, component[key]]));
        return { urn: component.urn, state };
    }

    /** What is stored as a secret: what the schema marks secret and whatever the program sent as a secret. */
    private secretsOf(urn: string, sent: Props): string[] {
        return [...this.contract.secretInputs(typeOfUrn(urn)), ...secretPropertiesOf(sent)];
    }
}

function handlerFor(urn: string): ResourceHandler {
    const type = typeOfUrn(urn);
    const load = RESOURCES[type];
    if (!load) throw new Error(`unknown resource type ${type}; this provider implements ${Object.keys(RESOURCES).join(", ")}`);
    return load();
}

/** The contract's failures, then the handler's about properties the contract found nothing wrong with. */
function withContractFailures(
    contract: readonly pulumi.provider.CheckFailure[],
    handler: readonly pulumi.provider.CheckFailure[] = [],
): pulumi.provider.CheckFailure[] {
    const topLevel = (property: string) => property.split(/[.[]/)[0];
    const refused = new Set(contract.map((failure) => topLevel(failure.property)));
    return [...contract, ...handler.filter((failure) => !refused.has(topLevel(failure.property)))];
}
