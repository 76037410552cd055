using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared.Credentials;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Secrets;

/// <summary>Called with the name a value is given to, and the value.</summary>
internal delegate void NamedValueHandler(OperationAnalysisContext context, string targetName, IOperation value);
