using System.Globalization;

namespace CustomerManager.LoadCheck;

/// <summary>The process listening on a local TCP port, found through /proc, and its resident memory.</summary>
public static class ServerProcess
{
    public static int? ListeningOn(int port)
    {
        var inodes = new HashSet<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // local_address rem_address st ... inode: state 0A is LISTEN.
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var localPort = int.Parse(parts[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (localPort == port && parts[3] == "0A")
                {
                    inodes.Add($"socket:[{parts[9]}]");
                }
            }
        }

        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                if (Directory.EnumerateFiles(Path.Combine(process, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target)))
                {
                    return int.Parse(Path.GetFileName(process), CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process that ended or is not ours to read.
            }
        }

        return null;
    }

    /// <summary>VmRSS of the process in bytes (null when it cannot be read).</summary>
    public static long? ResidentBytes(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/status"))
        {
            return null;
        }

        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
