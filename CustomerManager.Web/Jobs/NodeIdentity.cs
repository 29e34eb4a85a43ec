namespace CustomerManager.Web.Jobs;

/// <summary>
/// This web node's name in the job-run table and on the jobs page: <c>Node:Name</c> when set (e.g. "web-1"), else the
/// machine name and process id.
/// </summary>
public sealed class NodeIdentity(string name)
{
    public const string NameKey = "Node:Name";

    public string Name { get; } = name;

    public static NodeIdentity FromConfiguration(IConfiguration configuration) =>
        new(configuration[NameKey] is { Length: > 0 } name ? name : $"{Environment.MachineName}:{Environment.ProcessId}");
}
