using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Describes a finding to the rule that reports it: what reached which sink.</summary>
internal delegate Diagnostic? ConstantFlowReporter(ValueSource source, IOperation sinkValue, Location location, ImmutableArray<Location> additionalLocations, ConstantOrigin origin);
