using System.Net;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace CustomerManager.Tests.Identity;

/// <summary>A production installation: no demo data, the first admin comes from configuration.</summary>
public sealed class ProductionAppFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("InitialAdmin:UserName", "first.admin");
        builder.UseSetting("InitialAdmin:Password", "a long first password");
    }
}

public class InitialAdminTests(ProductionAppFactory factory) : IClassFixture<ProductionAppFactory>
{
    [Fact]
    public async Task A_new_production_installation_has_no_demo_users_and_its_configured_first_admin_can_sign_in()
    {
        using var client = SignInClient.For(factory);
        var demo = await client.SignInAsync("admin", Data.Seeding.DemoDataSeeder.DemoPassword);
        Assert.Equal("Wrong user name or password.", await SignInClient.ErrorOf(demo));

        await client.SignInSuccessfullyAsync("first.admin", "a long first password");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/admin/users")).StatusCode);
    }
}
