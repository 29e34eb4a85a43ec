using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Auditing;

public class DivisionAuditTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Creating_changing_and_deleting_a_division_writes_audit_rows_with_old_and_new_values()
    {
        using var actor = Actors.As("auditor-admin", Roles.Admin);
        using var scope = factory.Scope();
        var organisation = scope.ServiceProvider.GetRequiredService<OrganisationService>();

        var created = await organisation.CreateDivisionAsync(new DivisionInput("Pharmacy", "pha", DivisionType.Other));
        var updated = await organisation.UpdateDivisionAsync(
            created.Id, created.Version, new DivisionInput("Pharmacy & Health", "PHA", DivisionType.Other, IsActive: false));
        await organisation.DeleteDivisionAsync(created.Id);

        var history = await HistoryAsync(created.Id);
        Assert.Equal([AuditAction.Created, AuditAction.Updated, AuditAction.Deleted], history.Select(h => h.Action));
        Assert.All(history, h => Assert.Equal("auditor-admin", h.UserName));
        Assert.All(history, h => Assert.Equal("id-auditor-admin", h.UserId));

        var creation = history[0].Changes.ToDictionary(c => c.Field);
        Assert.Equal((null, "Pharmacy"), (creation["Name"].OldValue, creation["Name"].NewValue));
        Assert.Equal("PHA", creation["Code"].NewValue);
        Assert.Equal("Other", creation["Type"].NewValue);

        var change = history[1].Changes.ToDictionary(c => c.Field);
        Assert.Equal(["IsActive", "Name"], change.Keys.Order());
        Assert.Equal(("Pharmacy", "Pharmacy & Health"), (change["Name"].OldValue, change["Name"].NewValue));
        Assert.Equal(("True", "False"), (change["IsActive"].OldValue, change["IsActive"].NewValue));

        var deletion = history[2].Changes.ToDictionary(c => c.Field);
        Assert.Equal(("Pharmacy & Health", null), (deletion["Name"].OldValue, deletion["Name"].NewValue));
        Assert.Equal(1, updated.Version);
    }

    [Fact]
    public async Task Audit_rows_cannot_be_changed_or_deleted_through_the_context()
    {
        using var actor = Actors.As("tamper-admin", Roles.Admin);
        using var scope = factory.Scope();
        await scope.ServiceProvider.GetRequiredService<OrganisationService>()
            .CreateDivisionAsync(new DivisionInput("Pet supplies", "PET", DivisionType.Other));
        await using var db = await scope.ServiceProvider.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var entry = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
        db.AuditEntries.Remove(entry);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("append-only", refused.Message);
    }

    [Fact]
    public async Task A_refused_change_writes_no_audit_row()
    {
        using var actor = Actors.As("dup-admin", Roles.Admin);
        using var scope = factory.Scope();
        var organisation = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        var count = await CountAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            organisation.CreateDivisionAsync(new DivisionInput("Second grocery", "GRO", DivisionType.Grocery)));

        Assert.Equal("Code", refused.Field);
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task The_audit_log_is_searchable_by_entity_user_and_date_for_admins_and_accountants_only()
    {
        Division garden;
        using (Actors.As("search-admin", Roles.Admin))
        {
            using var scope = factory.Scope();
            garden = await scope.ServiceProvider.GetRequiredService<OrganisationService>()
                .CreateDivisionAsync(new DivisionInput("Garden centre", "GAR", DivisionType.Hardware));
        }

        // The day the entry was written, not the wall clock after it: the two differ when the test runs across midnight.
        var day = DateOnly.FromDateTime(Assert.Single(await HistoryAsync(garden.Id)).OccurredAtUtc);

        using (Actors.As("reader", Roles.Accountant))
        {
            using var scope = factory.Scope();
            var log = scope.ServiceProvider.GetRequiredService<AuditLogService>();
            var byUser = await log.SearchAsync(new AuditLogFilter(EntityType: "Division", UserName: "search-admin", From: day, To: day), 0, 50);
            var entry = Assert.Single(byUser.Items);
            Assert.Equal(1, byUser.TotalCount);
            Assert.Equal((AuditAction.Created, garden.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (entry.Action, entry.EntityKey));
            var code = Assert.Single(entry.Changes, c => c.Field == "Code");
            Assert.Equal((null, "GAR"), (code.OldValue, code.NewValue));

            var byKey = await log.SearchAsync(new AuditLogFilter(EntityType: "Division", EntityKey: entry.EntityKey), 0, 50);
            Assert.Equal([entry.Id], byKey.Items.Select(e => e.Id));

            var dayBefore = await log.SearchAsync(new AuditLogFilter(UserName: "search-admin", To: day.AddDays(-1)), 0, 50);
            Assert.Equal(0, dayBefore.TotalCount);
            var dayAfter = await log.SearchAsync(new AuditLogFilter(UserName: "search-admin", From: day.AddDays(1)), 0, 50);
            Assert.Equal(0, dayAfter.TotalCount);

            var (types, users) = await log.FilterChoicesAsync();
            Assert.Contains("Division", types);
            Assert.Contains("search-admin", users);

            await Assert.ThrowsAsync<DomainException>(() =>
                log.SearchAsync(new AuditLogFilter(From: day, To: day.AddDays(-1)), 0, 10));
        }

        using (Actors.As("a-clerk", Roles.Clerk))
        {
            using var scope = factory.Scope();
            await Assert.ThrowsAsync<AccessDeniedException>(() =>
                scope.ServiceProvider.GetRequiredService<AuditLogService>().SearchAsync(new AuditLogFilter(), 0, 10));
        }
    }

    private async Task<List<AuditEntry>> HistoryAsync(int divisionId)
    {
        using var scope = factory.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var key = divisionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.Where(a => a.EntityType == "Division" && a.EntityKey == key).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<int> CountAsync()
    {
        using var scope = factory.Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        return await db.AuditEntries.CountAsync();
    }
}

/// <summary>The audit trail's times come from the app's injected clock, not the machine's, and are UTC.</summary>
public class AuditClockTests(Statements.StatementAppFactory factory) : IClassFixture<Statements.StatementAppFactory>
{
    [Fact]
    public async Task Audit_times_come_from_the_injected_clock_in_utc()
    {
        // A moment no wall clock reads during the test run, with seconds and milliseconds to compare exactly.
        factory.Clock.Now = new DateTimeOffset(2031, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);
        using var actor = Actors.As("clock-admin", Roles.Admin);
        using var scope = factory.Scope();
        var created = await scope.ServiceProvider.GetRequiredService<OrganisationService>()
            .CreateDivisionAsync(new DivisionInput("Bakery", "BAK", DivisionType.Grocery));

        await using var db = await scope.ServiceProvider.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var key = created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == "Division" && a.EntityKey == key);
        Assert.Equal(new DateTime(2031, 3, 4, 5, 6, 7, 890), entry.OccurredAtUtc);
        Assert.NotEqual(DateTimeKind.Local, entry.OccurredAtUtc.Kind);
    }
}
