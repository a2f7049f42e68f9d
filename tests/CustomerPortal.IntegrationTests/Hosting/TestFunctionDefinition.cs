using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.IntegrationTests.Hosting;

/// <summary>A <see cref="FunctionDefinition"/> with only a name, which is all the worker middleware reads.</summary>
internal sealed class TestFunctionDefinition(string name) : FunctionDefinition
{
    public override ImmutableArray<FunctionParameter> Parameters => [];

    public override string PathToAssembly => typeof(TestFunctionDefinition).Assembly.Location;

    public override string EntryPoint => name;

    public override string Id => name;

    public override string Name => name;

    public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
}
