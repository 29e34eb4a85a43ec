using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace CustomerManager.Proxy;

/// <summary>One web node behind the proxy: its name (in the affinity cookie and the X-Served-By header) and address.</summary>
public sealed record ProxyNode(string Name, string Address);

/// <summary>
/// The proxy's routes and cluster, from configuration:
/// <list type="bullet">
/// <item><c>Proxy:Nodes</c>: the nodes' addresses, comma-separated ("http://10.0.0.11:8080,http://10.0.0.12:8080") or as
/// an array section; named node-1, node-2, … in that order.</item>
/// <item><c>Proxy:HealthCheckSeconds</c> (5): how often each node's <c>/health</c> is asked;
/// <c>Proxy:FailuresBeforeRemoval</c> (2): consecutive failed checks before a node gets no more requests.</item>
/// </list>
/// A user's requests stay on the node that served them first (cookie <see cref="AffinityCookie"/>): a Blazor Server
/// circuit lives in one node's memory. When that node fails its checks (or a request to it fails) the user is sent to
/// another node, signs in there with the same cookie (data-protection keys are in the database) and the page
/// reconnects with a new circuit.
/// </summary>
public static class ProxySetup
{
    public const string AffinityCookie = ".CustomerManager.Node";
    public const string ServedByHeader = "X-Served-By";
    public const string ClusterId = "customermanager";

    public static IReadOnlyList<ProxyNode> Nodes(IConfiguration configuration)
    {
        var section = configuration.GetSection("Proxy:Nodes");
        var addresses = section.Value is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value).OfType<string>().ToArray();
        if (addresses.Length == 0)
        {
            throw new InvalidOperationException("Proxy:Nodes names no node: give the web nodes' addresses, comma-separated.");
        }

        return addresses.Select((a, i) => Uri.TryCreate(a, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? new ProxyNode($"node-{i + 1}", a.TrimEnd('/') + "/")
                : throw new InvalidOperationException($"Proxy:Nodes: \"{a}\" is not an http(s) address."))
            .ToList();
    }

    public static IReadOnlyList<RouteConfig> Routes() =>
    [
        new RouteConfig { RouteId = "everything", ClusterId = ClusterId, Match = new RouteMatch { Path = "{**catch-all}" } },
    ];

    public static ClusterConfig Cluster(IReadOnlyList<ProxyNode> nodes, IConfiguration configuration) => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = "RoundRobin",
        SessionAffinity = new SessionAffinityConfig
        {
            Enabled = true,
            Policy = "Cookie",
            // The node is gone (or unhealthy): pick another rather than answering 503.
            FailurePolicy = "Redistribute",
            AffinityKeyName = AffinityCookie,
            Cookie = new SessionAffinityCookieConfig { HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax },
        },
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = TimeSpan.FromSeconds(configuration.GetValue("Proxy:HealthCheckSeconds", 5.0)),
                Timeout = TimeSpan.FromSeconds(configuration.GetValue("Proxy:HealthCheckTimeoutSeconds", 3.0)),
                Policy = "ConsecutiveFailures",
                Path = "/health",
            },
            // A request that cannot reach a node marks it unhealthy at once, until the active check finds it back.
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = "TransportFailureRate",
                ReactivationPeriod = TimeSpan.FromSeconds(configuration.GetValue("Proxy:ReactivationSeconds", 30.0)),
            },
        },
        Metadata = new Dictionary<string, string>
        {
            ["ConsecutiveFailuresHealthPolicy.Threshold"] = configuration.GetValue("Proxy:FailuresBeforeRemoval", 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            // One failed request in the window is enough to stop sending users to a dead node.
            ["TransportFailureRateHealthPolicy.RateLimit"] = "0.01",
        },
        Destinations = nodes.ToDictionary(n => n.Name, n => new DestinationConfig { Address = n.Address }),
    };

    public static void AddCustomerManagerProxy(this WebApplicationBuilder builder)
    {
        var nodes = Nodes(builder.Configuration);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(Routes(), [Cluster(nodes, builder.Configuration)])
            .AddTransforms(context =>
            {
                // The nodes see the address the browser used (redirects, antiforgery, the circuit's origin), not their own.
                context.AddOriginalHost(true);
                context.AddResponseTransform(transform =>
                {
                    // Which node answered: for operators (and the multi-node test), not a secret.
                    if (transform.HttpContext.Features.Get<IReverseProxyFeature>()?.ProxiedDestination is { } node)
                    {
                        transform.HttpContext.Response.Headers[ServedByHeader] = node.DestinationId;
                    }

                    return ValueTask.CompletedTask;
                });
            });
    }
}
