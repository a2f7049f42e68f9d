namespace CustomerPortal.Functions.Security;

/// <summary>
/// A development signing key kept in a file (never in the repository: .azurite is git-ignored), made once so tokens and the
/// clients' caches survive a restart. Used by the OpenID Connect provider's development key and the local host's development
/// Entra issuer.
/// </summary>
/// <remarks>
/// Hosts start side by side (browser fixtures, the samples): the one holding "&lt;file&gt;.lock" (an exclusive open, retried) makes
/// the key in a file of its own and renames it into place, then removes the lock. A host without the lock never writes, so nobody
/// reads a key that another host later replaces (File.Move's "no overwrite" is a check and a rename on Linux, not one step).
/// </remarks>
public static class DevelopmentKeyFile
{
    /// <summary>The PEM in <paramref name="file"/>, written first from <paramref name="createPem"/> when there is none.</summary>
    /// <param name="created">Called with the full path after this host made the key.</param>
    public static string ReadOrCreate(string file, Func<string> createPem, Action<string>? created = null)
    {
        ArgumentNullException.ThrowIfNull(createPem);
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var lockPath = path + ".lock";
            using (Lock(lockPath))
            {
                if (!File.Exists(path))
                {
                    var draft = $"{path}.{Guid.NewGuid():N}.tmp";
                    File.WriteAllText(draft, createPem());
                    File.Move(draft, path);
                    created?.Invoke(path);
                }

                // Removed only after the key is in place: a host that opens a new lock file from here on finds the key.
                File.Delete(lockPath);
            }
        }

        return File.ReadAllText(path);
    }

    private static FileStream Lock(string lockPath)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }
}
