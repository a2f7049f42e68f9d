using CustomerPortal.LocalHost;

var app = LocalPortalHost.Build(args);
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls)
    {
        Console.WriteLine($"Customer Portal is running at {address} (API at {address.TrimEnd('/')}/api/health). Press Ctrl+C to stop.");
    }
});
app.Run();
