using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Messaging;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Messaging;

/// <summary>
/// The app with its outbox pointed at a real SMTP server and a local SMS gateway that the fixture starts, on a clock
/// the tests move. The background sender is off: tests run the dispatcher themselves, as one node or two.
/// </summary>
public sealed class MessagingAppFactory : AppFactory, IAsyncLifetime
{
    public TestClock Clock { get; } = new();

    public TestSmtpServer Smtp { get; } = new();

    public TestSmsGateway Sms { get; private set; } = null!;

    public async Task InitializeAsync() => Sms = await TestSmsGateway.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Sms.DisposeAsync();
        Dispose();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Messaging:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Messaging:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Messaging:Smtp:Security", "None");
        builder.UseSetting("Messaging:Smtp:From", "accounts@shop.example");
        builder.UseSetting("Messaging:Smtp:FromName", "Our business");
        builder.UseSetting("Messaging:Sms:Url", Sms.Url);
        builder.UseSetting("Messaging:Sms:Token", "test-token");
        builder.UseSetting("Messaging:Sms:From", "OURSHOP");
    }

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public T Service<T>()
        where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    public async Task<int> NewCustomerAsync(Func<CustomerDetails, CustomerDetails>? change = null)
    {
        using var actor = Actors.As("messaging-clerk", Roles.Clerk);
        var details = CustomerTestData.Person();
        return (await Service<CustomerService>().CreateAsync(change is null ? details : change(details))).Id;
    }

    public async Task<OutboxMessage> MessageAsync(int id)
    {
        await using var db = await Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.OutboxMessages.AsNoTracking().Include(m => m.Communication).SingleAsync(m => m.Id == id);
    }

    /// <summary>Dispatches as one node until nothing more is due now.</summary>
    public async Task<DispatchResult> DispatchAsync(string node = "node-a")
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        return await Dispatcher.DispatchDueAsync(node);
    }
}
