using System.Diagnostics;
using System.Globalization;

namespace CustomerPortal.SignInBenchmark;

/// <summary>
/// CPU time used by this process (the local host, the clients and the hasher) and by its child processes (Azurite),
/// read from /proc. Unlike wall-clock rates it hardly changes when other processes share the cores.
/// </summary>
public static class CpuMeter
{
    // USER_HZ: 100 on every Linux that .NET supports.
    private const double TicksPerSecond = 100;

    /// <summary>CPU time of this process and of its children, zero for the children where /proc cannot be read.</summary>
    public static (TimeSpan Self, TimeSpan Children) Now()
    {
        using var self = Process.GetCurrentProcess();
        return (self.TotalProcessorTime, ChildrenCpu());
    }

    private static TimeSpan ChildrenCpu()
    {
        if (!Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }

        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid ... utime stime" with utime and stime the 14th and 15th fields.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == Environment.ProcessId)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // Not a process, or one that ended while being read.
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
