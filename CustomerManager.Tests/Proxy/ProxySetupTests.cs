using CustomerManager.Proxy;
using Microsoft.Extensions.Configuration;

namespace CustomerManager.Tests.Proxy;

public class ProxySetupTests
{
    [Fact]
    public void Nodes_come_from_a_comma_separated_list_or_an_array_and_are_named_in_order()
    {
        Assert.Equal(
            [new ProxyNode("node-1", "http://10.0.0.11:8080/"), new ProxyNode("node-2", "https://web-2.internal/")],
            ProxySetup.Nodes(Config(("Proxy:Nodes", "http://10.0.0.11:8080, https://web-2.internal/"))));
        Assert.Equal(
            [new ProxyNode("node-1", "http://a:1/"), new ProxyNode("node-2", "http://b:2/")],
            ProxySetup.Nodes(Config(("Proxy:Nodes:0", "http://a:1"), ("Proxy:Nodes:1", "http://b:2"))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ftp://a:1")]
    [InlineData("not an address")]
    public void A_missing_or_bad_node_address_stops_the_proxy_with_a_clear_message(string nodes)
    {
        var problem = Assert.Throws<InvalidOperationException>(() => ProxySetup.Nodes(Config(("Proxy:Nodes", nodes))));
        Assert.StartsWith("Proxy:Nodes", problem.Message);
    }

    [Fact]
    public void The_cluster_keeps_users_on_their_node_checks_health_and_redistributes_when_a_node_fails()
    {
        var cluster = ProxySetup.Cluster(ProxySetup.Nodes(Config(("Proxy:Nodes", "http://a:1,http://b:2"), ("Proxy:HealthCheckSeconds", "2"))), Config());

        Assert.Equal((true, "Cookie", "Redistribute", ProxySetup.AffinityCookie),
            (cluster.SessionAffinity!.Enabled, cluster.SessionAffinity.Policy, cluster.SessionAffinity.FailurePolicy, cluster.SessionAffinity.AffinityKeyName));
        Assert.Equal((true, "/health", "ConsecutiveFailures"), (cluster.HealthCheck!.Active!.Enabled, cluster.HealthCheck.Active.Path, cluster.HealthCheck.Active.Policy));
        Assert.Equal(TimeSpan.FromSeconds(5), cluster.HealthCheck.Active.Interval);
        Assert.True(cluster.HealthCheck.Passive!.Enabled);
        Assert.Equal("2", cluster.Metadata!["ConsecutiveFailuresHealthPolicy.Threshold"]);
        Assert.Equal(["node-1", "node-2"], cluster.Destinations!.Keys.Order());
        Assert.Equal(TimeSpan.FromSeconds(2),
            ProxySetup.Cluster([new ProxyNode("node-1", "http://a:1/")], Config(("Proxy:HealthCheckSeconds", "2"))).HealthCheck!.Active!.Interval);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
