import * as pulumi from "@pulumi/pulumi";
import { Application } from "@pulumi/azuread/application";
import { ApplicationFederatedIdentityCredential } from "@pulumi/azuread/applicationFederatedIdentityCredential";
import { ApplicationPassword } from "@pulumi/azuread/applicationPassword";
import { ServicePrincipal } from "@pulumi/azuread/servicePrincipal";
import { childName } from "../shared/naming";
import { registryGrants } from "../shared/registryGrants";
import { assignRegistryRoles } from "../shared/registryRoleAssignments";
import { principalAccess, principalMode, wantsClientSecret } from "./access";
import { AcrPushPrincipalArgs } from "./args";
import { federatedCredentialSettings } from "./federated";
import { passwordPlan } from "./password";
import { validateAcrPushPrincipalArgs } from "./validate";

/**
 * An Entra ID application and service principal holding registry roles on one registry and nothing else,
 * logging in with federated identity credentials (no secret) and/or a client secret.
 */
export class AcrPushPrincipal extends pulumi.ComponentResource {
    /** Application (client) id; the username for `helm registry login`, the client id for a federated login. */
    public readonly clientId: pulumi.Output<string>;
    /** The newer password of the application (secret); undefined when no client secret is created. */
    public readonly clientSecret: pulumi.Output<string> | undefined;
    /** Tenant the application lives in. */
    public readonly tenantId: pulumi.Output<string>;
    /** Object id of the service principal (the role assignments' principal). */
    public readonly servicePrincipalObjectId: pulumi.Output<string>;

    constructor(name: string, args: AcrPushPrincipalArgs, opts?: pulumi.ComponentResourceOptions) {
        validateAcrPushPrincipalArgs(args);
        super("acr-helm:principal:AcrPushPrincipal", name, {}, opts);

        const displayName = args.displayName ?? name;
        const owners = args.owners ? [...args.owners] : undefined;
        const application = new Application(childName(name, "app"), { displayName, owners }, { parent: this });
        const servicePrincipal = new ServicePrincipal(childName(name, "sp"), { clientId: application.clientId, owners }, { parent: this });
        for (const credential of args.federatedCredentials ?? []) {
            new ApplicationFederatedIdentityCredential(
                childName(name, `federated-${credential.name}`),
                { applicationId: application.id, ...federatedCredentialSettings(credential) },
                { parent: this },
            );
        }
        const passwords = wantsClientSecret(args) ? this.passwords(name, application, args) : undefined;
        assignRegistryRoles(
            { namePrefix: name, principalId: servicePrincipal.objectId, registryId: args.registryId, parent: this },
            registryGrants(principalMode(args), principalAccess(args)),
        );

        this.clientId = application.clientId;
        this.clientSecret = passwords ? pulumi.secret(passwords) : undefined;
        this.tenantId = servicePrincipal.applicationTenantId;
        this.servicePrincipalObjectId = servicePrincipal.objectId;
        this.registerOutputs({
            clientId: this.clientId,
            ...(this.clientSecret ? { clientSecret: this.clientSecret } : {}),
            tenantId: this.tenantId,
            servicePrincipalObjectId: this.servicePrincipalObjectId,
        });
    }

    /** One password, or two in turn with rotation; the value of the newer one. */
    private passwords(name: string, application: Application, args: AcrPushPrincipalArgs): pulumi.Output<string> {
        const plan = passwordPlan((args.clock ?? (() => new Date()))(), args);
        const created = plan.slots.map((slot) => {
            const rotateWhenChanged = { ...args.rotateWhenChanged, ...slot.rotationKeys };
            return new ApplicationPassword(
                childName(name, slot.suffix),
                {
                    applicationId: application.id,
                    displayName: "acr-helm",
                    endDate: slot.endDate,
                    rotateWhenChanged: Object.keys(rotateWhenChanged).length > 0 ? rotateWhenChanged : undefined,
                },
                { parent: this },
            );
        });
        return created[plan.newest].value;
    }
}
