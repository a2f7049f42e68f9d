namespace CustomerPortal.LocalHost;

/// <summary>Finds the repository root (the folder holding <c>host.json</c> and <c>src/StaticSite</c>) from where the host runs.</summary>
public static class RepositoryLayout
{
    public static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "host.json")) && Directory.Exists(Path.Combine(dir.FullName, "src", "StaticSite")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (a folder with host.json and src/StaticSite). Run the local host from inside the repository.");
    }
}
