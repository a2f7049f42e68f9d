using CustomerPortal.Infra.Tests.Support;

namespace CustomerPortal.Infra.Tests;

/// <summary>The managed identity gets each role it needs, scoped to the one resource that needs it.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class RoleAssignmentTemplateTests(CompiledTemplate template)
{
    private const string RoleAssignment = "Microsoft.Authorization/roleAssignments";

    /// <summary>Role name, built-in role definition id, and the resource type the assignment is scoped to.</summary>
    public static TheoryData<string, string, string> Roles() => new()
    {
        { "Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts" },
        { "Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts" },
        { "Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts" },
        { "Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components" },
        { "Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults" },
        { "Contributor (to send SMS)", "b24988ac-6180-42a0-ab88-20f7382dd24c", "Microsoft.Communication/communicationServices" },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public void Managed_Identity_Gets_Role_On_Its_Resource(string roleName, string roleDefinitionId, string scopeType)
    {
        // Arrange
        var moduleTemplate = template.TemplateDeclaring(scopeType);

        // Act
        var assignments = CompiledTemplate.OwnResources(moduleTemplate)
            .Where(resource => CompiledTemplate.StringAt(resource, "type") == RoleAssignment)
            .Where(resource => CompiledTemplate.StringAt(resource, "scope")?.Contains(scopeType, StringComparison.OrdinalIgnoreCase) == true)
            .ToList();

        // Assert
        Assert.True(assignments.Count > 0, $"No role assignment scoped to {scopeType} for {roleName}.");
        Assert.Contains(roleDefinitionId, moduleTemplate.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.All(assignments, assignment =>
            Assert.Equal("ServicePrincipal", CompiledTemplate.StringAt(assignment, "properties", "principalType")));
    }

    [Fact]
    public void Contributor_Is_Granted_Only_On_Communication_Services()
    {
        // Arrange
        const string contributorRoleId = "b24988ac-6180-42a0-ab88-20f7382dd24c";

        // Act
        var templatesGrantingContributor = template.Templates()
            .Where(candidate => CompiledTemplate.OwnResources(candidate).Any(resource => CompiledTemplate.StringAt(resource, "type") == RoleAssignment))
            .Where(candidate => candidate.ToJsonString().Contains(contributorRoleId, StringComparison.OrdinalIgnoreCase))
            .ToList();

        // Assert
        var only = Assert.Single(templatesGrantingContributor);
        Assert.Same(template.TemplateDeclaring("Microsoft.Communication/communicationServices"), only);
    }
}
