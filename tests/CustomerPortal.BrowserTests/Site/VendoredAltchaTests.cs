using CustomerPortal.Testing;

namespace CustomerPortal.BrowserTests.Site;

/// <summary>
/// The ALTCHA widget the site serves (src/StaticSite/vendor/altcha: the CSP-friendly "external" build, its PBKDF2 worker, its
/// stylesheet and its MIT licence) is the npm package pinned in package.json, unmodified: the site has no build step, so the files
/// are copied; this test fails when the copy and the pinned version part ways (copy them again from node_modules/altcha).
/// </summary>
public sealed class VendoredAltchaTests
{
    [Theory]
    [InlineData("altcha.min.js", "dist/external/altcha.min.js")]
    [InlineData("altcha.css", "dist/external/altcha.css")]
    [InlineData("pbkdf2.js", "dist/workers/pbkdf2.js")]
    [InlineData("LICENSE.txt", "LICENSE.txt")]
    public void VendoredFile_IsThePinnedPackagesOwn(string vendored, string inPackage)
    {
        var package = Path.Combine(RepositoryPaths.Root, "node_modules", "altcha");
        Assert.Contains("\"altcha\": \"3.2.2\"", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "package.json")), StringComparison.Ordinal);
        Assert.Contains("\"version\": \"3.2.2\"", File.ReadAllText(Path.Combine(package, "package.json")), StringComparison.Ordinal);

        Assert.Equal(
            File.ReadAllBytes(Path.Combine(package, inPackage)),
            File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "src", "StaticSite", "vendor", "altcha", vendored)));
    }
}
