using System.Linq;
using Bastion.Analyzers.Dataflow;
using Bastion.Analyzers.Infrastructure;

namespace Bastion.Analyzers.Injection;

/// <summary>The injection family: <see cref="InjectionSinks"/> and <see cref="InjectionSanitizers"/>. The taint engine of a
/// compilation serves all its rules (and the other families'), so a new sink kind adds table lines, not another walk.</summary>
internal static class InjectionTaint
{
    public static readonly TaintFamily Family = new(
        new[]
        {
            RuleIdentifiers.SqlInjection, RuleIdentifiers.CommandInjection, RuleIdentifiers.LdapInjection, RuleIdentifiers.XPathInjection,
            RuleIdentifiers.PathTraversal, RuleIdentifiers.OpenRedirect, RuleIdentifiers.ResponseHeaderInjection, RuleIdentifiers.LogInjection,
            RuleIdentifiers.FormatStringInjection, RuleIdentifiers.CrossSiteScripting, RuleIdentifiers.UnsafeReflection, RuleIdentifiers.CodeInjection,
            RuleIdentifiers.SearchPathInjection, RuleIdentifiers.ResourceExhaustion,
        },
        static (compilation, rules) => new SinkTable(
            compilation,
            InjectionSinks.All.Where(line => rules.Contains(line.RuleId)),
            InjectionSinks.NeutralReceivers,
            rules.Contains(RuleIdentifiers.ResourceExhaustion) ? (RuleIdentifiers.ResourceExhaustion, InjectionKinds.Amount) : null),
        InjectionSanitizers.All.AddRange(InjectionSanitizers.Validators));
}
