using System.Globalization;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Statements;

/// <summary>A clock the tests set, so entries can be posted in past months.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Moves the clock to 10:00 UTC of <paramref name="isoDate"/> (yyyy-MM-dd).</summary>
    public void Set(string isoDate) => Now = new DateTimeOffset(DateOnly.Parse(isoDate, CultureInfo.InvariantCulture), new TimeOnly(10, 0), TimeSpan.Zero);
}

/// <summary>The app on a clock the tests control, so entries can be posted in past months.</summary>
public sealed class StatementAppFactory : AppFactory
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<TimeProvider>(Clock);
}
