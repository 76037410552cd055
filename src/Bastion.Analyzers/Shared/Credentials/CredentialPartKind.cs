
namespace Bastion.Analyzers.Shared.Credentials;

internal enum CredentialPartKind
{
    /// <summary>A real-looking value: <c>Password=Tr0ub4dor</c>, <c>postgres://app:Tr0ub4dor@db</c>.</summary>
    Secret,

    /// <summary><c>Password=;</c> or <c>user:@host</c>: a database or service without a password.</summary>
    Empty,

    /// <summary>A template value nobody filled in: <c>Password=&lt;password&gt;</c>, <c>your_password</c>, <c>***</c>.</summary>
    Placeholder,

    /// <summary>Replaced before use (<c>{0}</c>, <c>${DB_PASSWORD}</c>, <c>%PWD%</c>): not a finding.</summary>
    Substituted,
}
