namespace Bastion.Analyzers.Infrastructure;

/// <summary>Every Bastion rule ID, in one place. Ranges per family are listed in docs/rules/README.md.</summary>
internal static class RuleIdentifiers
{
    /// <summary>A literal credential assigned to something whose name says it holds one.</summary>
#pragma warning disable BST1001 // A rule ID named after its rule, not a credential.
    public const string HardcodedCredential = "BST1001";
#pragma warning restore BST1001

    /// <summary>A string contains a token of a documented vendor format.</summary>
    public const string KnownSecretFormat = "BST1003";
}
