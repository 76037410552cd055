using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Describes a finding to the rule that reports it: what reached which sink.</summary>
internal delegate Diagnostic? ConstantFlowReporter(ValueSource source, IOperation sinkValue, Location location, ImmutableArray<Location> additionalLocations, ConstantOrigin origin);
