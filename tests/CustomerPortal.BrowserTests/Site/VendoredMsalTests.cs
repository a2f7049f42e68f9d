using CustomerPortal.Testing;

namespace CustomerPortal.BrowserTests.Site;

/// <summary>
/// MSAL.js as the support console serves it (src/StaticSite/vendor/msal-browser: the package's UMD browser build and its MIT
/// licence) is the npm package pinned in package.json, unmodified: copy them again from node_modules/@azure/msal-browser when
/// the pin moves.
/// </summary>
public sealed class VendoredMsalTests
{
    [Theory]
    [InlineData("msal-browser.min.js", "lib/msal-browser.min.js")]
    [InlineData("LICENSE.txt", "LICENSE")]
    public void VendoredFile_IsThePinnedPackagesOwn(string vendored, string inPackage)
    {
        var package = Path.Combine(RepositoryPaths.Root, "node_modules", "@azure", "msal-browser");
        Assert.Contains("\"@azure/msal-browser\": \"5.29.0\"", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "package.json")), StringComparison.Ordinal);
        Assert.Contains("\"version\": \"5.29.0\"", File.ReadAllText(Path.Combine(package, "package.json")), StringComparison.Ordinal);

        Assert.Equal(
            File.ReadAllBytes(Path.Combine(package, inPackage)),
            File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "src", "StaticSite", "vendor", "msal-browser", vendored)));
    }
}
