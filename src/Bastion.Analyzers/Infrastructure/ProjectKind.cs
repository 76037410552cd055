using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Infrastructure;

internal enum ProjectKind
{
    Production,
    Test,
}
