using System;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Fixes;

/// <summary>One finding per fixable rule, as a member (<c>STATIC </c> marks where a static context needs the modifier)
/// and, where C# allows it there, as top-level statements.</summary>
internal sealed record FixCase(string Usings, string Member, string? Statements, Func<string, BastionTest> Create);
