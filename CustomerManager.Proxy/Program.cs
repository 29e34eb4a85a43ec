namespace CustomerManager.Proxy;

/// <summary>The proxy's entry point (a named class: the tests reference both this and the app's <c>Program</c>).</summary>
public static class ProxyProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddCustomerManagerProxy();
        var app = builder.Build();
        // The proxy's own liveness, apart from the nodes' (which it checks itself).
        app.MapGet("/proxy-health", () => Results.Text("ok"));
        app.MapReverseProxy();
        app.Run();
    }
}
