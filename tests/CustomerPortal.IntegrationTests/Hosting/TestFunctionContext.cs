using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.IntegrationTests.Hosting;

/// <summary>A <see cref="FunctionContext"/> that carries an <see cref="HttpContext"/> where the ASP.NET Core integration puts it, to run worker middleware without a worker.</summary>
internal sealed class TestFunctionContext : FunctionContext
{
    // Constants.HttpContextKey of Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore (2.1.1):
    // FunctionsHttpProxyingMiddleware adds the HttpContext under it and GetHttpContext() reads it back.
    private const string HttpContextKey = "HttpRequestContext";

    public TestFunctionContext(HttpContext http, string functionName, CancellationToken cancellationToken = default)
    {
        Items = new Dictionary<object, object> { [HttpContextKey] = http };
        InstanceServices = http.RequestServices;
        FunctionDefinition = new TestFunctionDefinition(functionName);
        CancellationToken = cancellationToken;

        // If a package update moves the key, every worker middleware test would otherwise pass through untested.
        if (!ReferenceEquals(this.GetHttpContext(), http))
        {
            throw new InvalidOperationException($"GetHttpContext() no longer reads Items[\"{HttpContextKey}\"]; check the AspNetCore extension's Constants.HttpContextKey.");
        }
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; }

    public override IInvocationFeatures Features => throw new NotSupportedException();

    public override CancellationToken CancellationToken { get; }
}
