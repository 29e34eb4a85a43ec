using Bunit;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Audit;
using CustomerManager.Web.Components.Shared;
using CustomerManager.Web.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Auditing;

/// <summary>Issue 12: the audit log names people by their display names and fields by their labels, not sign-ins and column names.</summary>
public class AuditLogPageTests : MudTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory factory;

    public AuditLogPageTests(AppFactory factory)
    {
        this.factory = factory;
        Services.AddLogging();
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<AuditLogService>());
        Services.AddSingleton(factory.Services.GetRequiredService<TabularExporter>());
        Services.AddScoped<UiFeedback>();
        AddAuthorization().SetAuthorized("admin").SetRoles(Roles.Admin);
    }

    [Theory]
    [InlineData("PrimaryPhone", "Phone")]
    [InlineData("NationalId", "National ID")]
    [InlineData("CreditLimit", "Credit limit")]
    [InlineData("DivisionId", "Division")]
    [InlineData("CreatedAtUtc", "Created at")]
    [InlineData("Reference1Name", "Reference 1 name")]
    [InlineData("UserName", "Sign-in")]
    public void A_field_is_labelled_in_words(string field, string label) => Assert.Equal(label, AuditLabels.Field(field));

    [Fact]
    public async Task A_customer_registered_by_the_clerk_shows_her_name_and_the_field_labels()
    {
        Customer customer;
        using (Actors.As("clerk", Roles.Clerk))
        {
            using var scope = factory.Services.CreateScope();
            customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person());
        }

        using var admin = Actors.As("admin", Roles.Admin);
        RenderProviders();
        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#audit-grid tbody tr")), TimeSpan.FromSeconds(10));
        var row = page.FindAll("#audit-grid tbody tr").First(r => r.TextContent.Contains(customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            && r.TextContent.Contains("Customer", StringComparison.Ordinal));
        Assert.Contains("Clara Clerk", row.TextContent);
        Assert.DoesNotContain(">clerk<", row.InnerHtml);
        Assert.Contains("First name", row.TextContent);
        Assert.Contains("Phone", row.TextContent);
        Assert.DoesNotContain("PrimaryPhone", row.TextContent);
    }
}
