import * as pulumi from "@pulumi/pulumi";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as monitor from "@pulumi/azure-native/monitor";
import { childName } from "../shared/naming";
import { ContainerRegistryArgs } from "./args";
import { defaultDiagnosticsName, registryDiagnosticsCategories, registrySettings, webhookSettings } from "./properties";
import { RoleAssignmentMode } from "../shared/permissionsMode";
import { Registry20251101 } from "./registryResource";
import { validateContainerRegistryArgs } from "./validate";

/**
 * An Azure Container Registry with secure defaults, optional geo-replicas,
 * webhooks and diagnostics.
 */
export class ContainerRegistry extends pulumi.ComponentResource {
    /** Name of the registry (also the first label of the login server). */
    public readonly registryName: pulumi.Output<string>;
    /** Azure resource id of the registry; the scope for role assignments. */
    public readonly registryId: pulumi.Output<string>;
    /** Host name clients log in to and push to, e.g. `myregistry.azurecr.io`. */
    public readonly loginServer: pulumi.Output<string>;
    /** Resource group holding the registry. */
    public readonly resourceGroupName: pulumi.Output<string>;
    /** The registry's role assignment permissions mode, as set; what principals and clusters must be told. */
    public readonly roleAssignmentMode: pulumi.Output<RoleAssignmentMode>;

    constructor(name: string, args: ContainerRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        validateContainerRegistryArgs(args);
        super("acr-helm:registry:ContainerRegistry", name, {}, opts);

        const settings = registrySettings(args);
        const registry = new Registry20251101(
            childName(name, "registry"),
            {
                resourceGroupName: args.resourceGroupName,
                registryName: args.registryName,
                location: args.location,
                tags: args.tags,
                ...settings,
            },
            { parent: this },
        );
        const scope = { registryName: registry.name, resourceGroupName: args.resourceGroupName };

        for (const location of args.geoReplications ?? []) {
            new containerregistry.Replication(
                childName(name, `replica-${location}`),
                { ...scope, replicationName: location, location, zoneRedundancy: settings.zoneRedundancy, tags: args.tags },
                { parent: this },
            );
        }
        for (const webhook of args.webhooks ?? []) {
            new containerregistry.Webhook(
                childName(name, `webhook-${webhook.name}`),
                // A webhook URI often carries a token in its query string.
                {
                    ...scope,
                    ...webhookSettings(webhook),
                    serviceUri: pulumi.secret(webhook.serviceUri),
                    location: registry.location,
                    tags: args.tags,
                },
                { parent: this },
            );
        }
        if (args.diagnostics) {
            new monitor.DiagnosticSetting(
                childName(name, "diagnostics"),
                {
                    name: args.diagnostics.name ?? defaultDiagnosticsName,
                    resourceUri: registry.id,
                    workspaceId: args.diagnostics.logAnalyticsWorkspaceId,
                    ...registryDiagnosticsCategories,
                },
                { parent: this },
            );
        }

        this.registryName = registry.name;
        this.registryId = registry.id;
        this.loginServer = registry.loginServer;
        this.resourceGroupName = pulumi.output(args.resourceGroupName);
        this.roleAssignmentMode = pulumi.output(settings.roleAssignmentMode);
        this.registerOutputs({
            roleAssignmentMode: this.roleAssignmentMode,
            registryName: this.registryName,
            registryId: this.registryId,
            loginServer: this.loginServer,
            resourceGroupName: this.resourceGroupName,
        });
    }
}
