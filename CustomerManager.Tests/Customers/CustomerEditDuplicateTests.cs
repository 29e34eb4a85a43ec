using Bunit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Common;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Customers;
using CustomerManager.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Customers;

/// <summary>The customer form against the real customer service: one field typed alone is enough to show likely duplicates.</summary>
public class CustomerEditDuplicateTests : MudTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory factory;

    public CustomerEditDuplicateTests(AppFactory factory)
    {
        this.factory = factory;
        Services.AddLogging();
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>());
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<Domain.Institutions.InstitutionService>());
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<PhoneDisplay>());
        Services.AddScoped<UiFeedback>();
    }

    public static TheoryData<string> Fields => ["PrimaryPhone", "PrimaryEmail", "NationalId", "CompanyName"];

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task One_field_typed_alone_shows_the_customer_it_matches(string field)
    {
        using var actor = Actors.As("dup-clerk", Roles.Clerk);
        var existing = await ExistingAsync();
        var typed = field switch
        {
            "PrimaryPhone" => existing.PrimaryPhone[3..], // the national digits, without the trunk 0
            "PrimaryEmail" => existing.PrimaryEmail!.ToUpperInvariant(),
            "NationalId" => existing.NationalId!,
            _ => existing.CompanyName!,
        };
        var form = RenderForm();

        form.Find($"input[name={field}]").Input(typed);

        form.WaitForAssertion(() => Assert.Contains(existing.CustomerNumber, form.Find("#duplicate-warning").TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_first_and_last_name_alone_show_the_person_of_that_name()
    {
        using var actor = Actors.As("dup-clerk", Roles.Clerk);
        var person = await CreateAsync(CustomerTestData.Person());
        var form = RenderForm();

        form.Find("input[name=LastName]").Input(person.LastName!);
        form.Find("input[name=FirstName]").Input(person.FirstName!);

        form.WaitForAssertion(() => Assert.Contains(person.CustomerNumber, form.Find("#duplicate-warning").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("Same first and last name", form.Find("#duplicate-warning").TextContent);
    }

    [Fact]
    public async Task Editing_a_customer_shows_the_phone_as_people_type_it_and_an_unchanged_form_saves_it_unchanged()
    {
        using var actor = Actors.As("dup-clerk", Roles.Clerk);
        var person = await CreateAsync(CustomerTestData.Person());
        RenderProviders();

        var form = Render<CustomerEdit>(p => p.Add(x => x.Id, person.Id));

        form.WaitForAssertion(() => Assert.Equal("0" + person.PrimaryPhone[3..5] + " " + person.PrimaryPhone[5..8] + " " + person.PrimaryPhone[8..],
            form.Find("input[name=PrimaryPhone]").GetAttribute("value")), TimeSpan.FromSeconds(10));
        form.Find("#customer-form").Submit();
        form.WaitForAssertion(() => Assert.EndsWith($"customers/{person.Id}", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri), TimeSpan.FromSeconds(10));
        using var scope = factory.Services.CreateScope();
        var saved = (await scope.ServiceProvider.GetRequiredService<CustomerService>().GetProfileAsync(person.Id)).Customer;
        Assert.Equal(person.PrimaryPhone, saved.PrimaryPhone);
    }

    private IRenderedComponent<CustomerEdit> RenderForm()
    {
        RenderProviders();
        var form = Render<CustomerEdit>();
        form.WaitForElement("input[name=PrimaryPhone]");
        Assert.Empty(form.FindAll("#duplicate-warning"));
        return form;
    }

    private async Task<Customer> ExistingAsync()
    {
        var details = CustomerTestData.Company();
        return await CreateAsync(details with { NationalId = CustomerTestData.NationalId() });
    }

    private async Task<Customer> CreateAsync(CustomerDetails details)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(details);
    }
}
