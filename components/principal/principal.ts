import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { Application } from "@pulumi/azuread/application";
import { ApplicationPassword } from "@pulumi/azuread/applicationPassword";
import { ServicePrincipal } from "@pulumi/azuread/servicePrincipal";
import { childName } from "../shared/naming";
import { roleDefinitionIdOutput } from "../shared/roles";
import { AcrPushPrincipalArgs } from "./args";
import { passwordSchedule } from "./password";
import { validateAcrPushPrincipalArgs } from "./validate";

/**
 * An Entra ID application and service principal with a password, holding
 * AcrPush (or AcrPull) on one registry and nothing else.
 */
export class AcrPushPrincipal extends pulumi.ComponentResource {
    /** Application (client) id; the username for `helm registry login`. */
    public readonly clientId: pulumi.Output<string>;
    /** Password of the application (secret). */
    public readonly clientSecret: pulumi.Output<string>;
    /** Tenant the application lives in. */
    public readonly tenantId: pulumi.Output<string>;
    /** Object id of the service principal (the role assignment's principal). */
    public readonly servicePrincipalObjectId: pulumi.Output<string>;

    constructor(name: string, args: AcrPushPrincipalArgs, opts?: pulumi.ComponentResourceOptions) {
        validateAcrPushPrincipalArgs(args);
        super("acr-helm:principal:AcrPushPrincipal", name, {}, opts);

        const displayName = args.displayName ?? name;
        const owners = args.owners ? [...args.owners] : undefined;
        const application = new Application(childName(name, "app"), { displayName, owners }, { parent: this });
        const servicePrincipal = new ServicePrincipal(childName(name, "sp"), { clientId: application.clientId, owners }, { parent: this });
        const schedule = passwordSchedule(new Date(), args);
        const rotateWhenChanged = { ...args.rotateWhenChanged, ...schedule.rotationKeys };
        const password = new ApplicationPassword(
            childName(name, "password"),
            {
                applicationId: application.id,
                displayName: "acr-helm",
                endDate: schedule.endDate,
                rotateWhenChanged: Object.keys(rotateWhenChanged).length > 0 ? rotateWhenChanged : undefined,
            },
            { parent: this },
        );
        new authorization.RoleAssignment(
            childName(name, "role"),
            {
                principalId: servicePrincipal.objectId,
                principalType: "ServicePrincipal",
                roleDefinitionId: roleDefinitionIdOutput(args.role ?? "AcrPush", { parent: this }),
                scope: args.registryId,
            },
            { parent: this },
        );

        this.clientId = application.clientId;
        this.clientSecret = pulumi.secret(password.value);
        this.tenantId = servicePrincipal.applicationTenantId;
        this.servicePrincipalObjectId = servicePrincipal.objectId;
        this.registerOutputs({
            clientId: this.clientId,
            clientSecret: this.clientSecret,
            tenantId: this.tenantId,
            servicePrincipalObjectId: this.servicePrincipalObjectId,
        });
    }
}
