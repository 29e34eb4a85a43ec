using System.Globalization;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerManager.Tests.Statements;

/// <summary>A clock the tests set, so entries can be posted in past months.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Moves the clock to 10:00 UTC of <paramref name="isoDate"/> (yyyy-MM-dd).</summary>
    public void Set(string isoDate) => Now = new DateTimeOffset(DateOnly.Parse(isoDate, CultureInfo.InvariantCulture), new TimeOnly(10, 0), TimeSpan.Zero);
}

/// <summary>
/// The app on a clock the tests control. Until HostingSetup wires statements in, it also registers the statement
/// service and renderer (TryAdd: the app's own registrations win once they exist) and maps the PDF endpoint.
/// </summary>
public sealed class StatementAppFactory : AppFactory
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.TryAddScoped<StatementService>();
        services.TryAddSingleton<IStatementRenderer, StatementPdf>();
        services.AddSingleton<IStartupFilter, StatementEndpointFilter>();
    }

    /// <summary>Serves /statements/*.pdf from a branch with its own routing and the app's authentication.</summary>
    private sealed class StatementEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseWhen(
                context => context.Request.Path.StartsWithSegments("/statements") && context.Request.Path.Value!.EndsWith(".pdf", StringComparison.Ordinal),
                branch =>
                {
                    branch.UseRouting();
                    branch.UseAuthentication();
                    branch.UseAuthorization();
                    branch.UseEndpoints(endpoints => endpoints.MapStatementEndpoints());
                });
            next(app);
        };
    }
}
