using Bunit;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Customers;

/// <summary>Issue 12: phone numbers are shown in the national format with spaces at home, internationally otherwise.</summary>
public class PhoneFormatTests : MudTestContext, IClassFixture<AppFactory>
{
    public PhoneFormatTests(AppFactory factory)
    {
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<PhoneDisplay>());
    }

    [Theory]
    [InlineData("+27731000046", "27", "073 100 0046")]
    [InlineData("+27821234567", "27", "082 123 4567")]
    [InlineData("+27114567890", "27", "011 456 7890")]
    [InlineData("+442079460958", "27", "+44 20 7946 0958")]
    [InlineData("+27731000046", "44", "+27 73 100 0046")]
    [InlineData("not a number", "27", "not a number")]
    [InlineData(null, "27", "")]
    public void A_stored_number_is_shown_nationally_at_home_and_internationally_abroad(string? stored, string home, string shown) =>
        Assert.Equal(shown, PhoneFormat.Display(stored, home));

    [Fact]
    public void The_phone_component_shows_a_stored_number_in_the_business_countrys_format()
    {
        using var actor = Actors.As("phone-clerk", Roles.Clerk);

        var phone = Render<PhoneNumber>(p => p.Add(x => x.Value, "+27731000046"));

        phone.WaitForAssertion(() => Assert.Equal("073 100 0046", phone.Find(".cm-phone").TextContent));
    }
}
