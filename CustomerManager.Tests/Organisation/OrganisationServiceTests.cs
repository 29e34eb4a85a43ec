using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Organisation;

public class OrganisationServiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Demo_data_has_the_business_five_divisions_and_twenty_employees()
    {
        using var actor = Actors.As("org-admin", Roles.Admin);
        using var scope = factory.Scope();
        var organisation = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        var divisions = await organisation.ListDivisionsAsync();
        Assert.Superset(new HashSet<string> { "GRO", "RES", "CLO", "HRD", "CON" }, divisions.Select(d => d.Code).ToHashSet());
        Assert.True((await organisation.ListEmployeesAsync()).Count >= 20);
        Assert.Equal("ZAR", (await organisation.GetBusinessAsync()).Currency);
    }

    [Fact]
    public async Task Editing_a_division_someone_else_changed_meanwhile_is_refused()
    {
        using var actor = Actors.As("org-admin", Roles.Admin);
        using var scope = factory.Scope();
        var organisation = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        var division = await organisation.CreateDivisionAsync(new DivisionInput("Florist", "FLO", DivisionType.Other));
        await organisation.UpdateDivisionAsync(division.Id, division.Version, new DivisionInput("Florist shop", "FLO", DivisionType.Other));

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            organisation.UpdateDivisionAsync(division.Id, division.Version, new DivisionInput("Flowers", "FLO", DivisionType.Other)));
        Assert.Contains("Reload", stale.Message);
        Assert.Equal("Florist shop", (await organisation.ListDivisionsAsync()).Single(d => d.Id == division.Id).Name);
    }

    [Theory]
    [InlineData("", "ABC", "Name")]
    [InlineData("Fine name", "AB", "Code")]
    [InlineData("Fine name", "A1C", "Code")]
    public async Task Bad_division_input_is_refused_with_a_message_on_the_field(string name, string code, string field)
    {
        using var actor = Actors.As("org-admin", Roles.Admin);
        using var scope = factory.Scope();
        var organisation = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        var before = (await organisation.ListDivisionsAsync()).Count;
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            organisation.CreateDivisionAsync(new DivisionInput(name, code, DivisionType.Other)));
        Assert.Equal(field, refused.Field);
        Assert.Equal(before, (await organisation.ListDivisionsAsync()).Count);
    }

    [Fact]
    public async Task A_division_with_employees_cannot_be_deleted()
    {
        using var actor = Actors.As("org-admin", Roles.Admin);
        using var scope = factory.Scope();
        var organisation = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        var grocery = (await organisation.ListDivisionsAsync()).Single(d => d.Code == "GRO");
        var refused = await Assert.ThrowsAsync<DomainException>(() => organisation.DeleteDivisionAsync(grocery.Id));
        Assert.Contains("inactive instead", refused.Message);
    }

    [Theory]
    [InlineData(Roles.Clerk)]
    [InlineData(Roles.CreditManager)]
    [InlineData(Roles.Accountant)]
    public async Task Only_admins_change_the_organisation(string role)
    {
        using var actor = Actors.As("not-admin", role);
        using var scope = factory.Scope();
        var organisation = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        Assert.NotEmpty(await organisation.ListDivisionsAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            organisation.CreateDivisionAsync(new DivisionInput("Sneaky", "SNK", DivisionType.Other)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => organisation.ListEmployeesAsync());
    }

    [Fact]
    public void Business_settings_are_validated()
    {
        Assert.Equal("Currency", Assert.Throws<DomainException>(() => new Business("Shop", "RAND", "South Africa", "27")).Field);
        Assert.Equal("DefaultPhoneCountryCode", Assert.Throws<DomainException>(() => new Business("Shop", "ZAR", "South Africa", "027")).Field);
        var business = new Business(" Shop ", "zar", "South Africa", "+27");
        Assert.Equal(("Shop", "ZAR", "27"), (business.Name, business.Currency, business.DefaultPhoneCountryCode));
    }

    [Fact]
    public async Task A_divisions_reminder_policy_is_saved_and_days_outside_the_range_are_refused()
    {
        using var actor = Actors.As("org-admin", Roles.Admin);
        using var scope = factory.Scope();
        var organisation = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        var division = await organisation.CreateDivisionAsync(new DivisionInput("Pharmacy", "PHA", DivisionType.Other, ReminderDaysBefore: 3, ReminderDaysAfter: 7));
        Assert.Equal((3, 7), (division.ReminderDaysBefore, division.ReminderDaysAfter));

        Assert.Equal("ReminderDaysAfter", (await Assert.ThrowsAsync<DomainException>(() => organisation.UpdateDivisionAsync(division.Id, division.Version,
            new DivisionInput("Pharmacy", "PHA", DivisionType.Other, ReminderDaysBefore: 3, ReminderDaysAfter: 0)))).Field);
        Assert.Equal("ReminderDaysBefore", (await Assert.ThrowsAsync<DomainException>(() => organisation.UpdateDivisionAsync(division.Id, division.Version,
            new DivisionInput("Pharmacy", "PHA", DivisionType.Other, ReminderDaysBefore: Division.MaxReminderDays + 1)))).Field);
        var stored = (await organisation.ListDivisionsAsync()).Single(d => d.Id == division.Id);
        Assert.Equal((3, 7), (stored.ReminderDaysBefore, stored.ReminderDaysAfter));

        await organisation.UpdateDivisionAsync(division.Id, stored.Version, new DivisionInput("Pharmacy", "PHA", DivisionType.Other));
        stored = (await organisation.ListDivisionsAsync()).Single(d => d.Id == division.Id);
        Assert.Equal(((int?)null, (int?)null), (stored.ReminderDaysBefore, stored.ReminderDaysAfter));
    }
}
