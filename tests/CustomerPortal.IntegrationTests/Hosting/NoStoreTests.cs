using CustomerPortal.Functions.Http;
using CustomerPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerPortal.IntegrationTests.Hosting;

/// <summary>The worker marks every function's answer no-store, also a problem written after <c>Response.Clear()</c> (security review finding 5).</summary>
public sealed class NoStoreTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WorkerAnswer_SaysNoStore_AlsoWhenTheFunctionFails(bool functionThrows)
    {
        var http = MiddlewareHttpContext.Create("GET", "/api/me");
        var response = new StartingResponseFeature();
        http.Features.Set<IHttpResponseFeature>(response);
        var middleware = new ExceptionSafetyNetMiddleware(NullLogger<ExceptionSafetyNetMiddleware>.Instance);

        await middleware.Invoke(new TestFunctionContext(http, "Me"), _ => functionThrows ? throw new InvalidOperationException("boom") : Task.CompletedTask);
        await response.StartAsync();

        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
    }

    private sealed class StartingResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => starting.Add((callback, state));

        public async Task StartAsync()
        {
            foreach (var (callback, state) in starting)
            {
                await callback(state);
            }
        }
    }
}
